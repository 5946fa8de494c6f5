//! Emits each operation's error enum: one variant per documented status, decoded from the body
//! the document describes (in the API's envelope or bare).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Operation, ResponseBody, TypeRef};
use crate::naming;

use super::tokens::{docs, ident, rust_type};

pub fn emit_error_enum(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&naming::operation_error_type(&op.type_prefix));
    let holds_secret = op.errors.iter().any(|e| match &e.body {
        ResponseBody::Json(TypeRef::Named { name, .. }) => api.type_named(name).is_some_and(|t| t.holds_secret),
        _ => false,
    });
    let derives = if holds_secret {
        quote!(Debug, Clone)
    } else {
        quote!(Debug, Clone, PartialEq)
    };
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let doc = format!("HTTP {}: {}", e.status, e.docs.as_deref().unwrap_or(""));
        let docs = docs([Some(doc.trim_end_matches(": "))]);
        match &e.body {
            ResponseBody::Json(ty) => {
                let ty = rust_type(ty);
                quote!(#docs #variant(#ty),)
            }
            ResponseBody::Text => quote!(#docs #variant(String),),
            ResponseBody::Empty => quote!(#docs #variant,),
        }
    });
    let parts = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let status = proc_macro2::Literal::u16_unsuffixed(e.status);
        match e.body {
            ResponseBody::Empty => quote!(Self::#variant => (#status, &()),),
            _ => quote!(Self::#variant(body) => (#status, body),),
        }
    });
    let decoders = op.errors.iter().map(|e| {
        let status = proc_macro2::Literal::u16_unsuffixed(e.status);
        let variant = ident(&e.variant);
        let decode = match &e.body {
            ResponseBody::Json(_) => quote!(crate::runtime::json::decode_documented(body, Self::#variant)),
            ResponseBody::Text => quote!(Ok(Self::#variant(String::from_utf8_lossy(body).into_owned()))),
            ResponseBody::Empty => quote!(Ok(Self::#variant)),
        };
        quote!(#status => #decode,)
    });
    let doc = format!(
        " The errors the API document lists for [`Client::{}`], by HTTP status.",
        op.method_name
    );
    let decode_fn = if op.errors.is_empty() {
        quote! {
            fn decode(_status: u16, _body: &[u8]) -> Option<Result<Self, crate::runtime::json::JsonError>> {
                None
            }
        }
    } else {
        quote! {
            fn decode(status: u16, body: &[u8]) -> Option<Result<Self, crate::runtime::json::JsonError>> {
                Some(match status {
                    #(#decoders)*
                    _ => return None,
                })
            }
        }
    };
    // An operation without documented errors has an empty enum: only `*self` can be matched exhaustively.
    let scrutinee = if op.errors.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };
    quote! {
        #[doc = #doc]
        // Only ever held behind `Error::Api`'s box, so a large variant costs no stack space.
        #[allow(clippy::large_enum_variant)]
        #[derive(#derives)]
        pub enum #name { #(#variants)* }

        impl #name {
            fn parts(&self) -> (u16, &dyn crate::runtime::error::ErrorBody) {
                match #scrutinee { #(#parts)* }
            }

            /// The HTTP status this error came with.
            pub fn status(&self) -> u16 {
                self.parts().0
            }

            /// The error code the server sent (`code`); `None` when it sent none.
            pub fn code(&self) -> Option<&str> {
                self.parts().1.code()
            }

            /// The human-readable `description` the API sent, if any.
            pub fn description(&self) -> Option<&str> {
                self.parts().1.description()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let (status, body) = self.parts();
                crate::runtime::error::fmt_api_error(status, body, f)
            }
        }

        impl std::error::Error for #name {}

        impl crate::runtime::error::OperationError for #name {
            #decode_fn

            fn is_tagged_as_documented(&self) -> bool {
                self.parts().1.is_tagged_as_documented()
            }
        }
    }
}
