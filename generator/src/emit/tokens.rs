//! Small token helpers every emitter uses: identifiers, doc attributes, Rust types for IR types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Field, TypeRef};

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

/// The Rust type of a value, without the `Option` a field may add.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::Array(item) => {
            let item = rust_type(item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Named { name, boxed } => {
            let name = ident(name);
            if *boxed { quote!(Box<#name>) } else { quote!(#name) }
        }
    }
}

/// The Rust type of a struct field: secrets hidden, optional fields in `Option`.
pub fn field_type(field: &Field) -> TokenStream {
    let inner = if field.secret {
        quote!(secrecy::SecretString)
    } else {
        rust_type(&field.ty)
    };
    if field.optional() {
        quote!(Option<#inner>)
    } else {
        inner
    }
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
