//! Runtime support the generated operations are built on: the HTTP client, errors, JSON decoding.
//! Carried verbatim by the generator; the same in every generated crate.

// One runtime serves every API; a client with few operations leaves parts of it unused.
#![allow(dead_code)]

pub mod client;
pub mod error;
pub mod json;
pub mod response;
pub mod retry;
pub mod wait;
