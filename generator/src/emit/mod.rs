//! Stage 3: IR → the generated modules of the client crate, Rust as token streams.
//!
//! Reads only [`crate::ir`]; every name it prints was decided by lowering.

mod client;
mod errors;
mod mocks;
mod operations;
mod summary;
pub(crate) mod tokens;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// One generated module before formatting.
pub struct EmittedFile {
    /// Relative to the directory of generated modules.
    pub path: String,
    pub body: TokenStream,
    /// A later part of a file: formatted without the header and appended to the part before it.
    pub continues: bool,
}

/// One file to emit. Files are emitted independently (and in parallel) from the same IR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job<'a> {
    /// Part `part` of `parts` of `types.rs`: its types are split so that the largest file is
    /// formatted on several cores. Items print the same alone as together, so the parts joined
    /// are the file formatted whole.
    Types {
        part: usize,
        parts: usize,
    },
    /// The operations of one module (`operations/<module>.rs`).
    Operations(&'a str),
    OperationsIndex,
    Client,
    Index,
}

/// Every generated module, largest first (so that parallel workers finish together); the
/// order of the output does not depend on it.
pub fn jobs(api: &Api) -> Vec<Job<'_>> {
    let parts = api.types.len().clamp(1, TYPE_PARTS);
    let mut jobs: Vec<Job<'_>> = (0..parts).map(|part| Job::Types { part, parts }).collect();
    jobs.extend(modules(api).into_iter().map(Job::Operations));
    jobs.extend([Job::OperationsIndex, Job::Client, Job::Index]);
    jobs
}

/// How many parts `types.rs` is formatted in, at most.
const TYPE_PARTS: usize = 4;

/// Operation modules, sorted and each once.
fn modules(api: &Api) -> std::collections::BTreeSet<&str> {
    api.operations.iter().map(|op| op.module.as_str()).collect()
}

pub fn emit_file(api: &Api, job: Job<'_>) -> EmittedFile {
    let (path, body) = match job {
        Job::Types { part, parts } => {
            // Part `part` of `parts` nearly equal runs of types, in order.
            let (count, parts) = (api.types.len(), parts.max(1));
            let range = part * count / parts..(part + 1) * count / parts;
            let types = api.types.get(range).unwrap_or_default();
            let body = types::emit_types(types, &error_bodies(api), api.mock_feature.as_deref(), part == 0);
            return EmittedFile {
                path: "types.rs".to_owned(),
                body,
                continues: part > 0,
            };
        }
        Job::Operations(module) => (
            format!("operations/{module}.rs"),
            operations::emit_operations(api, module),
        ),
        Job::OperationsIndex => ("operations/mod.rs".to_owned(), operations_index(api)),
        Job::Client => ("client.rs".to_owned(), client::emit_client(api)),
        Job::Index => ("mod.rs".to_owned(), index(api)),
    };
    EmittedFile {
        path,
        body,
        continues: false,
    }
}

/// `mod.rs`: the generated modules, their items public at the mount point, and the operations
/// left out.
fn index(api: &Api) -> TokenStream {
    let skipped = (!api.skipped.is_empty()).then(|| {
        let lines = crate::ir::skip_causes(&api.skipped).into_iter().flat_map(|cause| {
            let operations: Vec<String> = cause
                .operations
                .iter()
                .map(|op| format!("   - `{}`", op.operation()))
                .collect();
            std::iter::once(format!(" - {}", cause.problem)).chain(operations)
        });
        quote! {
            //!
            //! Operations left out (`unsupported: skip`), with the reason:
            #(#![doc = #lines])*
        }
    });
    quote! {
        //! Everything generated from the API document. Mount it in the crate with
        //! `mod generated; pub use generated::*;`.
        #skipped
        // The prose in rustdoc comes from the API document; its Markdown is not ours to reflow,
        // nor are its names (variants that share a word) or its nesting (an array of arrays of
        // maps is that type, which an alias would only hide).
        #![allow(
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::enum_variant_names,
            clippy::type_complexity
        )]
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

        // Generated files are laid out by prettyplease, pinned in Cargo.lock, not by the local rustfmt.
        #[rustfmt::skip]
        pub mod client;
        #[rustfmt::skip]
        pub mod operations;
        #[rustfmt::skip]
        pub mod types;

        pub use client::*;
        // A document without operations, or without schemas, leaves one of these empty.
        #[allow(unused_imports)]
        pub use operations::*;
        #[allow(unused_imports)]
        pub use types::*;
    }
}

/// `operations/mod.rs`: one private module per tag, their items public at the mount point; each
/// behind its feature when the crate has features.
fn operations_index(api: &Api) -> TokenStream {
    let modules = modules(api).into_iter().map(|module| {
        let feature = api
            .operations
            .iter()
            .find(|op| op.module == module)
            .and_then(|op| op.feature.as_ref());
        let cfg = feature.map(|feature| quote!(#[cfg(feature = #feature)]));
        let name = tokens::ident(module);
        quote! {
            #cfg
            mod #name;
            #cfg
            pub use #name::*;
        }
    });
    quote! {
        //! The API's operations, one module per tag: a method on `Client` each, with the errors the
        //! document lists for it.
        #(#modules)*
    }
}

/// The named type a body holds, itself or as an option (a body that may be `null`): an option
/// of a body says what the body says.
fn named_body(ty: &crate::ir::TypeRef) -> Option<&str> {
    match ty {
        crate::ir::TypeRef::Named { name, .. } => Some(name),
        crate::ir::TypeRef::Nullable(inner) => named_body(inner),
        _ => None,
    }
}

/// Names of the types some operation uses as an error body, and of the variants of those that
/// are tagged unions (a user matching a 403 holds one of them).
fn error_bodies(api: &Api) -> std::collections::BTreeSet<&str> {
    let mut names: std::collections::BTreeSet<&str> = api
        .operations
        .iter()
        .flat_map(|op| &op.errors)
        .filter_map(|e| match &e.body {
            crate::ir::ResponseBody::Json(ty) => named_body(ty),
            _ => None,
        })
        .collect();
    let variants: Vec<&str> = names
        .iter()
        .filter_map(|name| api.type_named(name))
        .filter_map(|def| match &def.kind {
            crate::ir::TypeKind::TaggedUnion(u) => Some(u.variants.iter().map(|v| v.ty.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    names.extend(variants);
    names
}
