//! What a call returns besides success: one error type for every operation, generic over the
//! operation's documented errors.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::display::Neutralised;
use crate::json::{JsonError, UnknownVariant, decode_error};
use crate::response::ResponseMeta;

/// An operation's documented errors, one variant per status the document lists.
pub trait OperationError: Sized {
    /// Decodes the body of a documented status, wrapped in `envelope` or bare; `None` when the
    /// document lists no such status for the operation.
    fn decode(status: StatusCode, body: &[u8], envelope: Option<&str>) -> Option<Result<Self, JsonError>>;

    /// The status and the body of the variant.
    fn parts(&self) -> (StatusCode, &dyn ErrorBody);

    /// Whether the body carries the tag its schema documents ([`ErrorBody::is_tagged_as_documented`]):
    /// only then is it the API's own answer rather than any JSON that happened to decode.
    fn is_tagged_as_documented(&self) -> bool {
        self.parts().1.is_tagged_as_documented()
    }
}

/// What a documented error body can say about itself. Implemented by every type the document
/// uses as an error body, so that each operation's error enum only has to say which body it holds.
pub trait ErrorBody {
    /// The error code (`code`) the server sent; `None` when it sent none.
    fn code(&self) -> Option<&str> {
        None
    }

    /// Whether the body's tag (`code`) is present and is a value its schema documents. Decoding
    /// proves little when every member is optional (`{}` decodes): the tag is what tells the API's
    /// own error from a gateway's JSON.
    fn is_tagged_as_documented(&self) -> bool {
        false
    }

    /// The human-readable `description`, if the body has one.
    fn description(&self) -> Option<&str> {
        None
    }
}

/// Bodies that say nothing of themselves: every type a document can give an error body that
/// is not an object of its own (`type: integer`, `format: uuid`, an array, a map).
macro_rules! plain_error_bodies {
    ($($ty:ty),* $(,)?) => {
        $(impl ErrorBody for $ty {})*
    };
}

plain_error_bodies!(
    (),
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f64,
    uuid::Uuid,
    chrono::DateTime<chrono::FixedOffset>,
    chrono::NaiveDate,
    std::net::IpAddr,
    std::net::Ipv4Addr,
    std::net::Ipv6Addr,
    crate::NumberOrString,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
);
impl<T> ErrorBody for Vec<T> {}
impl<T> ErrorBody for std::collections::BTreeMap<String, T> {}

/// A body that may be `null` says what its value says.
impl<T: ErrorBody> ErrorBody for Option<T> {
    fn code(&self) -> Option<&str> {
        self.as_ref().and_then(T::code)
    }

    fn is_tagged_as_documented(&self) -> bool {
        self.as_ref().is_some_and(T::is_tagged_as_documented)
    }

    fn description(&self) -> Option<&str> {
        self.as_ref().and_then(T::description)
    }
}

impl<T: ErrorBody + ?Sized> ErrorBody for Box<T> {
    fn code(&self) -> Option<&str> {
        T::code(self)
    }

    fn is_tagged_as_documented(&self) -> bool {
        T::is_tagged_as_documented(self)
    }

    fn description(&self) -> Option<&str> {
        T::description(self)
    }
}

/// A documented status whose body is not the error the document gives it: another code, or
/// none (a gateway's JSON). Kept whole, with the code and description it carried, so that a
/// 404 `invalid_argument` is not mistaken for the documented 404 `…_not_found`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UndocumentedError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The code the server sent; `None` when it sent no string code.
    pub code: Option<String>,
    /// The error's human-readable text, as the server sent it.
    pub description: Option<String>,
    /// Every member of the error object, as it came.
    pub body: UnknownVariant,
}

