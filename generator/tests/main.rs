//! The generator's integration tests, one binary: located diagnostics, lowering into the IR,
//! OpenAPI 3.1, robustness on mutated documents, output snapshots, and types that mean what the
//! document means.

mod diagnostics;
mod lowering;
mod openapi_31;
mod robustness;
mod snapshots;
mod types;
