//! Small token helpers every emitter uses: identifiers, doc attributes, Rust types for IR types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Field, Scalar, Tag, TypeRef};

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

/// `#[cfg(any(feature = "a", feature = "b"))]` for an item the given features need; nothing for none.
pub fn cfg_features(features: &[String]) -> Option<TokenStream> {
    match features {
        [] => None,
        [one] => Some(quote!(#[cfg(feature = #one)])),
        many => Some(quote!(#[cfg(any(#(feature = #many),*))])),
    }
}

/// Puts `attribute` on every item of `items` (a run of items this crate emitted: each ends with a
/// `{ … }` body or a `;`, its attributes before it).
pub fn on_each_item(items: TokenStream, attribute: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut at_item_start = true;
    for token in items {
        if at_item_start {
            out.extend(attribute.clone());
        }
        let ends_item = match &token {
            proc_macro2::TokenTree::Group(group) => group.delimiter() == proc_macro2::Delimiter::Brace,
            proc_macro2::TokenTree::Punct(punct) => punct.as_char() == ';',
            _ => false,
        };
        out.extend([token]);
        at_item_start = ends_item;
    }
    out
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
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner);
            quote!(::std::option::Option<#inner>)
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
        TypeRef::Scalar(scalar) => scalar_type(*scalar),
        // The lowering checked that the config's path parses as a type.
        TypeRef::Custom(path) => {
            syn::parse_str::<syn::Type>(path).map_or_else(|e| e.to_compile_error(), |ty| quote!(#ty))
        }
    }
}

fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::U8 => quote!(u8),
        Scalar::U16 => quote!(u16),
        Scalar::U32 => quote!(u32),
        Scalar::U64 => quote!(u64),
        Scalar::Uuid => quote!(#RUNTIME::uuid::Uuid),
        Scalar::DateTime => quote!(#RUNTIME::chrono::DateTime<#RUNTIME::chrono::FixedOffset>),
        Scalar::Date => quote!(#RUNTIME::chrono::NaiveDate),
        Scalar::IpAddr => quote!(::std::net::IpAddr),
        Scalar::Ipv4Addr => quote!(::std::net::Ipv4Addr),
        Scalar::Ipv6Addr => quote!(::std::net::Ipv6Addr),
        Scalar::NumberOrString => quote!(#RUNTIME::NumberOrString),
        Scalar::File => quote!(#RUNTIME::FilePart),
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

/// A public function's parameter of this type: `impl Into<T>` or `T`
/// ([`TypeRef::passed_by_into`]); an optional value is taken as `Option<T>`, so `None` stays easy
/// to pass. The second part says whether the body must call `.into()`.
pub fn argument_type(ty: &TypeRef, secret: bool, optional: bool) -> (TokenStream, bool) {
    let value = value_type(ty, secret, optional);
    if !optional && ty.passed_by_into(secret) {
        (quote!(impl ::std::convert::Into<#value>), true)
    } else {
        (value, false)
    }
}

/// The Rust type of a struct field.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = value_type(&field.ty, field.secret.is_some(), field.optional());
    null_kept(ty, field.keeps_null)
}

/// The value a tag field is given where a value is built (`new`, a request body): the owning
/// type's constant, as `Some` (or `Some(Some)`) when the field is an `Option`.
pub fn tag_field_value(owner: TokenStream, tag: &Tag) -> TokenStream {
    let constant = ident(&tag.const_name);
    let value = quote!(::std::borrow::ToOwned::to_owned(#owner::#constant));
    match (tag.field_optional, tag.field_keeps_null) {
        (true, true) => quote!(::std::option::Option::Some(::std::option::Option::Some(#value))),
        (true, false) => quote!(::std::option::Option::Some(#value)),
        (false, _) => value,
    }
}

/// `Option<ty>` when `null` is kept apart from absent ([`Field::keeps_null`]): `ty` is already the
/// `Option` of absent, this one is the `Option` of `null`.
pub fn null_kept(ty: TokenStream, keeps_null: bool) -> TokenStream {
    match keeps_null {
        true => quote!(::std::option::Option<#ty>),
        false => ty,
    }
}

/// The request's method: `http`'s constant, or the runtime's QUERY, which `http` has none for.
pub fn method_value(method: crate::ir::HttpMethod) -> TokenStream {
    match method {
        crate::ir::HttpMethod::Query => quote!(#RUNTIME::__private::query_method()),
        other => {
            let name = ident(other.as_str());
            quote!(#RUNTIME::Method::#name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_gets_the_attribute() {
        let items = quote! {
            #[doc = " A."] pub struct A { x: u8 }
            impl A { fn f() {} }
            pub struct B(pub u8);
            impl<'de> T<'de> for B where B: Sized { }
        };
        let cfg = cfg_features(&["a".to_owned()]).unwrap();
        let expected = quote! {
            #[cfg(feature = "a")] #[doc = " A."] pub struct A { x: u8 }
            #[cfg(feature = "a")] impl A { fn f() {} }
            #[cfg(feature = "a")] pub struct B(pub u8);
            #[cfg(feature = "a")] impl<'de> T<'de> for B where B: Sized { }
        };
        assert_eq!(on_each_item(items, &cfg).to_string(), expected.to_string());
        let two = cfg_features(&["a".to_owned(), "b".to_owned()]).unwrap();
        assert_eq!(
            two.to_string(),
            quote!(#[cfg(any(feature = "a", feature = "b"))]).to_string()
        );
        assert!(cfg_features(&[]).is_none());
    }

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
