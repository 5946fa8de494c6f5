//! # Katapult Core API
//!
//! A typed client for the Katapult Core API, generated from its OpenAPI document
//! (`spec/katapult-core-openapi.json`) by `cargo xtask codegen`.
//!
//! Each operation is a method on [`Client`] returning a [`Response`], or an [`Error`] whose `Api`
//! variant holds the operation's own error enum, one variant per documented status.
//!
//! This file is written by hand; everything in `generated/` is the generator's.

#[rustfmt::skip]
mod generated;

pub use generated::*;
