//! A successful response, and what every response says about itself in its headers.

use std::ops::Deref;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The documented success value of a call, with its status and metadata.
#[derive(Debug, Clone)]
pub struct Response<T> {
    pub status: StatusCode,
    pub meta: ResponseMeta,
    pub body: T,
}

impl<T> Response<T> {
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// Headers the API sends on every response, success or error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    /// `X-Request-Id`.
    pub request_id: Option<String>,
    /// `X-Ratelimit-Permitted`: requests permitted per minute.
    pub rate_limit_permitted: Option<u64>,
    /// `X-Ratelimit-Remaining`: requests left in the current minute.
    pub rate_limit_remaining: Option<u64>,
}

impl ResponseMeta {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        ResponseMeta {
            request_id: text("x-request-id").map(str::to_owned),
            rate_limit_permitted: text("x-ratelimit-permitted").and_then(|v| v.parse().ok()),
            rate_limit_remaining: text("x-ratelimit-remaining").and_then(|v| v.parse().ok()),
        }
    }
}
