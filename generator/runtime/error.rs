//! What a call returns besides success: one error type for every operation, generic over the
//! operation's documented errors.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::json::JsonError;
use super::response::ResponseMeta;

/// An operation's documented errors: decodes the body of each status the document lists.
pub trait OperationError: Sized {
    /// `None` when the document lists no such status for the operation.
    fn decode(status: u16, body: &[u8]) -> Option<Result<Self, JsonError>>;
}

/// Why a call did not return its documented success value.
#[derive(Debug, thiserror::Error)]
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
    /// The request could not be sent or the response not received.
    #[error("request failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// The request body could not be encoded as JSON.
    #[error("could not encode the request body: {0}")]
    Encode(#[source] serde_json::Error),
    /// The response body is larger than the client is configured to read.
    #[error(
        "response body larger than the limit of {limit} bytes (HTTP {status}); raise it with ClientBuilder::max_response_bytes"
    )]
    BodyTooLarge { status: StatusCode, limit: usize },
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
            Error::BodyTooLarge { status, .. } => Some(*status),
            Error::Transport(e) => e.status(),
            Error::Encode(_) => None,
        }
    }

    /// Metadata of the response, if one came back and was read.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match self {
            Error::Api(e) => Some(&e.meta),
            Error::UnexpectedStatus(e) => Some(&e.meta),
            Error::Decode(e) => Some(&e.meta),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the response, to quote to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        self.meta().and_then(|m| m.request_id.as_deref())
    }
}

/// A documented error response.
#[derive(Debug)]
pub struct ApiError<E> {
    pub status: StatusCode,
    pub meta: ResponseMeta,
    pub error: E,
}

impl<E: fmt::Display> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        if let Some(id) = &self.meta.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ApiError<E> {}

/// A response whose status the document does not list, kept whole.
pub struct UnexpectedResponse {
    pub status: StatusCode,
    pub meta: ResponseMeta,
    pub headers: HeaderMap,
    pub body: Bytes,
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
        Ok(())
    }
}

// Bodies are left out of Debug: an unexpected body may carry data the caller must not log.
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
    pub status: StatusCode,
    pub meta: ResponseMeta,
    pub body: Bytes,
    pub source: JsonError,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "HTTP {} response body is not what the API document describes: {}",
            self.status, self.source
        )
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("meta", &self.meta)
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