impl ErrorBody for UndocumentedError {
    fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

/// An error object with one documented code: where its code and description are, and the value.
#[doc(hidden)]
pub trait DocumentedCode: ErrorBody {
    /// The member that holds the code (`code`).
    const CODE_MEMBER: &'static str;
    /// The one value the document gives it.
    const CODE: &'static str;
    /// The member that holds the description, if the object has one.
    const DESCRIPTION_MEMBER: Option<&'static str>;
}

/// Decodes an error body a status documents as one tagged object: the documented error when the
/// body carries its code, else (another code, or none) an [`UndocumentedError`] that keeps it.
/// A body with the documented code that does not decode is a decode error, located.
///
/// `decode_coded!((body, envelope, status), Self::NotFound, Self::Undocumented)`, or for a
/// variant of a range of statuses `Self::ClientError { status }` (the body goes into its `body`
/// field). A macro, not a
/// generic function: generated code decodes every documented status of every operation this
/// way, and a function generic over the two variant constructors was compiled once per call
/// (a twentieth of the generated crate's machine code). What it expands to calls
/// [`documented_or_not`], which is compiled once per error type.
#[doc(hidden)]
#[macro_export]
macro_rules! decode_coded {
    // The one expansion: `$documented` is the documented variant made of `$body`.
    (@expand $response:expr, $body:ident => $documented:expr, $undocumented:expr) => {
        match $crate::__private::documented_or_not($response) {
            ::std::result::Result::Ok(::std::result::Result::Ok($body)) => ::std::result::Result::Ok($documented),
            ::std::result::Result::Ok(::std::result::Result::Err(other)) => {
                ::std::result::Result::Ok($undocumented(other))
            }
            ::std::result::Result::Err(error) => ::std::result::Result::Err(error),
        }
    };
    ($response:expr, $($documented:ident)::+ { $status:ident }, $undocumented:expr $(,)?) => {
        $crate::decode_coded!(@expand $response, body => $($documented)::+ { $status, body }, $undocumented)
    };
    ($response:expr, $documented:expr, $undocumented:expr $(,)?) => {
        $crate::decode_coded!(@expand $response, body => $documented(body), $undocumented)
    };
}

/// What [`decode_coded!`] decodes: `Ok(Ok(documented))`, `Ok(Err(undocumented))`, or the
/// documented type's decode error.
#[doc(hidden)]
pub fn documented_or_not<'de, T>(
    (body, envelope, status): (&'de [u8], Option<&str>, StatusCode),
) -> Result<Result<T, UndocumentedError>, JsonError>
where
    T: serde::Deserialize<'de> + DocumentedCode,
{
    let decoded: Result<T, JsonError> = decode_error(body, envelope);
    if let Ok(value) = &decoded
        && value.is_tagged_as_documented()
    {
        return decoded.map(Ok);
    }
    let documented = DocumentedMembers {
        code_member: T::CODE_MEMBER,
        code: T::CODE,
        description_member: T::DESCRIPTION_MEMBER,
    };
    match undocumented_error(body, envelope, status, documented) {
        Some(other) => Ok(Err(other)),
        None => decoded.map(Ok),
    }
}

/// Where a documented error object keeps its code and description, and the code it carries.
struct DocumentedMembers {
    code_member: &'static str,
    code: &'static str,
    description_member: Option<&'static str>,
}

/// The body as an [`UndocumentedError`] when it is an object that does not carry the documented
/// code; `None` when it carries it (or is no object), so the documented type's result stands.
fn undocumented_error(
    body: &[u8],
    envelope: Option<&str>,
    status: StatusCode,
    documented: DocumentedMembers,
) -> Option<UndocumentedError> {
    let fields = decode_error::<serde_json::Map<String, serde_json::Value>>(body, envelope).ok()?;
    let text = |member: &str| {
        fields
            .get(member)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let code = text(documented.code_member);
    if code.as_deref() == Some(documented.code) {
        return None;
    }
    Some(UndocumentedError {
        status,
        description: documented.description_member.and_then(text),
        body: UnknownVariant {
            tag: code.clone(),
            fields,
        },
        code,
    })
}

/// `HTTP 403 invalid_api_token: <description>`: what the server sent, kept whole.
impl fmt::Display for UndocumentedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_api_error(self.status, self, f)
    }
}

impl std::error::Error for UndocumentedError {}

/// A status the document gives, as a [`StatusCode`]; generated code calls it in a `const` block,
/// so a code out of range could only fail the build (lowering accepts 100 to 599).
#[doc(hidden)]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => panic!("an HTTP status is a number from 100 to 999"),
    }
}

