//! Emits the typed mocks, all behind the crate's mock feature: the `MockServer`, one expectation
//! type per operation (match on the operation's own arguments, answer with its typed success or
//! documented error), and each error enum's answer in the API's encoding.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Api, ErrorResponse, Operation, ResponseBody, StatusMatch, SuccessResponse};

use super::errors::body_type;
use super::tokens::{RUNTIME, ident};

/// `#[cfg(feature = "<mock feature>")]`, or `None` when the crate has no mocks.
pub fn mock_cfg(api: &Api) -> Option<TokenStream> {
    let feature = api.mock_feature.as_ref()?;
    Some(quote!(#[cfg(feature = #feature)]))
}

/// The crate's `MockServer`, for `client.rs`.
pub fn mock_server(api: &Api) -> Option<TokenStream> {
    let cfg = mock_cfg(api)?;
    let doc = format!(
        " A mock of {} on 127.0.0.1 for tests: one method per operation expects its calls and \
         answers them with a typed value, in the encoding the live API uses (errors in its \
         envelope). Everything of the runtime's [`MockServer`]({RUNTIME_PATH}::mock::MockServer) \
         (`uri`, `verify`, `received_requests`, `wiremock`) is reachable through it.",
        api.title,
        RUNTIME_PATH = "::clientgen_runtime"
    );
    Some(quote! {
        #cfg
        #[doc = #doc]
        #[derive(::std::fmt::Debug)]
        pub struct MockServer(#RUNTIME::mock::MockServer);

        #cfg
        impl MockServer {
            /// Starts the mock on a free port of 127.0.0.1; it stops when dropped.
            pub async fn start() -> Self {
                MockServer(#RUNTIME::mock::MockServer::start(&API).await)
            }

            /// A client aimed at this mock, with a placeholder token and retries off (a mocked
            /// `503` comes back at once). For other settings start from
            /// `self.client_builder::<Client>()`.
            ///
            /// # Panics
            /// Never for the mock's own address; the builder's checks cannot fail on it.
            pub fn client(&self) -> Client {
                match self.0.client_builder::<Client>().build() {
                    ::std::result::Result::Ok(client) => client,
                    ::std::result::Result::Err(error) => panic!("a client for the mock at {}: {error}", self.0.uri()),
                }
            }
        }

        #cfg
        impl ::std::ops::Deref for MockServer {
            type Target = #RUNTIME::mock::MockServer;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }
    })
}

/// The expectation type of `op` and its method on `MockServer`, for the operation's module.
pub fn operation_mock(
    api: &Api,
    op: &Operation,
    parameters: &[TokenStream],
    arguments: &[TokenStream],
) -> Option<TokenStream> {
    let cfg = mock_cfg(api)?;
    let mock = ident(&op.mock_type);
    let method_name = ident(&op.method_name);
    let builder = ident(&op.request_builder);
    let error_ty = ident(&op.error_type);
    let operation_id = &op.operation_id;
    let http_method = super::tokens::method_value(op.http_method);
    let path = &op.path;
    // `matching(self, …)`: `self` counts.
    let allow = super::operations::too_many_arguments(parameters.len());
    let ok = ok_method(op);
    let type_doc = format!(
        " Calls to [`Client::{}`](crate::Client) on a [`MockServer`](crate::MockServer): every \
         call until narrowed with `matching`; answer with `ok`, `error` or `respond_with`, then \
         `mount` it.",
        op.method_name
    );
    let matching_doc = format!(
        " Only the calls [`Client::{}`](crate::Client) makes with these arguments: the same method, \
         path, query (in any order), headers and body (JSON compared as values).",
        op.method_name
    );
    let method_doc = format!(
        " Expects calls to [`Client::{}`](crate::Client) (`{} {}`).",
        op.method_name,
        op.http_method.as_str(),
        op.path
    );
    Some(quote! {
        #cfg
        #[doc = #type_doc]
        #[derive(::std::fmt::Debug)]
        #[must_use = "an expectation does nothing until it is answered and mounted"]
        pub struct #mock<'a>(#RUNTIME::mock::Expectation<'a>);

        #cfg
        impl<'a> #mock<'a> {
            #[doc = #matching_doc]
            #allow
            pub fn matching(self, #(#parameters),*) -> Self {
                Self(self.0.matching_request(#builder(#(#arguments),*)))
            }

            #ok

            /// Answers with one of the operation's documented errors: its status, and its body
            /// wrapped in the API's error envelope, as the live API sends it.
            pub fn error(self, error: #error_ty) -> #RUNTIME::mock::Answered<'a> {
                self.0.error(&error)
            }

            /// Answers with any status and JSON body, sent as given (no envelope): for what the
            /// document does not describe.
            pub fn respond_with(self, status: u16, body: ::serde_json::Value) -> #RUNTIME::mock::Answered<'a> {
                self.0.respond_with(status, body)
            }
        }

        #cfg
        impl crate::MockServer {
            #[doc = #method_doc]
            pub fn #method_name(&self) -> #mock<'_> {
                // Through `Deref`: an operation may itself be called `expect`.
                let server: &#RUNTIME::mock::MockServer = ::std::ops::Deref::deref(self);
                #mock(server.expect(#operation_id, #http_method, #path))
            }
        }
    })
}

/// `ok(body)`: the operation's 2xx, as the client reads it back.
fn ok_method(op: &Operation) -> TokenStream {
    let answered = quote!(#RUNTIME::mock::Answered<'a>);
    if let Some(name) = &op.success_enum {
        let name = ident(name);
        let arms = op.success.iter().map(|s| success_arm(&name, s));
        return quote! {
            /// Answers with one of the operation's 2xx responses.
            pub fn ok(self, body: #name) -> #answered {
                let answer = match body { #(#arms)* };
                self.0.answer(answer)
            }
        };
    }
    let Some(success) = op.success.first() else {
        return quote! {
            /// Answers `204 No Content`: the document lists no 2xx response.
            pub fn ok(self) -> #answered {
                self.0.answer(#RUNTIME::mock::Answer::empty(204))
            }
        };
    };
    let status = Literal::u16_unsuffixed(answer_status(success.status, 200));
    let doc = format!(" Answers HTTP {status} with `body`.");
    match body_type(&success.body) {
        Some(ty) => {
            let answer = answer_expression(&success.body, quote!(#status), quote!(body));
            quote! {
                #[doc = #doc]
                pub fn ok(self, body: #ty) -> #answered {
                    self.0.answer(#answer)
                }
            }
        }
        None => {
            let doc = format!(" Answers HTTP {status}.");
            quote! {
                #[doc = #doc]
                pub fn ok(self) -> #answered {
                    self.0.answer(#RUNTIME::mock::Answer::empty(#status))
                }
            }
        }
    }
}

fn success_arm(name: &proc_macro2::Ident, s: &SuccessResponse) -> TokenStream {
    let variant = ident(&s.variant);
    let has_body = s.body != ResponseBody::Empty;
    match s.status {
        StatusMatch::Exact(code) => {
            let code = Literal::u16_unsuffixed(code);
            if has_body {
                let answer = answer_expression(&s.body, quote!(#code), quote!(body));
                quote!(#name::#variant(body) => #answer,)
            } else {
                quote!(#name::#variant => #RUNTIME::mock::Answer::empty(#code),)
            }
        }
        StatusMatch::Range(_) | StatusMatch::Default => {
            if has_body {
                let answer = answer_expression(&s.body, quote!(status), quote!(body));
                quote!(#name::#variant { status, body } => #answer,)
            } else {
                quote!(#name::#variant { status } => #RUNTIME::mock::Answer::empty(status),)
            }
        }
    }
}

/// The status an exact response answers with; a range's first, `fallback` for `default`.
fn answer_status(status: StatusMatch, fallback: u16) -> u16 {
    match status {
        StatusMatch::Exact(code) => code,
        StatusMatch::Range(digit) => digit.saturating_mul(100),
        StatusMatch::Default => fallback,
    }
}

/// The `Answer` of a success body, as the client would read it.
fn answer_expression(body: &ResponseBody, status: TokenStream, value: TokenStream) -> TokenStream {
    match body {
        ResponseBody::Json(_) => quote!(#RUNTIME::mock::Answer::json(#status, &#value)),
        ResponseBody::Text => quote!(#RUNTIME::mock::Answer::text(#status, &#value)),
        ResponseBody::Bytes => quote!(#RUNTIME::mock::Answer::bytes(#status, &#value)),
        ResponseBody::Empty => quote!(#RUNTIME::mock::Answer::empty(#status)),
    }
}

/// `MockError` for an operation's error enum: each variant's status and body, error objects in
/// the envelope; one `mock_error!` of the runtime.
pub fn error_answer_impl(api: &Api, op: &Operation) -> Option<TokenStream> {
    let cfg = mock_cfg(api)?;
    let name = ident(&op.error_type);
    let mut arms: Vec<TokenStream> = op.errors.iter().map(error_arm).collect();
    if let Some(undocumented) = &op.undocumented_variant {
        let undocumented = ident(undocumented);
        arms.push(quote!(Self::#undocumented(error) => undocumented(error),));
    }
    Some(quote! {
        #cfg
        #RUNTIME::__private::mock_error!(#name { #(#arms)* });
    })
}

fn error_arm(e: &ErrorResponse) -> TokenStream {
    super::errors::variant_arm(e, |status, _| match &e.body {
        ResponseBody::Json(_) => quote!(json(#status, body)),
        ResponseBody::Text => quote!(text(#status, body)),
        ResponseBody::Bytes => quote!(bytes(#status, body)),
        ResponseBody::Empty => quote!(empty(#status)),
    })
}
