//! Emits each operation: its error enum, its options struct, and its method on `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{
    Api, BodyMedia, BodyShape, Input, InputTarget, Operation, PageField, PageKind, Pagination, ResponseBody, Scalar,
    StatusMatch, Structured, TypeRef,
};

use super::errors::{self, body_type, status_label};
use super::tokens::{RUNTIME, argument_type, docs, ident, null_kept, rust_type, tag_field_value, value_type};

/// `operations/<module>.rs`: the items of every operation in `module`.
pub fn emit_operations(api: &Api, module: &str) -> TokenStream {
    let items = api.operations.iter().filter(|op| op.module == module).map(|op| {
        let error_enum = errors::emit_error_enum(api, op);
        let error_answer = super::mocks::error_answer_impl(api, op);
        let success_enum = success_enum(op);
        let options = options_struct(op);
        let request_builder = request_builder(op);
        let method = method(op);
        let when_ready = op.when_ready.as_ref().map(|_| when_ready_method(op));
        let listing = pagination_methods(op);
        let mock = super::mocks::operation_mock(api, op, &public_parameters(op), &converted_arguments(op));
        quote! {
            #error_enum
            #error_answer
            #success_enum
            #options
            #request_builder
            impl super::super::client::Client { #method #when_ready #listing }
            #mock
        }
    });
    quote! {
        #[allow(unused_imports)]
        use super::super::client::*;
        #[allow(unused_imports)]
        use super::super::types::*;

        #(#items)*
    }
}

/// The request builder's parameters: each required input, then the options struct if there is one.
fn parameters(op: &Operation) -> Vec<TokenStream> {
    parameters_typed(op, input_type)
}

/// The parameters of the public methods (and the mock's `matching`): like [`parameters`], but a
/// value users may pass in another form (`&str` for a `String`) is taken as `impl Into<T>`.
fn public_parameters(op: &Operation) -> Vec<TokenStream> {
    parameters_typed(op, |i| argument_type(&i.ty, i.secret, i.optional).0)
}

/// `name: <type of the input>` for each required input, then `options`.
fn parameters_typed(op: &Operation, type_of: impl Fn(&Input) -> TokenStream) -> Vec<TokenStream> {
    let mut parameters: Vec<TokenStream> = op
        .inputs
        .iter()
        .filter(|i| i.required)
        .map(|i| {
            let name = ident(&i.name);
            let ty = type_of(i);
            quote!(#name: #ty)
        })
        .collect();
    if let Some(options) = &op.options_type {
        let options = ident(options);
        parameters.push(quote!(options: #options));
    }
    parameters
}

/// The public parameters given as [`parameters`]: each `impl Into<T>` turned into its `T`.
fn converted_arguments(op: &Operation) -> Vec<TokenStream> {
    let mut arguments: Vec<TokenStream> = op
        .inputs
        .iter()
        .filter(|i| i.required)
        .map(|i| {
            let name = ident(&i.name);
            if argument_type(&i.ty, i.secret, i.optional).1 {
                quote!(::std::convert::Into::into(#name))
            } else {
                quote!(#name)
            }
        })
        .collect();
    if op.options_type.is_some() {
        arguments.push(quote!(options));
    }
    arguments
}

/// `let name: T = name.into();` for each public parameter taken as `impl Into<T>`: for bodies
/// that clone their arguments.
fn conversions(op: &Operation) -> Vec<TokenStream> {
    op.inputs
        .iter()
        .filter(|i| i.required && argument_type(&i.ty, i.secret, i.optional).1)
        .map(|i| {
            let name = ident(&i.name);
            let ty = input_type(i);
            quote!(let #name: #ty = ::std::convert::Into::into(#name);)
        })
        .collect()
}

fn input_type(input: &Input) -> TokenStream {
    null_kept(value_type(&input.ty, input.secret, input.optional), input.keeps_null)
}

/// `Result<Response<T>, Error<E>>` for the operation.
fn return_type(op: &Operation) -> TokenStream {
    let error_ty = ident(&op.error_type);
    let success_ty = match (&op.success_enum, op.success.first()) {
        (Some(name), _) => {
            let name = ident(name);
            quote!(#name)
        }
        (None, Some(success)) => body_type(&success.body).unwrap_or_else(|| quote!(())),
        (None, None) => quote!(()),
    };
    quote!(::std::result::Result<#RUNTIME::Response<#success_ty>, #RUNTIME::Error<#error_ty>>)
}

/// How a read 2xx becomes the method's `Response<T>`.
fn finish(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Json(_) => quote!(json),
        ResponseBody::Text => quote!(text),
        ResponseBody::Bytes => quote!(bytes),
        ResponseBody::Empty => quote!(empty),
    }
}

/// The enum of an operation whose 2xx responses have different bodies.
fn success_enum(op: &Operation) -> Option<TokenStream> {
    let name = ident(op.success_enum.as_ref()?);
    let variants = op.success.iter().map(|s| {
        let variant = ident(&s.variant);
        let doc = crate::prose::labelled(&status_label(s.status), s.docs.as_deref());
        let docs = docs([Some(doc.as_str())]);
        match (s.status.is_exact(), body_type(&s.body)) {
            (true, Some(body)) => quote!(#docs #variant(#body),),
            (true, None) => quote!(#docs #variant,),
            (false, Some(body)) => quote!(#docs #variant { status: u16, body: #body },),
            (false, None) => quote!(#docs #variant { status: u16 },),
        }
    });
    let doc = format!(
        " What [`Client::{}`](crate::Client) returns: its 2xx responses have different bodies.",
        op.method_name
    );
    Some(quote! {
        #[doc = #doc]
        // The bodies are as large as the document's objects, and one is read per call: boxing
        // them would cost every call an allocation to save stack on a value that is moved once.
        #[allow(clippy::large_enum_variant)]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        #[non_exhaustive]
        pub enum #name { #(#variants)* }
    })
}

/// The method's last expression: the 2xx read into what it returns.
fn success_expression(op: &Operation) -> TokenStream {
    let error_ty = ident(&op.error_type);
    let send = quote!(self.http().send::<#error_ty>(request).await?);
    let Some(name) = &op.success_enum else {
        let finish = op.success.first().map_or_else(|| quote!(empty), |s| finish(&s.body));
        return quote!(#send.#finish());
    };
    let name = ident(name);
    let mut ordered: Vec<_> = op.success.iter().collect();
    ordered.sort_by_key(|s| s.status);
    let arms = ordered.iter().map(|s| {
        let variant = ident(&s.variant);
        let finish = match &s.body {
            ResponseBody::Json(_) => {
                let ty = body_type(&s.body);
                quote!(json::<#ty, _>)
            }
            other => finish(other),
        };
        let pattern = match s.status {
            StatusMatch::Exact(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Range(_) | StatusMatch::Default => quote!(_),
        };
        let wrap = match (s.status.is_exact(), s.body == ResponseBody::Empty) {
            (true, false) => quote!(#name::#variant),
            (true, true) => quote!(|()| #name::#variant),
            (false, false) => quote!(|body| #name::#variant { status: http_status, body }),
            (false, true) => quote!(|()| #name::#variant { status: http_status }),
        };
        quote!(#pattern => received.#finish().map(|response| response.map(#wrap)),)
    });
    let catch_all = op
        .success
        .iter()
        .all(|s| s.status.is_exact())
        .then(|| quote!(_ => received.unexpected(),));
    quote! {
        let received = #send;
        let http_status = received.status.as_u16();
        match http_status {
            #(#arms)*
            #catch_all
        }
    }
}

/// Clippy's limit is seven parameters, `self` included.
pub(super) fn too_many_arguments(parameters: usize) -> Option<TokenStream> {
    (parameters + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

fn method(op: &Operation) -> TokenStream {
    let parameters = public_parameters(op);
    let allow = too_many_arguments(parameters.len());
    let method_docs = method_docs(op);
    let method_name = ident(&op.method_name);
    let return_type = return_type(op);
    let builder = ident(&op.request_builder);
    let arguments = converted_arguments(op);
    let success = success_expression(op);
    quote! {
        #method_docs
        #allow
        pub async fn #method_name(&self, #(#parameters),*) -> #return_type {
            let request = #builder(#(#arguments),*)?;
            #success
        }
    }
}

/// The request the method sends for its arguments: a function of its own, so that the typed
/// mock's `matching` compares what the client would really send.
fn request_builder(op: &Operation) -> TokenStream {
    let parameters = parameters(op);
    // Without `self`, the limit is one more than for the method.
    let allow = (parameters.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let builder = ident(&op.request_builder);
    let error_ty = ident(&op.error_type);
    let build = build_request(op);
    let doc = format!(" The request [`Client::{}`] sends for these arguments.", op.method_name);
    quote! {
        #[doc = #doc]
        #allow
        pub(crate) fn #builder(#(#parameters),*) -> ::std::result::Result<#RUNTIME::__private::Request, #RUNTIME::Error<#error_ty>> {
            #build
            ::std::result::Result::Ok(request)
        }
    }
}

/// The statements that make `request`: method, path, query, body.
fn build_request(op: &Operation) -> TokenStream {
    let path = path_expression(op);
    let http_method = super::tokens::method_value(op.http_method);
    let operation_id = &op.operation_id;
    let idempotent = op.http_method.is_idempotent();
    let query = query_statements(op);
    let headers = header_statements(op);
    // A secret path parameter is sent as given, and shown as `[REDACTED]` in spans and errors.
    let secret_paths: Vec<TokenStream> = op
        .inputs
        .iter()
        .filter(|i| i.secret && matches!(&i.target, InputTarget::Path { structured: None, .. }))
        .map(|i| {
            let name = ident(&i.name);
            quote!(request.path_secret(#RUNTIME::ExposeSecret::expose_secret(&#name));)
        })
        .collect();
    let server = op.server.as_deref().map(|url| quote!(request.server(#url);));
    let mutable =
        (!query.is_empty() || !headers.is_empty() || !secret_paths.is_empty() || server.is_some()).then(|| quote!(mut));
    let body = body_statement(op);
    quote! {
        let #mutable request = #RUNTIME::__private::Request::new(
            #operation_id,
            #http_method,
            #idempotent,
            #path,
        );
        #server
        #(#secret_paths)*
        #(#query)*
        #(#headers)*
        #body
    }
}

/// Header and cookie parameters: `request.header(…)` or `request.cookie(…)`, alike but for the
/// method (a cookie joins the request's one `Cookie` header).
fn header_statements(op: &Operation) -> Vec<TokenStream> {
    op.inputs
        .iter()
        .filter_map(|input| {
            let (wire, array, structured, single, list) = match &input.target {
                InputTarget::Header { wire, array, structured } => {
                    (wire, array, structured, quote!(header), quote!(header_list))
                }
                InputTarget::Cookie { wire, array, structured } => {
                    (wire, array, structured, quote!(cookie), quote!(cookie_list))
                }
                _ => return None,
            };
            let value = input_value(input);
            if let Some(style) = structured {
                let text = text_function(style);
                return Some(if input.required {
                    quote!(request.#single(#wire, #text(#wire, &#value)?)?;)
                } else {
                    quote! {
                        if let ::std::option::Option::Some(header_value) = &#value {
                            request.#single(#wire, #text(#wire, header_value)?)?;
                        }
                    }
                });
            }
            let expose = quote!(#RUNTIME::ExposeSecret::expose_secret);
            Some(match (input.required, array) {
                (true, false) if input.secret => quote!(request.#single(#wire, #expose(&#value))?;),
                (false, false) if input.secret => quote! {
                    if let ::std::option::Option::Some(header_value) = &#value { request.#single(#wire, #expose(header_value))?; }
                },
                (true, false) => quote!(request.#single(#wire, #value)?;),
                (true, true) => quote!(request.#list(#wire, #value)?;),
                (false, false) => quote! {
                    if let ::std::option::Option::Some(header_value) = &#value { request.#single(#wire, header_value)?; }
                },
                (false, true) => quote! {
                    if let ::std::option::Option::Some(header_items) = &#value { request.#list(#wire, header_items)?; }
                },
            })
        })
        .collect()
}

/// How an input's value is reached in the method body.
fn input_value(input: &Input) -> TokenStream {
    let name = ident(&input.name);
    if input.required {
        quote!(#name)
    } else {
        quote!(options.#name)
    }
}

fn query_statements(op: &Operation) -> Vec<TokenStream> {
    let mut emitted_groups: Vec<&str> = Vec::new();
    op.inputs
        .iter()
        .filter_map(|input| {
            let InputTarget::Query {
                wire,
                array,
                row_group,
                structured,
            } = &input.target
            else {
                return None;
            };
            if let Some(style) = structured {
                return Some(structured_query(input, wire, style));
            }
            if let Some(group) = row_group {
                if emitted_groups.contains(&group.as_str()) {
                    return None;
                }
                emitted_groups.push(group);
                return Some(interleaved_columns(&op.inputs, group));
            }
            let value = input_value(input);
            Some(match (input.required, array) {
                (true, false) if input.secret => quote!(request.query_secret(#wire, &#value);),
                (false, false) if input.secret => quote! {
                    if let ::std::option::Option::Some(item) = &#value { request.query_secret(#wire, item); }
                },
                (true, false) => quote!(request.query(#wire, #value);),
                (true, true) => quote!(for item in &#value { request.query(#wire, item); }),
                (false, false) => {
                    quote!(if let ::std::option::Option::Some(item) = &#value { request.query(#wire, item); })
                }
                (false, true) => quote!(for item in #value.iter().flatten() { request.query(#wire, item); }),
            })
        })
        .collect()
}

/// The runtime function that turns a path or header parameter that is not plain into text.
fn text_function(style: &Structured) -> TokenStream {
    match style {
        Structured::Json => quote!(#RUNTIME::__private::param_json),
        Structured::Form
        | Structured::FormFlat
        | Structured::DeepObject
        | Structured::PipeDelimited
        | Structured::SpaceDelimited
        | Structured::Rows { .. }
        | Structured::Label { .. }
        | Structured::Matrix { .. } => quote!(#RUNTIME::__private::param_text),
    }
}

/// A query parameter that is an object, a union or an unexploded array.
fn structured_query(input: &Input, wire: &str, style: &Structured) -> TokenStream {
    let style = match style {
        Structured::Form => quote!(#RUNTIME::__private::QueryStyle::Form),
        // Path styles are not the query's: comma-separated, as `simple` is.
        Structured::FormFlat | Structured::Label { .. } | Structured::Matrix { .. } => {
            quote!(#RUNTIME::__private::QueryStyle::FormFlat)
        }
        Structured::DeepObject => quote!(#RUNTIME::__private::QueryStyle::DeepObject),
        Structured::Json => quote!(#RUNTIME::__private::QueryStyle::Json),
        Structured::PipeDelimited => quote!(#RUNTIME::__private::QueryStyle::PipeDelimited),
        Structured::SpaceDelimited => quote!(#RUNTIME::__private::QueryStyle::SpaceDelimited),
        Structured::Rows { columns } => {
            let value = input_value(input);
            let rows = quote!(request.query_rows(#wire, &[#(#columns),*], rows)?;);
            return if input.required {
                quote!({ let rows = &#value; #rows })
            } else {
                quote!(if let ::std::option::Option::Some(rows) = &#value { #rows })
            };
        }
    };
    let value = input_value(input);
    if input.required {
        quote!(request.query_value(#wire, #style, &#value)?;)
    } else {
        quote! {
            if let ::std::option::Option::Some(item) = &#value {
                request.query_value(#wire, #style, item)?;
            }
        }
    }
}

fn body_statement(op: &Operation) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let content_type = &body.content_type;
    let value = match &body.shape {
        BodyShape::EmptyObject => quote!(::serde_json::Map::new()),
        BodyShape::OptionalObject => {
            let input = op.inputs.iter().find(|i| i.target == InputTarget::Body)?;
            let value = input_value(input);
            quote!(#value.unwrap_or_default())
        }
        BodyShape::Value { .. } => {
            let input = op.inputs.iter().find(|i| i.target == InputTarget::Body)?;
            input_value(input)
        }
        BodyShape::Fields { ty, tag } => {
            let body_ty = ident(ty);
            let tag = tag.as_ref().map(|tag| {
                let field = ident(&tag.field);
                let value = tag_field_value(quote!(#body_ty), tag);
                quote!(#field: #value)
            });
            let fields = op.inputs.iter().filter_map(|input| {
                let InputTarget::BodyField {
                    field, boxed, flatten, ..
                } = &input.target
                else {
                    return None;
                };
                let value = input_value(input);
                if *flatten {
                    // Unset, the object has no members beyond its properties.
                    let field = ident(field);
                    return Some(quote!(#field: #value.unwrap_or_default()));
                }
                let value = match (*boxed, input.optional, input.keeps_null) {
                    (false, _, _) => value,
                    (true, true, true) => quote!(#value.map(|value| value.map(::std::boxed::Box::new))),
                    (true, true, false) => quote!(#value.map(::std::boxed::Box::new)),
                    (true, false, _) => quote!(::std::boxed::Box::new(#value)),
                };
                if input.required && *field == input.name && !*boxed {
                    return Some(value);
                }
                let field = ident(field);
                Some(quote!(#field: #value))
            });
            let fields = tag.into_iter().chain(fields);
            quote!(#body_ty { #(#fields),* })
        }
    };
    Some(match body.media {
        BodyMedia::Multipart => multipart_statements(op),
        BodyMedia::Json => quote!(let request = request.json_body(#content_type, &#value)?;),
        BodyMedia::Form => {
            let deep = &body.deep_form_fields;
            quote!(let request = request.form_body(&#value, &[#(#deep),*])?;)
        }
        BodyMedia::Text | BodyMedia::Bytes => quote!(let request = request.raw_body(#content_type, #value);),
    })
}

/// A `multipart/form-data` body: one part per body field (one per item of an array), a file for
/// each `format: binary` value, text for the others; unset fields send nothing.
fn multipart_statements(op: &Operation) -> TokenStream {
    let single_part = op.body.as_ref().and_then(|body| body.single_part.as_deref());
    // The body's one-value member is a part with that value, which the method does not take.
    let tag_part = op.body.as_ref().and_then(|body| match &body.shape {
        BodyShape::Fields { ty, tag: Some(tag) } => {
            let (body_ty, wire) = (ident(ty), &tag.property);
            let constant = ident(&tag.const_name);
            Some(quote!(multipart_form.text(#wire, &#body_ty::#constant)?;))
        }
        _ => None,
    });
    let parts = op.inputs.iter().filter_map(|input| {
        let wire = match (&input.target, single_part) {
            (InputTarget::BodyField { wire, .. }, _) => wire.as_str(),
            (InputTarget::Body, Some(part)) => part,
            _ => return None,
        };
        let value = input_value(input);
        // A `null` kept apart from absent is no part either.
        let value = match input.keeps_null {
            true => quote!(#value.flatten()),
            false => value,
        };
        let (is_array, item) = match &input.ty {
            TypeRef::Array(item) => (true, &**item),
            other => (false, other),
        };
        // Items that may be null: a null is no part.
        let (nullable_items, item) = match item {
            TypeRef::Nullable(inner) if is_array => (true, &**inner),
            item => (false, item),
        };
        let add = if *item == TypeRef::Scalar(Scalar::File) {
            quote!(multipart_form.file(#wire, item);)
        } else if input.secret {
            quote!(multipart_form.text(#wire, &#RUNTIME::ExposeSecret::expose_secret(&item))?;)
        } else {
            quote!(multipart_form.text(#wire, &item)?;)
        };
        Some(match (input.optional, is_array) {
            (false, false) => quote!({ let item = #value; #add }),
            (true, false) => quote!(if let ::std::option::Option::Some(item) = #value { #add }),
            (false, true) if nullable_items => quote!(for item in #value.into_iter().flatten() { #add }),
            (false, true) => quote!(for item in #value { #add }),
            (true, true) if nullable_items => quote!(for item in #value.into_iter().flatten().flatten() { #add }),
            (true, true) => quote!(for item in #value.into_iter().flatten() { #add }),
        })
    });
    quote! {
        let mut multipart_form = #RUNTIME::__private::Multipart::new();
        #tag_part
        #(#parts)*
        let request = request.multipart_body(multipart_form);
    }
}

fn when_ready_method(op: &Operation) -> Option<TokenStream> {
    let when_ready = op.when_ready.as_ref()?;
    let name = ident(&when_ready.method_name);
    let call_args = op.inputs.iter().filter(|i| i.required).map(|i| {
        let name = ident(&i.name);
        quote!(::std::clone::Clone::clone(&#name))
    });
    let options_arg = op
        .options_type
        .as_ref()
        .map(|_| quote!(::std::clone::Clone::clone(&options)));
    // `code()` is what the server sent: an answer without the code is not "not ready yet".
    let conditions = when_ready.answers.iter().map(|w| {
        let status = proc_macro2::Literal::u16_unsuffixed(w.status);
        match &w.code {
            Some(code) => quote!(e.status() == #status && e.code() == ::std::option::Option::Some(#code)),
            None => quote!(e.status() == #status),
        }
    });
    let described: Vec<String> = when_ready
        .answers
        .iter()
        .map(|w| match &w.code {
            Some(code) => format!("{} `{code}`", w.status),
            None => w.status.to_string(),
        })
        .collect();
    let doc = format!(
        " Like [`Client::{}`], but while the API answers {} (\"not ready yet\"), calls again with \
         backoff ([`WaitPolicy`]) until `deadline` has passed, then returns the last answer. No wait, \
         retries included, passes the deadline.",
        op.method_name,
        described.join(" or ")
    );
    let method_name = ident(&op.method_name);
    let parameters = public_parameters(op);
    let conversions = conversions(op);
    let allow = too_many_arguments(parameters.len() + 1);
    let error_ty = ident(&op.error_type);
    let return_type = return_type(op);
    Some(quote! {
        #[doc = #doc]
        #allow
        pub async fn #name(&self, #(#parameters,)* deadline: ::std::time::Duration) -> #return_type {
            #(#conversions)*
            #RUNTIME::__private::until_ready(
                self.http().wait_policy(),
                deadline,
                |error: &#RUNTIME::Error<#error_ty>| error.api_error().is_some_and(|e| #(#conditions)||*),
                || self.#method_name(#(#call_args,)* #options_arg),
            )
            .await
        }
    })
}

/// The body of `…_pages` for a listing by page number.
fn numbered_pages(
    op: &Operation,
    paging: &Pagination,
    object: &PageField,
    [current_page, total_pages, per_page]: [&Option<PageField>; 3],
) -> TokenStream {
    let method_name = ident(&op.method_name);
    let page = ident(&paging.page_option);
    let body_type = ident(&paging.body_type);
    let items = ident(&paging.items_field);
    let required = required_inputs(op);
    let object_name = ident(&object.name);
    // The pagination object, as an `Option<&_>`.
    let object_ref = if object.keeps_null {
        quote!(body.#object_name.as_ref().and_then(::std::option::Option::as_ref))
    } else if object.optional {
        quote!(body.#object_name.as_ref())
    } else {
        quote!(::std::option::Option::Some(&body.#object_name))
    };
    let member = |field: &Option<PageField>| match field {
        Some(field) => {
            let name = ident(&field.name);
            if field.keeps_null {
                quote!(object.and_then(|object| object.#name.flatten()))
            } else if field.optional {
                quote!(object.and_then(|object| object.#name))
            } else {
                quote!(object.map(|object| object.#name))
            }
        }
        None => quote!(::std::option::Option::None),
    };
    let (current_page, total_pages, per_page) = (member(current_page), member(total_pages), member(per_page));
    quote! {
        let first = options.#page.unwrap_or(1);
        #RUNTIME::__private::pages(
            first,
            move |page| {
                let mut options = ::std::clone::Clone::clone(&options);
                options.#page = ::std::option::Option::Some(page);
                self.#method_name(#(::std::clone::Clone::clone(&#required),)* options)
            },
            |body: &#body_type| {
                let object = #object_ref;
                #RUNTIME::__private::PageInfo {
                    current_page: #current_page,
                    total_pages: #total_pages,
                    per_page: #per_page,
                    items: body.#items.len(),
                    items_fingerprint: #RUNTIME::__private::fingerprint(&body.#items),
                }
            },
        )
    }
}

/// The body of `…_pages` for a listing by cursor.
fn cursor_pages(op: &Operation, paging: &Pagination, next: &PageField) -> TokenStream {
    let method_name = ident(&op.method_name);
    let cursor = ident(&paging.page_option);
    let body_type = ident(&paging.body_type);
    let items = ident(&paging.items_field);
    let required = required_inputs(op);
    let next_name = ident(&next.name);
    let next_value = if next.keeps_null {
        quote!(::std::clone::Clone::clone(&body.#next_name).flatten())
    } else if next.optional {
        quote!(::std::clone::Clone::clone(&body.#next_name))
    } else {
        quote!(::std::option::Option::Some(::std::clone::Clone::clone(&body.#next_name)))
    };
    quote! {
        let first = ::std::clone::Clone::clone(&options.#cursor);
        #RUNTIME::__private::cursor_pages(
            first,
            move |cursor| {
                let mut options = ::std::clone::Clone::clone(&options);
                options.#cursor = cursor;
                self.#method_name(#(::std::clone::Clone::clone(&#required),)* options)
            },
            |body: &#body_type| #next_value,
            |body: &#body_type| (body.#items.len(), #RUNTIME::__private::fingerprint(&body.#items)),
        )
    }
}

fn required_inputs(op: &Operation) -> Vec<proc_macro2::Ident> {
    op.inputs
        .iter()
        .filter(|i| i.required)
        .map(|i| ident(&i.name))
        .collect()
}

/// `…_pages` and `…_all` for an operation that lists a paginated collection.
fn pagination_methods(op: &Operation) -> Option<TokenStream> {
    let paging = op.pagination.as_ref()?;
    let parameters = public_parameters(op);
    let conversions = conversions(op);
    let allow = too_many_arguments(parameters.len());
    let pages_method = ident(&paging.pages_method);
    let all_method = ident(&paging.all_method);
    let body_type = ident(&paging.body_type);
    let items = ident(&paging.items_field);
    let item_type = rust_type(&paging.item_type);
    let error_ty = ident(&op.error_type);
    let required = required_inputs(op);
    let pages_body = match &paging.kind {
        PageKind::Numbered {
            object,
            current_page,
            total_pages,
            per_page,
        } => numbered_pages(op, paging, object, [current_page, total_pages, per_page]),
        PageKind::Cursor { next } => cursor_pages(op, paging, next),
    };
    let pages_doc = format!(
        " Every page of [`Client::{}`], from `options.{}` (or the first): one request each, with the \
         same retries; stops after the last page, and after the first error, which it yields.",
        op.method_name, paging.page_option
    );
    let all_doc = format!(
        " Every item of [`Client::{}`] across all its pages (see [`Client::{}`]).",
        op.method_name, paging.pages_method
    );
    let stream = quote!(impl #RUNTIME::FusedStream);
    let result = |item: TokenStream| quote!(::std::result::Result<#item, #RUNTIME::Error<#error_ty>>);
    let page_result = result(quote!(#RUNTIME::Response<#body_type>));
    let item_result = result(item_type);
    Some(quote! {
        #[doc = #pages_doc]
        #allow
        pub fn #pages_method(&self, #(#parameters),*) -> #stream<Item = #page_result> + '_ {
            #(#conversions)*
            #pages_body
        }

        #[doc = #all_doc]
        #allow
        pub fn #all_method(&self, #(#parameters),*) -> #stream<Item = #item_result> + '_ {
            #RUNTIME::__private::items(self.#pages_method(#(#required,)* options), |body: #body_type| body.#items)
        }
    })
}

fn options_struct(op: &Operation) -> Option<TokenStream> {
    let options_ty = ident(op.options_type.as_ref()?);
    let fields = op.inputs.iter().filter(|i| !i.required).map(|i| {
        let name = ident(&i.name);
        let ty = input_type(i);
        let null_doc = i
            .keeps_null
            .then_some("`None` leaves the member out; `Some(None)` sends it as `null`.");
        let docs = docs([i.docs.as_deref(), null_doc]);
        quote! { #docs pub #name: #ty, }
    });
    let setters = op.inputs.iter().filter(|i| !i.required).map(|i| {
        let name = ident(&i.name);
        let setter = ident(&i.setter);
        let (ty, into) = argument_type(&i.ty, i.secret, false);
        let value = if into { quote!(value.into()) } else { quote!(value) };
        // Set, the member goes out with the value; `null` is `Some(None)` in the field.
        let value = match i.keeps_null {
            true => quote!(::std::option::Option::Some(#value)),
            false => value,
        };
        let doc = format!(" Sets `{}`.", i.name.trim_start_matches("r#"));
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#name = ::std::option::Option::Some(#value);
                self
            }
        }
    });
    let doc = format!(
        " Optional inputs of [`Client::{}`]: `Default` leaves them all out, the `with_…` methods set \
         them. A newer version of the document may add more.",
        op.method_name
    );
    Some(quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::default::Default)]
        #[non_exhaustive]
        pub struct #options_ty { #(#fields)* }

        impl #options_ty {
            #(#setters)*
        }
    })
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
        quote!(if let ::std::option::Option::Some(item) = #column.get(row_index) { request.query(#wire, item); })
    });
    quote! {
        {
            #(#bindings)*
            let row_count = [#(#lengths),*].into_iter().max().unwrap_or(0);
            for row_index in 0..row_count {
                #(#sends)*
            }
        }
    }
}

/// The request path: a literal, or a `format!` that percent-encodes each path parameter (one
/// spelled `{+name}` keeping its `/`s).
fn path_expression(op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let placeholder = &rest[start + 1..start + len];
        let wire = placeholder.strip_prefix('+').unwrap_or(placeholder);
        template.push_str(&format_literal(&rest[..start]));
        template.push_str("{}");
        if let Some((input, reserved)) = op.inputs.iter().find_map(|i| match &i.target {
            InputTarget::Path { wire: w, reserved, .. } if w == wire => Some((i, *reserved)),
            _ => None,
        }) {
            let name = ident(&input.name);
            // A `label` or `matrix` parameter is its whole segment, prefix and encoding included.
            if let InputTarget::Path {
                structured: Some(style @ (Structured::Label { .. } | Structured::Matrix { .. })),
                ..
            } = &input.target
            {
                let style = match style {
                    Structured::Label { explode: false } => quote!(Label),
                    Structured::Label { explode: true } => quote!(LabelExploded),
                    Structured::Matrix { explode: false } => quote!(Matrix),
                    _ => quote!(MatrixExploded),
                };
                args.push(quote! {
                    #RUNTIME::__private::styled_path_segment(#wire, #RUNTIME::__private::PathStyle::#style, &#name)?
                });
                rest = &rest[start + len + 1..];
                continue;
            }
            let text = match &input.target {
                InputTarget::Path {
                    structured: Some(style),
                    ..
                } => {
                    let text = text_function(style);
                    quote!(#text(#wire, &#name)?)
                }
                _ if input.secret => {
                    quote!(::std::string::ToString::to_string(#RUNTIME::ExposeSecret::expose_secret(&#name)))
                }
                _ => quote!(::std::string::ToString::to_string(&#name)),
            };
            let encode = match reserved {
                true => quote!(encode_path_reserved),
                false => quote!(encode_path_segment),
            };
            args.push(quote! {
                #RUNTIME::__private::#encode(#wire, &#text)?
            });
        }
        rest = &rest[start + len + 1..];
    }
    if args.is_empty() {
        let path = &op.path;
        quote!(::std::string::String::from(#path))
    } else {
        template.push_str(&format_literal(rest));
        quote!(::std::format!(#template, #(#args),*))
    }
}

/// Literal text in a `format!` template: a `{` or `}` the path has (`/a}b/{id}`) is doubled.
fn format_literal(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
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
                let body = match &e.body {
                    ResponseBody::Json(ty) => named_in(ty).map(|name| format!(" ([`{name}`])")),
                    _ => None,
                };
                format!(
                    "- {} [`{variant}`]({error}::{variant}){}: {}",
                    status_label(e.status),
                    body.unwrap_or_default(),
                    e.docs.as_deref().unwrap_or("").lines().next().unwrap_or(""),
                    variant = e.variant,
                    error = op.error_type,
                )
            })
            .collect();
        format!("# Errors\n[`{}`], by status:\n{}", op.error_type, each.join("\n"))
    });
    let operation_id = match &op.server {
        Some(server) => format!(
            "Operation `{}`, {route}, on its own server `{}` while the client's base URL is the API's \
             default (another base URL, a proxy's or a mock's, takes it too).",
            op.operation_id,
            server.replace('`', "")
        ),
        None => format!("Operation `{}`, {route}.", op.operation_id),
    };
    let types = types_line(op);
    docs([
        op.summary.as_deref(),
        op.description.as_deref(),
        Some(operation_id.as_str()),
        types.as_deref(),
        scopes.as_deref(),
        errors.as_deref(),
    ])
}

/// `Takes […]; answers […].`: the named types of the method's arguments and success, linked, so
/// that a reader finds an operation's types from the operation.
fn types_line(op: &Operation) -> Option<String> {
    let link = |name: &str| format!("[`{name}`]");
    let mut arguments: Vec<String> = Vec::new();
    for input in op.inputs.iter().filter(|i| i.required) {
        if let Some(name) = named_in(&input.ty).map(link).filter(|l| !arguments.contains(l)) {
            arguments.push(name);
        }
    }
    arguments.extend(op.options_type.as_deref().map(link));
    let mut success: Vec<String> = Vec::new();
    match &op.success_enum {
        Some(name) => success.push(link(name)),
        // Several statuses may answer with one type (200 and 201): it is named once.
        None => {
            for s in &op.success {
                if let ResponseBody::Json(ty) = &s.body
                    && let Some(name) = named_in(ty).map(link).filter(|l| !success.contains(l))
                {
                    success.push(name);
                }
            }
        }
    }
    let mut parts = Vec::new();
    if !arguments.is_empty() {
        parts.push(format!("Takes {}", arguments.join(", ")));
    }
    if !success.is_empty() {
        parts.push(format!("answers {}", success.join(", ")));
    }
    let line = parts.join("; ");
    let mut chars = line.chars();
    let first = chars.next()?;
    Some(format!("{}{}.", first.to_uppercase(), chars.as_str()))
}

/// The named type a value is, or holds (the items of an array, the values of a map).
fn named_in(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named { name, .. } => Some(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named_in(inner),
        _ => None,
    }
}
