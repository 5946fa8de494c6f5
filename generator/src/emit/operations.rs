//! Emits each operation: its error enum, its options struct, and its method on `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Operation, ParameterLocation, RequestBody, ResponseBody, TypeKind, TypeRef};
use crate::naming;

use super::errors;
use super::tokens::{docs, field_type, ident, rust_type};

/// `operations/<module>.rs`: the items of every operation in `module`.
pub fn emit_operations(api: &Api, module: &str) -> TokenStream {
    let items = api.operations.iter().filter(|op| op.module == module).map(|op| {
        let error_enum = errors::emit_error_enum(api, op);
        let (method, options) = emit_method(api, op);
        quote! {
            #error_enum
            #options
            impl crate::Client { #method }
        }
    });
    quote! {
        #[allow(unused_imports)]
        use crate::types::*;

        #(#items)*
    }
}

/// One argument of an operation method, or one field of its options struct.
struct Input {
    name: String,
    /// The Rust type as the caller passes it (already `Option<…>` where the value may be left out).
    ty: TokenStream,
    docs: Option<String>,
    required: bool,
    target: InputTarget,
}

enum InputTarget {
    Path {
        wire: String,
    },
    Query {
        wire: String,
        array: bool,
        row_group: Option<String>,
    },
    Body,
}

fn inputs(api: &Api, op: &Operation) -> Vec<Input> {
    let mut inputs = Vec::new();
    for p in &op.parameters {
        let inner = rust_type(&p.ty);
        let target = match p.location {
            ParameterLocation::Path => InputTarget::Path {
                wire: p.wire_name.clone(),
            },
            ParameterLocation::Query => InputTarget::Query {
                wire: p.wire_name.clone(),
                array: matches!(p.ty, TypeRef::Array(_)),
                row_group: p.row_group.clone(),
            },
        };
        let default = p.default.as_ref().map(|d| format!("Left out, the API uses `{d}`."));
        let docs = [p.docs.as_deref(), default.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n\n");
        inputs.push(Input {
            name: p.name.clone(),
            ty: if p.required { inner } else { quote!(Option<#inner>) },
            docs: Some(docs).filter(|d| !d.is_empty()),
            required: p.required,
            target,
        });
    }
    if let Some(RequestBody::Value { ty }) = &op.body {
        inputs.push(Input {
            name: "body".to_owned(),
            ty: rust_type(ty),
            docs: None,
            required: true,
            target: InputTarget::Body,
        });
    }
    if let Some(body) = op.body.as_ref().and_then(RequestBody::fields_type)
        && let Some(TypeKind::Struct(s)) = api.type_named(body).map(|t| &t.kind)
    {
        for f in &s.fields {
            inputs.push(Input {
                name: f.name.clone(),
                ty: field_type(f),
                docs: f.docs.clone(),
                required: f.required,
                target: InputTarget::Body,
            });
        }
    }
    inputs
}

fn emit_method(api: &Api, op: &Operation) -> (TokenStream, Option<TokenStream>) {
    let inputs = inputs(api, op);
    let method_name = ident(&op.method_name);
    let error_ty = ident(&naming::operation_error_type(&op.type_prefix));
    let has_options = inputs.iter().any(|i| !i.required);
    let options_ty = ident(&naming::operation_options_type(&op.type_prefix));

    let value = |input: &Input| {
        let name = ident(&input.name);
        if input.required {
            quote!(#name)
        } else {
            quote!(options.#name)
        }
    };

    let mut args: Vec<TokenStream> = inputs
        .iter()
        .filter(|i| i.required)
        .map(|i| {
            let name = ident(&i.name);
            let ty = &i.ty;
            quote!(#name: #ty)
        })
        .collect();
    if has_options {
        args.push(quote!(options: #options_ty));
    }

    let path = path_expression(op, &inputs);
    let http_method = ident(op.http_method.as_str());
    let mut emitted_groups: Vec<&str> = Vec::new();
    let query: Vec<TokenStream> = inputs
        .iter()
        .filter_map(|input| {
            let InputTarget::Query { wire, array, row_group } = &input.target else {
                return None;
            };
            if let Some(group) = row_group {
                if emitted_groups.contains(&group.as_str()) {
                    return None;
                }
                emitted_groups.push(group);
                return Some(interleaved_columns(&inputs, group));
            }
            let value = value(input);
            Some(match (input.required, array) {
                (true, false) => quote!(request.query(#wire, &#value);),
                (true, true) => quote!(for item in &#value { request.query(#wire, item); }),
                (false, false) => quote!(if let Some(item) = &#value { request.query(#wire, item); }),
                (false, true) => quote!(for item in #value.iter().flatten() { request.query(#wire, item); }),
            })
        })
        .collect();
    let body = op.body.as_ref().map(|body| match body {
        RequestBody::EmptyObject => quote! {
            let request = request.json_body(&serde_json::Map::new())?;
        },
        RequestBody::Value { .. } => quote! {
            let request = request.json_body(&body)?;
        },
        RequestBody::Fields { ty } => {
            let body_ty = ident(ty);
            let fields = inputs
                .iter()
                .filter(|i| matches!(i.target, InputTarget::Body))
                .map(|input| {
                    let name = ident(&input.name);
                    if input.required {
                        quote!(#name)
                    } else {
                        quote!(#name: options.#name)
                    }
                });
            quote! {
                let body = #body_ty { #(#fields),* };
                let request = request.json_body(&body)?;
            }
        }
    });
    let mutable = inputs.iter().any(|i| matches!(i.target, InputTarget::Query { .. }));
    let request_binding = if mutable {
        quote!(let mut request)
    } else {
        quote!(let request)
    };
    let (success_ty, finish) = match op.success.first().map(|s| &s.body) {
        Some(ResponseBody::Json(ty)) => (rust_type(ty), quote!(json)),
        Some(ResponseBody::Text) => (quote!(String), quote!(text)),
        Some(ResponseBody::Empty) | None => (quote!(()), quote!(empty)),
    };
    let allow = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let method_docs = method_docs(op);
    let operation_id = &op.operation_id;
    let idempotent = op.http_method.is_idempotent();
    let method = quote! {
        #method_docs
        #allow
        pub async fn #method_name(&self, #(#args),*) -> Result<crate::Response<#success_ty>, crate::Error<#error_ty>> {
            #request_binding = crate::runtime::client::Request::new(
                #operation_id,
                reqwest::Method::#http_method,
                #idempotent,
                #path,
            );
            #(#query)*
            #body
            self.send::<#error_ty>(request).await?.#finish()
        }
    };

    let when_ready = (!op.wait_while.is_empty()).then(|| {
        let name = ident(&naming::when_ready_method(&op.method_name));
        let call_args = inputs.iter().filter(|i| i.required).map(|i| {
            let name = ident(&i.name);
            quote!(#name.clone())
        });
        let options_arg = has_options.then(|| quote!(options.clone()));
        // `code()` is what the server sent: an answer without the code is not "not ready yet".
        let conditions = op.wait_while.iter().map(|w| {
            let status = proc_macro2::Literal::u16_unsuffixed(w.status);
            match &w.code {
                Some(code) => quote!(e.status() == #status && e.code() == Some(#code)),
                None => quote!(e.status() == #status),
            }
        });
        let described: Vec<String> = op
            .wait_while
            .iter()
            .map(|w| match &w.code {
                Some(code) => format!("{} `{code}`", w.status),
                None => w.status.to_string(),
            })
            .collect();
        let doc = format!(
            " Like [`Client::{}`], but while the API answers {} (\"not ready yet\"), calls again with \
             backoff ([`crate::WaitPolicy`]) until `deadline` has passed, then returns the last answer.",
            op.method_name,
            described.join(" or ")
        );
        let method_name = ident(&op.method_name);
        let args = args.clone();
        quote! {
            #[doc = #doc]
            #allow
            pub async fn #name(&self, #(#args,)* deadline: std::time::Duration) -> Result<crate::Response<#success_ty>, crate::Error<#error_ty>> {
                crate::runtime::wait::until_ready(
                    self.wait_policy(),
                    deadline,
                    |error: &crate::Error<#error_ty>| error.api_error().is_some_and(|e| #(#conditions)||*),
                    || self.#method_name(#(#call_args,)* #options_arg),
                )
                .await
            }
        }
    });
    let method = quote! { #method #when_ready };

    let options = has_options.then(|| {
        let fields = inputs.iter().filter(|i| !i.required).map(|i| {
            let name = ident(&i.name);
            let ty = &i.ty;
            let docs = docs([i.docs.as_deref()]);
            quote! { #docs pub #name: #ty, }
        });
        let doc = format!(
            " Optional inputs of [`Client::{}`]; `Default` leaves them all out.",
            op.method_name
        );
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, Default)]
            pub struct #options_ty { #(#fields)* }
        }
    });
    (method, options)
}

/// Sends the columns of one array of objects (`annotations[][key]`, `annotations[][value]`) row by
/// row, so that the server pairs the n-th key with the n-th value.
fn interleaved_columns(inputs: &[Input], group: &str) -> TokenStream {
    let columns: Vec<(&Input, &str)> = inputs
        .iter()
        .filter_map(|i| match &i.target {
            InputTarget::Query {
                wire,
                row_group: Some(g),
                ..
            } if g == group => Some((i, wire.as_str())),
            _ => None,
        })
        .collect();
    let bindings = columns.iter().enumerate().map(|(n, (input, _))| {
        let column = quote::format_ident!("column_{n}");
        let name = ident(&input.name);
        if input.required {
            quote!(let #column = &#name[..];)
        } else {
            quote!(let #column = options.#name.as_deref().unwrap_or_default();)
        }
    });
    let lengths = (0..columns.len()).map(|n| {
        let column = quote::format_ident!("column_{n}");
        quote!(#column.len())
    });
    let sends = columns.iter().enumerate().map(|(n, (_, wire))| {
        let column = quote::format_ident!("column_{n}");
        quote!(if let Some(item) = #column.get(row) { request.query(#wire, item); })
    });
    quote! {
        {
            #(#bindings)*
            let rows = [#(#lengths),*].into_iter().max().unwrap_or(0);
            for row in 0..rows {
                #(#sends)*
            }
        }
    }
}

/// The request path: a literal, or a `format!` that percent-encodes each path parameter.
fn path_expression(op: &Operation, inputs: &[Input]) -> TokenStream {
    let mut template = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let wire = &rest[start + 1..start + len];
        template.push_str(&rest[..start]);
        template.push_str("{}");
        if let Some(input) = inputs
            .iter()
            .find(|i| matches!(&i.target, InputTarget::Path { wire: w } if w == wire))
        {
            let name = ident(&input.name);
            args.push(quote!(crate::runtime::client::encode_path_segment(#wire, &#name.to_string())?));
        }
        rest = &rest[start + len + 1..];
    }
    template.push_str(rest);
    if args.is_empty() {
        quote!(#template.to_owned())
    } else {
        quote!(format!(#template, #(#args),*))
    }
}

fn method_docs(op: &Operation) -> TokenStream {
    let route = format!("`{} {}`", op.http_method.as_str(), op.path);
    let scopes = (!op.scopes.is_empty()).then(|| {
        let each: Vec<String> = op
            .scopes
            .iter()
            .map(|s| {
                let scopes: Vec<String> = s.scopes.iter().map(|x| format!("`{x}`")).collect();
                format!(
                    "- {}: {}",
                    s.scheme,
                    if scopes.is_empty() {
                        "no scope".to_owned()
                    } else {
                        scopes.join(", ")
                    }
                )
            })
            .collect();
        format!("Authorisation (any one of):\n{}", each.join("\n"))
    });
    let errors = (!op.errors.is_empty()).then(|| {
        let each: Vec<String> = op
            .errors
            .iter()
            .map(|e| {
                format!(
                    "- {} `{}`: {}",
                    e.status,
                    e.variant,
                    e.docs.as_deref().unwrap_or("").lines().next().unwrap_or("")
                )
            })
            .collect();
        format!("# Errors\n{}", each.join("\n"))
    });
    let operation_id = format!("Operation `{}`, {route}.", op.operation_id);
    docs([
        op.summary.as_deref(),
        op.description.as_deref(),
        Some(operation_id.as_str()),
        scopes.as_deref(),
        errors.as_deref(),
    ])
}
