//! The runtime every client that clientgen generates is built on: the HTTP client with its retry
//! rules, the error types, and the JSON decoding of tagged unions and error envelopes.
//!
//! It knows no API: what is particular to one (its base URL, the key its errors are wrapped in,
//! its rate-limit headers) comes from the generated crate as an [`ApiProfile`]. Users reach these
//! types through the generated crate's re-exports; only what they touch is public here. What
//! generated code needs besides is in the hidden `__private` module, which is not a stable API.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod client;
mod display;
mod error;
mod error_bodies;
mod json;
#[cfg(feature = "mock")]
#[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
pub mod mock;
mod multipart;
mod null_kept;
mod number_or_string;
mod one_member;
mod operation_error;
mod pages;
mod params;
mod response;
mod retry;
mod setters;
mod wait;

pub use api::ApiProfile;
/// The crate of `format: date-time` (`chrono::DateTime<chrono::FixedOffset>`, its offset kept)
/// and `format: date` (`chrono::NaiveDate`) values.
pub use chrono;
pub use client::{BuildError, Client, ClientBuilder};
pub use error::{
    ApiError, BodyTooLarge, DecodeError, Error, InvalidArgument, OutcomeUnknown, TransportError, UndocumentedError,
    UnexpectedResponse,
};
/// What the `…_all` and `…_pages` methods of paginated operations return; read it with
/// `futures::StreamExt::next` (or any stream combinator). They are fused: once ended, they stay
/// ended ([`FusedStream::is_terminated`]).
pub use futures_core::{FusedStream, Stream};
/// `next()` and the other combinators of a [`Stream`], so that reading a listing needs no other
/// dependency: `while let Some(item) = stream.next().await`.
pub use futures_util::StreamExt;
pub use json::{JsonError, UnknownVariant};
pub use multipart::FilePart;
pub use number_or_string::{JsonNumber, NotAJsonNumber, NumberOrString};
pub use one_member::UnknownMember;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode, Url};
pub use response::{Response, ResponseMeta};
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
/// The crate of `format: uuid` values (`uuid::Uuid`).
pub use uuid;
pub use wait::WaitPolicy;

/// What generated code calls; not for users, and not covered by semver.
#[doc(hidden)]
pub mod __private {
    pub use crate::client::{Received, Request, encode_path_reserved, encode_path_segment, query_method};
    pub use crate::decode_coded;
    pub use crate::display::JsonShape;
    pub use crate::error::{
        DocumentedCode, ErrorBody, OperationError, documented_or_not, fmt_api_error, fmt_error_body, status,
    };
    pub use crate::error_body;
    pub use crate::json::{
        Declared, OneValueMember, Tagged, decode_documented, deserialize_enum, deserialize_tagged, members_within,
        members_within_nested, object_only, secret, serialize_integer_tagged, serialize_one_value,
        serialize_one_value_kept_null, serialize_one_value_option, serialize_tagged,
    };
    #[cfg(feature = "mock")]
    pub use crate::mock_error;
    pub use crate::multipart::Multipart;
    pub use crate::null_kept::Text;
    /// The `deserialize_with` and `serialize_with` of fields that keep `null` apart from absent.
    pub mod null_kept {
        pub use crate::null_kept::{deserialize, present, serialize_secret};
    }
    pub use crate::one_member::{OneMember, deserialize_one_member, serialize_one_member};
    pub use crate::pages::{PageInfo, cursor_pages, fingerprint, items, next_page, pages};
    pub use crate::params::{PathStyle, QueryStyle, param_json, param_text, styled_path_segment};
    pub use crate::setters;
    pub use crate::shaped_debug;
    pub use crate::wait::until_ready;
    pub use secrecy;
}
