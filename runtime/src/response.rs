//! A successful response, and what every response says about itself in its headers.

use std::fmt;
use std::ops::Deref;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::api::ApiProfile;

/// The documented success value of a call, with its status, metadata and headers.
#[derive(Clone)]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// Request id and rate-limit headers.
    pub meta: ResponseMeta,
    /// Every response header, as sent (the headers a document lists for the answer, such as
    /// `Location` or `ETag`, among them): read one with [`Response::header`].
    pub headers: HeaderMap,
    /// The documented body, decoded.
    pub body: T,
}

// Header values are left out of Debug (their names are shown): a header may carry a session
// cookie or a token the caller must not log.
impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("meta", &self.meta)
            .field("header_names", &names)
            .field("body", &self.body)
            .finish()
    }
}

impl<T> Response<T> {
    /// The value of the response header `name` (any case), when it was sent once, as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.get_all(name).iter();
        match (values.next(), values.next()) {
            (Some(value), None) => value.to_str().ok(),
            _ => None,
        }
    }

    /// The body alone.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            meta: self.meta,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// What the API says about every response, success or error, and how many attempts it took.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    /// The request's id (`X-Request-Id`, or the header the API uses), to quote to its support.
    pub request_id: Option<String>,
    /// Requests permitted in the API's rate-limit window, from its rate-limit header.
    pub rate_limit: Option<u64>,
    /// Requests left in the current window.
    pub rate_limit_remaining: Option<u64>,
    /// `Retry-After`, in seconds or as an HTTP date, as a wait from when the response arrived.
    pub retry_after: Option<Duration>,
    /// How many times the request was sent, this response's attempt included.
    pub attempts: u32,
}

impl ResponseMeta {
    pub(crate) fn from_headers(headers: &HeaderMap, attempts: u32, api: &ApiProfile) -> Self {
        let text = |name: Option<&str>| {
            name.and_then(|name| headers.get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        ResponseMeta {
            request_id: text(api.request_id_header).map(str::to_owned),
            rate_limit: text(api.rate_limit_header).and_then(|v| v.parse().ok()),
            rate_limit_remaining: text(api.rate_limit_remaining_header).and_then(|v| v.parse().ok()),
            retry_after: text(Some(RETRY_AFTER.as_str())).and_then(|v| parse_retry_after(v, SystemTime::now())),
            attempts,
        }
    }
}

/// `Retry-After: 120` or `Retry-After: Fri, 27 Nov 2026 04:11:10 GMT` (RFC 9110 §10.2.3).
/// Seconds too many for a `u64` saturate: such a wait is never made.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value.parse::<u64>().map_or(Duration::MAX, Duration::from_secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_both_forms() {
        let now = httpdate::parse_http_date("Fri, 27 Nov 2026 04:11:10 GMT").unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Fri, 27 Nov 2026 04:11:40 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Fri, 27 Nov 2026 04:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("+1", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(
            parse_retry_after("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after("99999999999999999999999", now), Some(Duration::MAX));
        let far = parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now).unwrap();
        assert!(far > Duration::from_secs(7_900 * 365 * 24 * 3600), "{far:?}");
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn a_header_is_read_by_name_and_debug_shows_names_not_values() {
        let mut headers = HeaderMap::new();
        headers.insert("location", "/things/7".parse().unwrap());
        headers.insert("set-cookie", "session=s3cr3t".parse().unwrap());
        headers.append("link", "<a>; rel=next".parse().unwrap());
        headers.append("link", "<b>; rel=last".parse().unwrap());
        let response = Response {
            status: StatusCode::CREATED,
            meta: ResponseMeta::default(),
            headers,
            body: 7,
        };
        assert_eq!(response.header("Location"), Some("/things/7"));
        assert_eq!(response.header("etag"), None, "not sent");
        assert_eq!(response.header("link"), None, "sent twice: read them from `headers`");
        let shown = format!("{:?}", response.clone().map(|n| n + 1));
        assert!(shown.contains("set-cookie") && shown.contains("body: 8"), "{shown}");
        assert!(!shown.contains("s3cr3t") && !shown.contains("/things/7"), "{shown}");
    }
}