/// `permission_denied: <description>`, the `Display` of every type the document uses as an error
/// body (which does not know the status it came with); `name` when it carries neither a code nor
/// a description. The server's text is escaped as in [`fmt_api_error`].
#[doc(hidden)]
pub fn fmt_error_body(body: &dyn ErrorBody, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match (body.code(), body.description()) {
        (Some(code), Some(description)) => write!(f, "{}: {}", Neutralised(code), Neutralised(description)),
        (Some(code), None) => write!(f, "{}", Neutralised(code)),
        (None, Some(description)) => write!(f, "{}", Neutralised(description)),
        (None, None) => f.write_str(name),
    }
}

/// `HTTP 403 permission_denied: <description>`, the `Display` of every operation's error enum.
/// The code and description are the server's: control characters are shown escaped, so that
/// they can neither forge a log line nor reach a terminal (the body keeps them as sent).
pub fn fmt_api_error(status: StatusCode, body: &dyn ErrorBody, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "HTTP {}", status.as_u16())?;
    if let Some(code) = body.code() {
        write!(f, " {}", Neutralised(code))?;
    }
    if let Some(description) = body.description() {
        write!(f, ": {}", Neutralised(description))?;
    }
    Ok(())
}

/// Why a call did not return its documented success value. A later version may add kinds of
/// failure, so matches need a `_` arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E> {
    /// The API answered with an error the document describes; `E` says which.
    #[error(transparent)]
    Api(Box<ApiError<E>>),
    /// The API answered with a status the document does not list for this operation.
    #[error(transparent)]
    UnexpectedStatus(Box<UnexpectedResponse>),
    /// The status is documented but the body is not what the document describes.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request could not be sent, or no response came back. For a request that is not
    /// idempotent this only happens when it was never sent (see [`Error::OutcomeUnknown`]).
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// A request that is not idempotent was sent, but what happened to it is unknown: it may have
    /// been carried out. It was not sent again.
    #[error(transparent)]
    OutcomeUnknown(Box<OutcomeUnknown<E>>),
    /// The response body is larger than the client is configured to read.
    #[error(transparent)]
    BodyTooLarge(Box<BodyTooLarge>),
    /// The request body could not be encoded (as JSON, or as a form); nothing was sent.
    #[error("could not encode the request body: {0}; nothing was sent")]
    Encode(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// An argument cannot be sent as the API expects; nothing was sent.
    #[error(transparent)]
    InvalidArgument(Box<InvalidArgument>),
}

impl<E> Error<E> {
    /// The documented error, if the API sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(&e.error),
            _ => None,
        }
    }

    /// The HTTP status, if a response came back.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::BodyTooLarge(e) => Some(e.status),
            Error::OutcomeUnknown(e) => e.cause.status(),
            Error::Transport(_) | Error::Encode(_) | Error::InvalidArgument(_) => None,
        }
    }

    /// Metadata of the response, if one came back and was read.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match self {
            Error::Api(e) => Some(&e.meta),
            Error::UnexpectedStatus(e) => Some(&e.meta),
            Error::Decode(e) => Some(&e.meta),
            Error::BodyTooLarge(e) => Some(&e.meta),
            Error::OutcomeUnknown(e) => e.cause.meta(),
            Error::Transport(_) | Error::Encode(_) | Error::InvalidArgument(_) => None,
        }
    }

    /// The `X-Request-Id` of the response, to quote to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        self.meta().and_then(|m| m.request_id.as_deref())
    }

    /// How many times the request was sent (0 if it could not be built).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Transport(e) => e.attempts,
            Error::OutcomeUnknown(e) => e.cause.attempts(),
            Error::Encode(_) | Error::InvalidArgument(_) => 0,
            other => other.meta().map_or(0, |m| m.attempts),
        }
    }

    /// Whether the request may have been carried out although no success came back.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown(_))
    }
}

/// A documented error response.
#[derive(Debug)]
pub struct ApiError<E> {
    /// The HTTP status.
    pub status: StatusCode,
    /// Request id and rate-limit headers.
    pub meta: ResponseMeta,
    /// The operation's documented error, decoded.
    pub error: E,
}

