//! Stage 3: IR → the files of the client crate, Rust as token streams.
//!
//! Reads only [`crate::ir`]; every name it prints was decided by lowering.

mod errors;
mod operations;
mod tokens;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// One file of the crate before formatting.
pub struct EmittedFile {
    /// Relative to the crate directory.
    pub path: String,
    pub body: FileBody,
}

pub enum FileBody {
    /// Generated Rust, to be pretty-printed.
    Rust(TokenStream),
    /// Runtime support carried verbatim; already formatted.
    RustVerbatim(&'static str),
    Toml(String),
}

/// Runtime modules the generated crate carries, the same for every API.
const RUNTIME: &[(&str, &str)] = &[
    ("src/runtime/mod.rs", include_str!("../../runtime/mod.rs")),
    ("src/runtime/client.rs", include_str!("../../runtime/client.rs")),
    ("src/runtime/error.rs", include_str!("../../runtime/error.rs")),
    ("src/runtime/json.rs", include_str!("../../runtime/json.rs")),
    ("src/runtime/response.rs", include_str!("../../runtime/response.rs")),
    ("src/runtime/retry.rs", include_str!("../../runtime/retry.rs")),
    ("src/runtime/wait.rs", include_str!("../../runtime/wait.rs")),
];

/// One file to emit. Files are emitted independently (and in parallel) from the same IR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job<'a> {
    Types,
    /// The operations of one module (`src/operations/<module>.rs`).
    Operations(&'a str),
    OperationsIndex,
    Lib,
    CargoToml,
    Runtime(&'static str, &'static str),
}

/// Every file of the crate, largest first (so that parallel workers finish together); the
/// order of the output does not depend on it.
pub fn jobs(api: &Api) -> Vec<Job<'_>> {
    let mut jobs = vec![Job::Types];
    jobs.extend(modules(api).into_iter().map(Job::Operations));
    jobs.extend([Job::OperationsIndex, Job::Lib, Job::CargoToml]);
    jobs.extend(RUNTIME.iter().map(|(path, text)| Job::Runtime(path, text)));
    jobs
}

/// Operation modules, sorted and each once.
fn modules(api: &Api) -> std::collections::BTreeSet<&str> {
    api.operations.iter().map(|op| op.module.as_str()).collect()
}

pub fn emit_file(api: &Api, job: Job<'_>) -> EmittedFile {
    let (path, body) = match job {
        Job::Types => (
            "src/types.rs".to_owned(),
            FileBody::Rust(types::emit_types(&api.types, &error_bodies(api))),
        ),
        Job::Operations(module) => (
            format!("src/operations/{module}.rs"),
            FileBody::Rust(operations::emit_operations(api, module)),
        ),
        Job::OperationsIndex => (
            "src/operations/mod.rs".to_owned(),
            FileBody::Rust(operations_index(api)),
        ),
        Job::Lib => ("src/lib.rs".to_owned(), FileBody::Rust(lib_rs(api))),
        Job::CargoToml => ("Cargo.toml".to_owned(), FileBody::Toml(cargo_toml(api))),
        Job::Runtime(path, text) => (path.to_owned(), FileBody::RustVerbatim(text)),
    };
    EmittedFile { path, body }
}

/// `src/operations/mod.rs`: one private module per tag, their items public at the crate root.
fn operations_index(api: &Api) -> TokenStream {
    let modules: Vec<_> = modules(api).into_iter().map(tokens::ident).collect();
    quote! {
        //! The API's operations, one module per tag: a method on `Client` each, with the errors the
        //! document lists for it.
        #(mod #modules;)*
        #(pub use #modules::*;)*
    }
}

/// Names of the types some operation uses as an error body.
fn error_bodies(api: &Api) -> std::collections::BTreeSet<&str> {
    api.operations
        .iter()
        .flat_map(|op| &op.errors)
        .filter_map(|e| match &e.body {
            crate::ir::ResponseBody::Json(crate::ir::TypeRef::Named { name, .. }) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

fn lib_rs(api: &Api) -> TokenStream {
    let title = format!(" # {}", api.title);
    let intro = format!(
        " A typed client for {}, generated from its OpenAPI document (`{}`).",
        api.title, api.spec_source
    );
    let base_url = match &api.default_base_url {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let envelope = match &api.error_envelope {
        Some(key) => quote!(Some(#key)),
        None => quote!(None),
    };
    quote! {
        #![doc = #title]
        //!
        #![doc = #intro]
        //!
        //! Each operation is a method on [`Client`] returning [`Response`] or an [`Error`] whose
        //! `Api` variant holds the operation's own error enum, one variant per documented status.
        // The prose in rustdoc comes from the API document; its Markdown is not ours to reflow.
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::enum_variant_names)]
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        // Generated files are laid out by prettyplease, pinned in Cargo.lock, not by the local rustfmt.
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #[rustfmt::skip]
        pub mod operations;
        pub mod runtime;
        #[rustfmt::skip]
        pub mod types;

        pub use operations::*;
        pub use runtime::client::{BuildError, Client, ClientBuilder};
        pub use runtime::error::{
            ApiError, BodyTooLarge, DecodeError, Error, OutcomeUnknown, TransportError, UnexpectedResponse,
        };
        pub use runtime::json::{JsonError, UnknownVariant};
        pub use runtime::response::{Response, ResponseMeta};
        pub use runtime::retry::RetryPolicy;
        pub use runtime::wait::WaitPolicy;
        pub use secrecy::{ExposeSecret, SecretString};
        pub use types::*;

        /// The first server the API document lists.
        pub const DEFAULT_BASE_URL: Option<&str> = #base_url;

        /// The key the live API wraps error bodies in, if it does.
        pub(crate) const ERROR_ENVELOPE: Option<&str> = #envelope;

        pub(crate) const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn cargo_toml(api: &Api) -> String {
    let info = &api.crate_info;
    let mut out = String::new();
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_string(&info.name)));
    out.push_str(&format!("version = {}\n", toml_string(&info.version)));
    out.push_str("edition = \"2024\"\nrust-version = \"1.88\"\npublish = false\n");
    if let Some(description) = &info.description {
        out.push_str(&format!("description = {}\n", toml_string(description)));
    }
    out.push_str(
        "\n[dependencies]\n\
         bytes = \"1\"\n\
         fastrand = \"2\"\n\
         httpdate = \"1\"\n\
         percent-encoding = \"2\"\n\
         reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"http2\"] }\n\
         secrecy = { version = \"0.10\", features = [\"serde\"] }\n\
         serde = { version = \"1\", features = [\"derive\"] }\n\
         serde_json = { version = \"1\", features = [\"raw_value\"] }\n\
         serde_path_to_error = \"0.1\"\n\
         thiserror = \"2\"\n\
         tokio = { version = \"1\", features = [\"rt\", \"time\"] }\n\
         tracing = \"0.1\"\n",
    );
    if !info.dev_dependencies.is_empty() {
        out.push_str("\n[dev-dependencies]\n");
        for (name, value) in &info.dev_dependencies {
            out.push_str(&format!("{name} = {value}\n"));
        }
    }
    for bench in &info.benches {
        out.push_str(&format!(
            "\n[[bench]]\nname = {}\nharness = false\n",
            toml_string(bench)
        ));
    }
    out
}
