//! The project's own checks, one binary: generated code is fresh, other documents generate,
//! compile and work, regeneration keeps users' code compiling, `codegen --check` finds drift, and
//! the whole Core API generates deterministically.

mod freshness;
mod other_documents;
mod regeneration;
mod sync;
mod whole_api;
