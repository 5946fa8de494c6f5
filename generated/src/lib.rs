#![doc = include_str!("../README.md")]
//!
//! ---
//!
//! This file is written by hand; everything in `src/generated/` is the generator's
//! (`cargo xtask codegen`, from `spec/katapult-core-openapi.json`).
// docs.rs shows which feature each item needs (the generated items carry `#[cfg(feature = …)]`).
#![cfg_attr(docsrs, feature(doc_cfg))]

#[rustfmt::skip]
mod generated;

pub use generated::*;