impl<E: fmt::Display> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        if let Some(id) = &self.meta.request_id {
            write!(f, " (request id {})", Neutralised(id))?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ApiError<E> {}

/// A response whose status the document does not list, kept whole.
pub struct UnexpectedResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// Request id and rate-limit headers.
    pub meta: ResponseMeta,
    /// Every response header.
    pub headers: HeaderMap,
    /// The body, as it came.
    pub body: Bytes,
}

impl UnexpectedResponse {
    /// The `Location` header, as a redirect (which the client does not follow) sends it.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "undocumented HTTP status {} with a {}-byte body",
            self.status,
            self.body.len()
        )?;
        if let Some(kind) = self
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
        {
            write!(f, " ({kind})")?;
        }
        write_succeeded(self.status, f)
    }
}

// Bodies and headers are left out of Debug: they may carry data the caller must not log.
impl fmt::Debug for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnexpectedResponse")
            .field("status", &self.status)
            .field("meta", &self.meta)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl std::error::Error for UnexpectedResponse {}

/// A documented status whose body does not decode as the document describes.
pub struct DecodeError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Request id and rate-limit headers.
    pub meta: ResponseMeta,
    /// The response's `Content-Type`, if it sent one.
    pub content_type: Option<String>,
    /// The body, as it came.
    pub body: Bytes,
    /// Where the body stopped fitting, and why (without the values).
    pub source: JsonError,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} response body is not what the API document describes",
            self.status
        )?;
        if let Some(kind) = self.content_type.as_deref().filter(|k| !is_json(k)) {
            write!(f, " (it is `{kind}`, not JSON)")?;
        }
        write!(f, ": {}", self.source)?;
        write_succeeded(self.status, f)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("meta", &self.meta)
            .field("content_type", &self.content_type)
            .field("body_len", &self.body.len())
            .field("source", &self.source)
            .finish()
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// `application/json`, `application/problem+json`, with or without parameters.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// No response came back, or the request could not be sent.
#[derive(Debug)]
pub struct TransportError {
    /// What went wrong underneath.
    pub source: reqwest::Error,
    /// How many times the request was sent.
    pub attempts: u32,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.source.is_connect() {
            "could not connect"
        } else if self.source.is_timeout() {
            "timed out"
        } else {
            "request failed"
        };
        write!(f, "{what} after {} attempt(s): {}", self.attempts, self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// A request that is not idempotent may have been carried out: it was sent, and then something
/// other than an answer that proves it was refused came back (a timeout, a reset, a 5xx).
#[derive(Debug)]
pub struct OutcomeUnknown<E> {
    /// The HTTP method.
    pub method: Method,
    /// The path (without the query string, which may hold a secret).
    pub path: String,
    /// The operationId.
    pub operation: &'static str,
    /// What happened after the request was sent.
    pub cause: Error<E>,
}

impl<E: fmt::Display> fmt::Display for OutcomeUnknown<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "outcome unknown: {} {} ({}) was sent, then {}. The API may have carried it out; it is not \
             idempotent, so it was not sent again. Check the resource before retrying \
             (whatever it creates or issues may have been created or issued)",
            self.method, self.path, self.operation, self.cause
        )
    }
}

impl<E: fmt::Debug + fmt::Display + 'static> std::error::Error for OutcomeUnknown<E> {}

/// A response body over the configured limit; it was not read.
#[derive(Debug)]
pub struct BodyTooLarge {
    /// The HTTP status.
    pub status: StatusCode,
    /// Request id and rate-limit headers.
    pub meta: ResponseMeta,
    /// The limit the body went over, in bytes.
    pub limit: usize,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} response body is larger than the limit of {} bytes (raise it with ClientBuilder::max_response_bytes)",
            self.status, self.limit
        )?;
        write_succeeded(self.status, f)
    }
}

/// A success that could not be read is still a success: whatever the request changed (credentials
/// it issued, a resource it created) has been changed, and the caller must know that.
fn write_succeeded(status: StatusCode, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if status.is_success() {
        write!(f, "; the request itself succeeded, so what it changed has been changed")?;
    }
    Ok(())
}

