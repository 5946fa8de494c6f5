//! Emits each operation's error enum: one variant per documented status, decoded from the body
//! the document describes (in the API's envelope or bare). What every such enum has in common
//! (`status()`, `code()`, `Display`, …) is the runtime's `operation_error!`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Api, ErrorResponse, Operation, ResponseBody, TypeRef};

use super::tokens::{RUNTIME, docs, ident, rust_type};

pub fn emit_error_enum(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.error_type);
    let derives = if holds_secret(api, op) {
        quote!(::std::fmt::Debug, ::std::clone::Clone)
    } else {
        quote!(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)
    };
    let variants = op.errors.iter().map(variant);
    let doc = format!(
        " The errors the API document lists for [`Client::{}`](crate::Client), by HTTP status. \
         A new version of the document may add statuses, so matches need a `_` arm.",
        op.method_name
    );
    let parts = op.errors.iter().map(parts_arm);
    let decoders = op.errors.iter().map(decode_arm);
    // An operation without documented errors has an empty enum: only `*self` can be matched exhaustively.
    let scrutinee = if op.errors.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };
    let any_json = op.errors.iter().any(|e| matches!(e.body, ResponseBody::Json(_)));
    let any_text = op.errors.iter().any(|e| e.body == ResponseBody::Text);
    let decode_body = if op.errors.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        let import = any_json.then(|| quote!(use #RUNTIME::__private::decode_documented as json;));
        quote! {
            #import
            ::std::option::Option::Some(match status {
                #(#decoders)*
                _ => return ::std::option::Option::None,
            })
        }
    };
    // Parameters a body of this operation's errors does not read are named `_…`, for the lint.
    let status = unused_unless(!op.errors.is_empty(), "status");
    let body = unused_unless(any_json || any_text, "body");
    let envelope = unused_unless(any_json, "envelope");
    let params = quote!(#status: u16, #body: &[u8], #envelope: ::std::option::Option<&str>);
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

            fn parts(&self) -> (u16, &dyn #RUNTIME::__private::ErrorBody) {
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
        ResponseBody::Json(TypeRef::Named { name, .. }) => api.type_named(name).is_some_and(|t| t.holds_secret),
        _ => false,
    })
}

fn variant(e: &ErrorResponse) -> TokenStream {
    let variant = ident(&e.variant);
    let doc = format!("HTTP {}: {}", e.status, e.docs.as_deref().unwrap_or(""));
    let docs = docs([Some(doc.trim_end_matches(": "))]);
    match &e.body {
        ResponseBody::Json(ty) => {
            let ty = rust_type(ty);
            quote!(#docs #variant(#ty),)
        }
        ResponseBody::Text => quote!(#docs #variant(::std::string::String),),
        ResponseBody::Empty => quote!(#docs #variant,),
    }
}

fn parts_arm(e: &ErrorResponse) -> TokenStream {
    let variant = ident(&e.variant);
    let status = Literal::u16_unsuffixed(e.status);
    match e.body {
        ResponseBody::Empty => quote!(Self::#variant => (#status, &()),),
        _ => quote!(Self::#variant(body) => (#status, body),),
    }
}

fn decode_arm(e: &ErrorResponse) -> TokenStream {
    let status = Literal::u16_unsuffixed(e.status);
    let variant = ident(&e.variant);
    let decode = match &e.body {
        ResponseBody::Json(_) => quote!(json(body, envelope, Self::#variant)),
        ResponseBody::Text => {
            quote!(::std::result::Result::Ok(Self::#variant(::std::string::String::from_utf8_lossy(body).into_owned())))
        }
        ResponseBody::Empty => quote!(::std::result::Result::Ok(Self::#variant)),
    };
    quote!(#status => #decode,)
}
