//! Emits each operation's error enum: one variant per documented status, decoded from the body
//! the document describes (in the API's envelope or bare). What every such enum has in common
//! (`status()`, `code()`, `Display`, …) is the runtime's `operation_error!`.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use crate::ir::{Api, ErrorResponse, Operation, ResponseBody, StatusMatch};

use super::tokens::{RUNTIME, docs, ident, rust_type};

pub fn emit_error_enum(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.error_type);
    let derives = if holds_secret(api, op) {
        quote!(::std::fmt::Debug, ::std::clone::Clone)
    } else {
        quote!(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)
    };
    let mut variants: Vec<TokenStream> = op.errors.iter().map(variant).collect();
    let mut parts: Vec<TokenStream> = op.errors.iter().map(parts_arm).collect();
    if let Some(undocumented) = &op.undocumented_variant {
        let undocumented = ident(undocumented);
        variants.push(quote! {
            /// A documented status whose error object carries another code than the one the
            /// document gives that status (or no code): kept whole, with the code it carried.
            #undocumented(#RUNTIME::UndocumentedError),
        });
        parts.push(quote!(Self::#undocumented(body) => (body.status, body),));
    }
    let doc = format!(
        " The errors the API document lists for [`Client::{}`](crate::Client), by HTTP status. \
         A new version of the document may add statuses, so matches need a `_` arm.",
        op.method_name
    );
    let mut ordered: Vec<&ErrorResponse> = op.errors.iter().collect();
    ordered.sort_by_key(|e| e.status);
    let undocumented = op.undocumented_variant.as_deref();
    let exact: Vec<u16> = op.errors.iter().filter_map(|e| e.status.code()).collect();
    let decoders = ordered.iter().map(|e| decode_arm(e, undocumented, &exact));
    let has_default = op.errors.iter().any(|e| e.status == StatusMatch::Default);
    let fallback = (!has_default).then(|| quote!(_ => return ::std::option::Option::None,));
    // An operation without documented errors has an empty enum: only `*self` can be matched exhaustively.
    let scrutinee = if op.errors.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };
    let any_json = op.errors.iter().any(|e| matches!(e.body, ResponseBody::Json(_)));
    let any_body = op
        .errors
        .iter()
        .any(|e| matches!(e.body, ResponseBody::Text | ResponseBody::Bytes));
    let decode_body = if op.errors.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        let any_plain_json = op
            .errors
            .iter()
            .any(|e| matches!(e.body, ResponseBody::Json(_)) && e.documented_code.is_none());
        let import = any_plain_json.then(|| quote!(use #RUNTIME::__private::decode_documented as json;));
        let any_coded = op.undocumented_variant.is_some();
        let import_coded = any_coded.then(|| {
            quote! {
                use #RUNTIME::__private::decode_coded as coded;
                let response = (body, envelope, status);
            }
        });
        let import = quote!(#import #import_coded);
        // `default` alone matches every status: no `match` to write.
        let decoded = match op.errors.as_slice() {
            [only] if only.status == StatusMatch::Default => decode_expression(only, undocumented),
            _ => quote!(match status.as_u16() { #(#decoders)* #fallback }),
        };
        quote! {
            #import
            ::std::option::Option::Some(#decoded)
        }
    };
    // Parameters a body of this operation's errors does not read are named `_…`, for the lint.
    let status = unused_unless(!op.errors.is_empty(), "status");
    let body = unused_unless(any_json || any_body, "body");
    let envelope = unused_unless(any_json, "envelope");
    let params = quote!(#status: #RUNTIME::StatusCode, #body: &[u8], #envelope: ::std::option::Option<&str>);
    quote! {
        #[doc = #doc]
        // Only ever held behind `Error::Api`'s box, so a large variant costs no stack space.
        #[allow(clippy::large_enum_variant)]
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name { #(#variants)* }

        impl #RUNTIME::__private::OperationError for #name {
            fn decode(#params) -> ::std::option::Option<::std::result::Result<Self, #RUNTIME::JsonError>> {
                #decode_body
            }

            fn parts(&self) -> (#RUNTIME::StatusCode, &dyn #RUNTIME::__private::ErrorBody) {
                match #scrutinee { #(#parts)* }
            }
        }

        #RUNTIME::operation_error!(#name);
    }
}

fn unused_unless(used: bool, name: &str) -> proc_macro2::Ident {
    if used {
        quote::format_ident!("{name}")
    } else {
        quote::format_ident!("_{name}")
    }
}

fn holds_secret(api: &Api, op: &Operation) -> bool {
    op.errors.iter().any(|e| match &e.body {
        ResponseBody::Json(ty) => api.holds_secret(ty),
        _ => false,
    })
}

fn variant(e: &ErrorResponse) -> TokenStream {
    let variant = ident(&e.variant);
    let doc = crate::prose::labelled(&status_label(e.status), e.docs.as_deref());
    let docs = docs([Some(doc.as_str())]);
    let body = body_type(&e.body);
    match (e.status.is_exact(), body) {
        (true, Some(body)) => quote!(#docs #variant(#body),),
        (true, None) => quote!(#docs #variant,),
        (false, Some(body)) => quote!(#docs #variant { status: #RUNTIME::StatusCode, body: #body },),
        (false, None) => quote!(#docs #variant { status: #RUNTIME::StatusCode },),
    }
}

/// `HTTP 404`, `HTTP 4XX`, `Any other HTTP status`.
pub fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Exact(code) => format!("HTTP {code}"),
        StatusMatch::Range(digit) => format!("HTTP {digit}XX"),
        StatusMatch::Default => "Any other HTTP status".to_owned(),
    }
}

/// The Rust type a response body is kept as; `None` for no body.
pub fn body_type(body: &ResponseBody) -> Option<TokenStream> {
    match body {
        ResponseBody::Json(ty) => Some(rust_type(ty)),
        ResponseBody::Text => Some(quote!(::std::string::String)),
        ResponseBody::Bytes => Some(quote!(::std::vec::Vec<u8>)),
        ResponseBody::Empty => None,
    }
}

fn parts_arm(e: &ErrorResponse) -> TokenStream {
    variant_arm(e, |status, has_body| {
        // The variant's own status is a `StatusCode` already; a documented one is made at compile time.
        let status = match e.status {
            StatusMatch::Exact(_) => quote!(const { #RUNTIME::__private::status(#status) }),
            _ => quote!(*status),
        };
        if has_body {
            quote!((#status, body))
        } else {
            quote!((#status, &()))
        }
    })
}

/// `Self::<variant>… => <then>,` for an error variant: its body bound as `body` (a reference) when
/// it has one; `then` gets the variant's status as a `u16` expression, and whether `body` is bound.
pub fn variant_arm(e: &ErrorResponse, then: impl FnOnce(TokenStream, bool) -> TokenStream) -> TokenStream {
    let variant = ident(&e.variant);
    let has_body = e.body != ResponseBody::Empty;
    let (pattern, status) = match (e.status, has_body) {
        (StatusMatch::Exact(code), true) => (
            quote!(Self::#variant(body)),
            Literal::u16_unsuffixed(code).to_token_stream(),
        ),
        (StatusMatch::Exact(code), false) => (quote!(Self::#variant), Literal::u16_unsuffixed(code).to_token_stream()),
        (_, true) => (quote!(Self::#variant { status, body }), quote!(status.as_u16())),
        (_, false) => (quote!(Self::#variant { status }), quote!(status.as_u16())),
    };
    let value = then(status, has_body);
    quote!(#pattern => #value,)
}

/// The statuses an arm of `decode` matches: exact ones are listed before ranges, and `default`
/// last. A range leaves out the exact statuses the operation lists (`4XX` beside `404` is
/// `400..=403 | 405..=499`), so that no two arms overlap.
fn status_pattern(status: StatusMatch, exact: &[u16]) -> TokenStream {
    match status {
        StatusMatch::Exact(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(digit) => {
            let spans = range_without(
                digit.saturating_mul(100),
                digit.saturating_mul(100).saturating_add(99),
                exact,
            );
            let spans = spans.into_iter().map(|(low, high)| {
                let (low_literal, high_literal) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
                match low == high {
                    true => quote!(#low_literal),
                    false => quote!(#low_literal..=#high_literal),
                }
            });
            quote!(#(#spans)|*)
        }
        StatusMatch::Default => quote!(_),
    }
}

/// The spans of `low..=high` that hold none of `exact`.
fn range_without(low: u16, high: u16, exact: &[u16]) -> Vec<(u16, u16)> {
    let mut inside: Vec<u16> = exact.iter().copied().filter(|c| (low..=high).contains(c)).collect();
    inside.sort_unstable();
    inside.dedup();
    let mut spans = Vec::with_capacity(inside.len() + 1);
    let mut start = low;
    for code in inside {
        if code > start {
            spans.push((start, code - 1));
        }
        start = code.saturating_add(1);
    }
    if start <= high {
        spans.push((start, high));
    }
    spans
}

fn decode_arm(e: &ErrorResponse, undocumented: Option<&str>, exact: &[u16]) -> TokenStream {
    let pattern = status_pattern(e.status, exact);
    // A range whose every status is listed on its own is never reached.
    if pattern.is_empty() {
        return TokenStream::new();
    }
    let decode = decode_expression(e, undocumented);
    quote!(#pattern => #decode,)
}

/// Decodes `body` into the variant of `e` (or, for a body with another code than the one `e`
/// documents, into the `undocumented` variant).
fn decode_expression(e: &ErrorResponse, undocumented: Option<&str>) -> TokenStream {
    let variant = ident(&e.variant);
    if let (Some(_), Some(undocumented)) = (&e.documented_code, undocumented) {
        let undocumented = ident(undocumented);
        return if e.status.is_exact() {
            quote!(coded!(response, Self::#variant, Self::#undocumented))
        } else {
            quote!(coded!(response, Self::#variant { status }, Self::#undocumented))
        };
    }
    let make = |value: TokenStream| {
        if e.status.is_exact() {
            quote!(Self::#variant(#value))
        } else {
            quote!(Self::#variant { status, body: #value })
        }
    };
    match &e.body {
        ResponseBody::Json(_) if e.status.is_exact() => quote!(json(body, envelope, Self::#variant)),
        ResponseBody::Json(_) => quote!(json(body, envelope, |body| Self::#variant { status, body })),
        ResponseBody::Text => {
            let value = make(quote!(::std::string::String::from_utf8_lossy(body).into_owned()));
            quote!(::std::result::Result::Ok(#value))
        }
        ResponseBody::Bytes => {
            let value = make(quote!(body.to_vec()));
            quote!(::std::result::Result::Ok(#value))
        }
        ResponseBody::Empty if e.status.is_exact() => quote!(::std::result::Result::Ok(Self::#variant)),
        ResponseBody::Empty => quote!(::std::result::Result::Ok(Self::#variant { status })),
    }
}

#[cfg(test)]
mod tests {
    use super::range_without;

    #[test]
    fn a_range_leaves_out_the_statuses_listed_on_their_own() {
        assert_eq!(range_without(400, 499, &[]), [(400, 499)]);
        assert_eq!(range_without(400, 499, &[404, 200, 500]), [(400, 403), (405, 499)]);
        assert_eq!(range_without(400, 499, &[400, 401, 499, 401]), [(402, 498)]);
        let every: Vec<u16> = (500..=599).collect();
        assert_eq!(range_without(500, 599, &every), []);
    }
}