/// An argument the request cannot carry as the API expects (a path parameter of `..`).
#[derive(Debug)]
pub struct InvalidArgument {
    /// The parameter's name in the API document.
    pub parameter: &'static str,
    /// Why it cannot be sent.
    pub reason: String,
}

impl fmt::Display for InvalidArgument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid argument `{}`: {}; nothing was sent",
            self.parameter, self.reason
        )
    }
}

impl std::error::Error for InvalidArgument {}

impl std::error::Error for BodyTooLarge {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct NotFound {
        code: Option<String>,
        description: Option<String>,
    }

    impl ErrorBody for NotFound {
        fn code(&self) -> Option<&str> {
            self.code.as_deref()
        }

        fn is_tagged_as_documented(&self) -> bool {
            self.code.as_deref() == Some(Self::CODE)
        }
    }

    impl DocumentedCode for NotFound {
        const CODE_MEMBER: &'static str = "code";
        const CODE: &'static str = "thing_not_found";
        const DESCRIPTION_MEMBER: Option<&'static str> = Some("description");
    }

    #[derive(Debug, PartialEq)]
    enum Errors {
        NotFound(NotFound),
        Undocumented(UndocumentedError),
    }

    fn decode(body: &str) -> Result<Errors, JsonError> {
        crate::decode_coded!(
            (body.as_bytes(), Some("error"), StatusCode::NOT_FOUND),
            Errors::NotFound,
            Errors::Undocumented,
        )
    }

    #[derive(Debug)]
    enum Ranged {
        ClientError { status: StatusCode, body: NotFound },
        Undocumented(UndocumentedError),
    }

    #[test]
    fn a_variant_of_a_range_of_statuses_gets_the_status_and_the_body() {
        let status = StatusCode::GONE;
        let documented: Result<Ranged, JsonError> = crate::decode_coded!(
            (br#"{"code": "thing_not_found"}"#.as_slice(), None, status),
            Ranged::ClientError { status },
            Ranged::Undocumented
        );
        assert!(
            matches!(&documented, Ok(Ranged::ClientError { status, body })
                if *status == StatusCode::GONE && body.code.as_deref() == Some("thing_not_found")),
            "{documented:?}"
        );
        let other: Result<Ranged, JsonError> = crate::decode_coded!(
            (br#"{"code": "invalid_argument"}"#.as_slice(), None, status),
            Ranged::ClientError { status },
            Ranged::Undocumented
        );
        assert!(
            matches!(&other, Ok(Ranged::Undocumented(e)) if e.code.as_deref() == Some("invalid_argument")),
            "{other:?}"
        );
    }

    #[test]
    fn the_documented_code_is_the_documented_error_and_any_other_is_undocumented() {
        let documented = decode(r#"{"error": {"code": "thing_not_found", "description": "gone"}}"#);
        assert!(matches!(documented, Ok(Errors::NotFound(_))), "{documented:?}");
        let bare = decode(r#"{"code": "thing_not_found"}"#);
        assert!(matches!(bare, Ok(Errors::NotFound(_))), "{bare:?}");

        let Ok(Errors::Undocumented(other)) =
            decode(r#"{"error": {"code": "invalid_argument", "description": "bad", "x": 1}}"#)
        else {
            panic!("another code is undocumented")
        };
        assert_eq!(
            (other.status, other.code.as_deref(), other.description.as_deref()),
            (StatusCode::NOT_FOUND, Some("invalid_argument"), Some("bad"))
        );
        assert_eq!(other.body.field("x"), Some(&serde_json::json!(1)));
        assert!(!other.is_tagged_as_documented());

        let Ok(Errors::Undocumented(none)) = decode(r#"{"message": "gateway"}"#) else {
            panic!("no code is undocumented")
        };
        assert_eq!(none.code, None);

        // The documented code with a body that does not decode: a located decode error.
        let broken = decode(r#"{"error": {"code": "thing_not_found", "description": 5}}"#);
        assert!(broken.is_err(), "{broken:?}");
        assert!(decode("[1, 2]").is_err(), "not an object");
    }
}
