//! Small token helpers every emitter uses: identifiers, doc attributes, Rust types for IR types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Field, TypeRef};

/// The runtime crate, as emitted code names it: an absolute path, so that no schema can shadow it.
pub struct Runtime;

pub const RUNTIME: Runtime = Runtime;

impl quote::ToTokens for Runtime {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(quote!(::clientgen_runtime));
    }
}

/// An identifier from a name the naming module decided; `r#type` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` lines for a block of prose; nothing for none.
pub fn docs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for text in paragraphs.into_iter().flatten() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(text.lines().map(|line| {
            let line = line.trim_end();
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        }));
    }
    quote! { #(#[doc = #lines])* }
}

/// The Rust type of a value, without the `Option` a field may add. Paths are absolute, so that a
/// schema named `String` or `Vec` cannot change what they mean.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Bytes => quote!(::std::vec::Vec<u8>),
        TypeRef::JsonObject => quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>),
        TypeRef::Array(item) => {
            let item = rust_type(item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Named { name, boxed } => {
            let name = ident(name);
            if *boxed {
                quote!(::std::boxed::Box<#name>)
            } else {
                quote!(#name)
            }
        }
    }
}

/// A value's Rust type: a secret as a `SecretString`, an optional value in `Option`.
pub fn value_type(ty: &TypeRef, secret: bool, optional: bool) -> TokenStream {
    let inner = if secret {
        quote!(#RUNTIME::SecretString)
    } else {
        rust_type(ty)
    };
    if optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The Rust type of a struct field.
pub fn field_type(field: &Field) -> TokenStream {
    value_type(&field.ty, field.secret, field.optional())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_identifiers() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("name").to_string(), "name");
    }

    #[test]
    fn docs_join_paragraphs() {
        let tokens = docs([Some("Summary."), None, Some("Line one\n\nLine two  ")]);
        let expected = quote! {
            #[doc = " Summary."] #[doc = ""] #[doc = " Line one"] #[doc = ""] #[doc = " Line two"]
        };
        assert_eq!(tokens.to_string(), expected.to_string());
    }
}
