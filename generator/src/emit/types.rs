//! Emits the crate's named types: structs, tolerant string enums, tagged unions.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{
    DeclaredMember, Field, IntegerEnum, OneMemberUnion, StringEnum, Struct, TaggedUnion, TypeDef, TypeKind, TypeRef,
    UntaggedUnion, Usage,
};

use super::tokens::{
    RUNTIME, argument_type, cfg_features, docs, field_type, ident, on_each_item, rust_type, tag_field_value, value_type,
};

/// `types.rs`: every named type of the crate. `error_bodies` names the types some operation
/// uses as an error body; they implement the runtime's `ErrorBody`.
/// With `mock` (the mock feature's name), types only ever decoded also get, behind that feature,
/// what a test needs to answer with them: `Serialize`, and `new` with `with_…` setters.
/// `first`: the file's first part, which opens it (its docs and imports).
pub fn emit_types(types: &[TypeDef], error_bodies: &BTreeSet<&str>, mock: Option<&str>, first: bool) -> TokenStream {
    let items = types.iter().map(|def| {
        let mock = mock.filter(|_| def.usage.deserialize && !def.usage.serialize);
        let item = emit_type(def, mock);
        let error_body = error_bodies.contains(def.name.as_str()).then(|| error_body_impl(def));
        let items = quote! { #item #error_body };
        match cfg_features(&def.features) {
            Some(cfg) => on_each_item(items, &cfg),
            None => items,
        }
    });
    let opening = first.then(|| {
        quote! {
            //! The API's data types, one per schema the selected operations use.
            #[allow(unused_imports)]
            use super::client::*;
        }
    });
    quote! {
        #opening
        #(#items)*
    }
}

/// `mock`: the mock feature, for a type that is only decoded (it gets `Serialize` behind it).
fn emit_type(def: &TypeDef, mock: Option<&str>) -> TokenStream {
    let pointer_doc = format!("Schema: `{}`", def.pointer);
    let summary = def.docs.is_none().then(|| super::summary::summary(def));
    let docs = docs([def.docs.as_deref().or(summary.as_deref()), Some(pointer_doc.as_str())]);
    match &def.kind {
        TypeKind::Struct(s) => emit_struct(def, s, docs, mock),
        TypeKind::StringEnum(e) => emit_string_enum(def, e, docs, mock),
        TypeKind::IntegerEnum(e) => emit_integer_enum(def, e, docs, mock),
        TypeKind::TaggedUnion(u) => emit_union(def, u, docs, mock),
        TypeKind::UntaggedUnion(u) => emit_untagged_union(def, u, docs, mock),
        TypeKind::OneMember(u) => emit_one_member(def, u, docs, mock),
        TypeKind::UntaggedJson { .. } => {
            let name = ident(&def.name);
            let serde = serde_derives(def.usage);
            let mock_derive = mock_serialize_derive(mock);
            // The attribute needs a serde derive to belong to.
            let transparent = (def.usage.serialize || def.usage.deserialize).then(|| quote!(#[serde(transparent)]));
            // A member may hold a secret, and raw JSON cannot say where: nothing of it is shown.
            let (debug_derive, debug_impl) = if def.holds_secret {
                let shown = format!("{}([REDACTED])", def.name);
                let debug = quote! {
                    impl ::std::fmt::Debug for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(#shown)
                        }
                    }
                };
                (quote!(), Some(debug))
            } else {
                // Free-form: member names and kinds, not values.
                let label = &def.name;
                let debug = quote! {
                    impl ::std::fmt::Debug for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.debug_tuple(#label).field(&#RUNTIME::__private::JsonShape(&self.0)).finish()
                        }
                    }
                };
                (quote!(), Some(debug))
            };
            let secret_doc = def.holds_secret.then(|| {
                quote! {
                    ///
                    /// One of its members holds a secret: `Debug` shows none of it. Read it through `.0`.
                }
            });
            quote! {
                #docs
                ///
                /// Its variants share no tag this client can dispatch on, so the value is kept as JSON.
                #secret_doc
                #[derive(#debug_derive ::std::clone::Clone, ::std::cmp::PartialEq, #serde)]
                #mock_derive
                #transparent
                pub struct #name(pub ::serde_json::Value);
                #debug_impl
            }
        }
    }
}

/// How a type used as an error body reports its code and description: one `error_body!` of the
/// runtime, which writes `ErrorBody`, `Display` and, for an object tagged by one code,
/// `DocumentedCode`.
fn error_body_impl(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let shape = match &def.kind {
        TypeKind::Struct(s) => {
            // The description field is one of the struct's; a tagged object also names its member.
            let described = s.description_field.as_ref().and_then(|field| {
                let wire = &s.fields.iter().find(|f| &f.name == field)?.wire_name;
                let field = ident(field);
                Some(match s.tag {
                    Some(_) => quote!(described(#field #wire)),
                    None => quote!(described(#field)),
                })
            });
            match &s.tag {
                Some(tag) => {
                    let field = ident(&tag.field);
                    let constant = ident(&tag.const_name);
                    // What the server sent, never the constant: a body without its code is not
                    // the documented error, however well the rest of it decodes.
                    let presence = match (tag.field_optional, tag.field_keeps_null) {
                        (true, true) => quote!(kept_null),
                        (true, false) => quote!(optional),
                        (false, _) => quote!(required),
                    };
                    let (member, value) = (&tag.property, &tag.value);
                    quote!(tagged(#field #presence #constant #member #value) #described)
                }
                None => quote!(object #described),
            }
        }
        TypeKind::TaggedUnion(u) => match u.description_property {
            Some(_) => quote!(union described),
            None => quote!(union),
        },
        // A union or a scalar that is not an error object has no code to show, or a `Display`
        // of its own.
        TypeKind::StringEnum(_)
        | TypeKind::IntegerEnum(_)
        | TypeKind::UntaggedJson { .. }
        | TypeKind::UntaggedUnion(_)
        | TypeKind::OneMember(_) => quote!(),
    };
    quote!(#RUNTIME::__private::error_body!(#name #shape);)
}

/// A union told apart by JSON type or format: serde tries the variants in order.
fn emit_untagged_union(def: &TypeDef, u: &UntaggedUnion, docs: TokenStream, mock: Option<&str>) -> TokenStream {
    if u.variants.iter().any(|v| {
        v.literal.is_some() || v.declared_members.is_some() || v.tag_check.is_some() || !v.required_nullable.is_empty()
    }) {
        return emit_union_with_literals(def, u, docs, mock);
    }
    let name = ident(&def.name);
    let serde = serde_derives(def.usage);
    let mock_derive = mock_serialize_derive(mock);
    let untagged = (def.usage.serialize || def.usage.deserialize).then(|| quote!(#[serde(untagged)]));
    let derives = union_derives(def);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(&v.ty);
        let variant_docs = super::tokens::docs([v.docs.as_deref()]);
        let object_only = (v.object_only && def.usage.deserialize)
            .then(|| quote!(#[serde(deserialize_with = "::clientgen_runtime::__private::object_only")]));
        quote!(#variant_docs #object_only #variant(#ty))
    });
    let order_doc = decode_order_doc(u);
    quote! {
        #docs
        ///
        #[doc = #order_doc]
        // Members are as large as the document's objects: see the tagged unions.
        #[allow(clippy::large_enum_variant)]
        #[derive(#derives, #serde)]
        #mock_derive
        #untagged
        pub enum #name {
            #(#variants,)*
        }
    }
}

/// An untagged union's derives: a member that holds a secret has no `PartialEq`, so neither has
/// the union.
fn union_derives(def: &TypeDef) -> TokenStream {
    if def.holds_secret {
        quote!(::std::fmt::Debug, ::std::clone::Clone)
    } else {
        quote!(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)
    }
}

/// The doc line that says in which order an untagged union's variants are tried.
fn decode_order_doc(u: &UntaggedUnion) -> String {
    let order = u
        .variants
        .iter()
        .map(|v| format!("`{}`", v.name))
        .collect::<Vec<_>>()
        .join(", ");
    let decoded = match u.variants.iter().any(|v| v.declared_members.is_some()) {
        true => match u
            .variants
            .iter()
            .filter(|v| v.takes_any_object)
            .map(|v| format!("`{}`", v.name))
            .collect::<Vec<_>>()
        {
            keeping if !keeping.is_empty() => format!(
                " A value is decoded as the first of {order} that declares every member it has, else, if \
                 it is an object, as the first of {} that takes it (every member kept), else as the first \
                 that it fits.",
                keeping.join(", ")
            ),
            _ => format!(
                " A value is decoded as the first of {order} that declares every member it has, else as \
                 the first that it fits."
            ),
        },
        false => format!(" A value is decoded as the first of {order} that it fits."),
    };
    let decoded = match u.variants.iter().find_map(|v| v.tag_check.as_ref()) {
        Some((property, _)) => format!("{decoded} An object is read as a member only with that member's `{property}`."),
        None => decoded,
    };
    match u.variants.iter().any(|v| !v.required_nullable.is_empty()) {
        true => format!(
            "{decoded} A member that is required may be `null`, not absent: a value without it is read as \
             another member first."
        ),
        false => decoded,
    }
}

/// An untagged union with a variant that is one string (`Empty` for `""`), or of objects whose
/// members overlap: serde's `untagged` cannot say "this string only" or "the member that has
/// them all", so its `Serialize` and `Deserialize` are written out. A value is read once as JSON,
/// matched against the strings, then against the objects that declare every member it has, then
/// tried as each other variant in order.
fn emit_union_with_literals(def: &TypeDef, u: &UntaggedUnion, docs: TokenStream, mock: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let derives = union_derives(def);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        match &v.literal {
            Some(value) => {
                let shown = format!("`{value:?}`");
                let variant_docs = super::tokens::docs([Some(shown.as_str()), v.docs.as_deref()]);
                quote!(#variant_docs #variant)
            }
            None => {
                let ty = rust_type(&v.ty);
                let variant_docs = super::tokens::docs([v.docs.as_deref()]);
                quote!(#variant_docs #variant(#ty))
            }
        }
    });
    let order_doc = decode_order_doc(u);
    let serialize = (def.usage.serialize || mock.is_some()).then(|| {
        let cfg = (!def.usage.serialize).then(|| mock_cfg(mock));
        let arms = u.variants.iter().map(|v| {
            let variant = ident(&v.name);
            match &v.literal {
                Some(value) => quote!(Self::#variant => serializer.serialize_str(#value),),
                None => quote!(Self::#variant(value) => ::serde::Serialize::serialize(value, serializer),),
            }
        });
        serialize_by_variant(&name, cfg.flatten(), quote!(#(#arms)*))
    });
    let deserialize = def.usage.deserialize.then(|| {
        let literals = u.variants.iter().filter_map(|v| {
            let variant = ident(&v.name);
            let value = v.literal.as_deref()?;
            Some(quote! {
                if value.as_str() == ::std::option::Option::Some(#value) {
                    return ::std::result::Result::Ok(Self::#variant);
                }
            })
        });
        let read = |v: &crate::ir::UntaggedVariant| {
            let ty = rust_type(&v.ty);
            match v.object_only {
                true => quote!(#RUNTIME::__private::object_only::<_, #ty>(&value)),
                false => quote!(<#ty as ::serde::Deserialize>::deserialize(&value)),
            }
        };
        // `value.get("object") == Some("card") &&`: a variant told apart by its tag reads only
        // values that have it.
        let tag_check = |v: &crate::ir::UntaggedVariant| {
            v.tag_check.as_ref().map(|(property, tag)| {
                quote!(value.get(#property).and_then(::serde_json::Value::as_str) == ::std::option::Option::Some(#tag) &&)
            })
        };
        // `value.get("id").is_some() &&`: a member required but nullable must be there, `null` or
        // not (`strict`). Servers drop such members, so a value no member takes with them all is
        // then read without (`!strict`) by the members that require some: as the first that
        // declares every member it has (it gains a `null`, loses nothing), else the first it fits.
        let present = |v: &crate::ir::UntaggedVariant, strict: bool| {
            let names = if strict { v.required_nullable.as_slice() } else { &[] };
            quote!(#(value.get(#names).is_some() &&)*)
        };
        let covering = |strict: bool| {
            let variants = u.variants.iter().filter(move |v| strict || !v.required_nullable.is_empty());
            let arms = variants.filter_map(move |v| {
                let variant = ident(&v.name);
                let declared = v.declared_members.as_deref()?;
                let within = members_within(declared);
                let read = read(v);
                let tag_check = tag_check(v);
                let present = present(v, strict);
                Some(quote! {
                    if #tag_check #present #within
                        && let ::std::result::Result::Ok(value) = #read
                    {
                        return ::std::result::Result::Ok(Self::#variant(value));
                    }
                })
            });
            arms.collect::<Vec<_>>()
        };
        let others = |strict: bool| {
            let variants = u.variants.iter().filter(move |v| v.literal.is_none());
            let variants = variants.filter(move |v| strict || !v.required_nullable.is_empty());
            let arms = variants.map(move |v| {
                let variant = ident(&v.name);
                let read = read(v);
                let tag_check = tag_check(v);
                let present = present(v, strict);
                quote! {
                    if #tag_check #present let ::std::result::Result::Ok(value) = #read {
                        return ::std::result::Result::Ok(Self::#variant(value));
                    }
                }
            });
            arms.collect::<Vec<_>>()
        };
        // An object none declares all of: as the member that takes any object, which keeps it all
        // (before a member is forgiven a required member that may be `null`, which would add it).
        let any_object = u.variants.iter().filter(|v| v.takes_any_object).map(|v| {
            let variant = ident(&v.name);
            let ty = rust_type(&v.ty);
            quote! {
                if value.is_object() && let ::std::result::Result::Ok(value) = <#ty as ::serde::Deserialize>::deserialize(&value) {
                    return ::std::result::Result::Ok(Self::#variant(value));
                }
            }
        });
        let (covering, covering_without) = (covering(true), covering(false));
        // After a variant that keeps any value (`Other`), nothing is tried.
        let keeps_any = u.variants.iter().any(|v| v.keeps_any);
        let others_without = if keeps_any { Vec::new() } else { others(false) };
        let others = others(true);
        let no_match = format!("data did not match any variant of untagged enum {}", def.name);
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    #(#literals)*
                    #(#covering)*
                    #(#any_object)*
                    #(#covering_without)*
                    #(#others)*
                    #(#others_without)*
                    ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(#no_match))
                }
            }
        }
    });
    quote! {
        #docs
        ///
        #[doc = #order_doc]
        // Members are as large as the document's objects: see the tagged unions.
        #[allow(clippy::large_enum_variant)]
        #[derive(#derives)]
        pub enum #name {
            #(#variants,)*
        }
        #serialize
        #deserialize
    }
}

/// Whether `value` has only the members `declared` names: by name alone, or, where some member
/// is looked into, by the runtime's nested check.
fn members_within(declared: &[DeclaredMember]) -> TokenStream {
    match declared.iter().any(|d| d.within.is_some() || d.tag_value.is_some()) {
        false => {
            let names = declared.iter().map(|d| &d.wire_name);
            quote!(#RUNTIME::__private::members_within(&value, &[#(#names),*]))
        }
        true => {
            let tree = declared_tree(declared);
            quote!(#RUNTIME::__private::members_within_nested(&value, #tree))
        }
    }
}

/// `&[Declared::member(name), Declared::object(name, &[…]), …]`, as deep as `declared` is.
fn declared_tree(declared: &[DeclaredMember]) -> TokenStream {
    let members = declared.iter().map(|d| {
        let name = &d.wire_name;
        match (&d.within, &d.tag_value) {
            (Some(within), _) => {
                let tree = declared_tree(within);
                quote!(#RUNTIME::__private::Declared::object(#name, #tree))
            }
            (None, Some(value)) => quote!(#RUNTIME::__private::Declared::tag(#name, #value)),
            (None, None) => quote!(#RUNTIME::__private::Declared::member(#name)),
        }
    });
    quote!(&[#(#members),*])
}

/// An object with exactly one of its members: a variant per member, and `Unknown` for a member a
/// newer document added. Encoded and decoded through the runtime's `OneMember` helpers.
fn emit_one_member(def: &TypeDef, u: &OneMemberUnion, docs: TokenStream, mock: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let variants: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let members: Vec<&str> = u.variants.iter().map(|v| v.member.as_str()).collect();
    let variant_defs = u.variants.iter().zip(&variants).map(|(v, variant)| {
        let ty = rust_type(&v.ty);
        let member = format!("`{}`", v.member);
        let variant_docs = super::tokens::docs([Some(member.as_str()), v.docs.as_deref()]);
        quote!(#variant_docs #variant(#ty))
    });
    let mut derives = vec![quote!(::std::clone::Clone)];
    if !def.holds_secret {
        derives.push(quote!(::std::cmp::PartialEq));
    }
    // A member of free-form JSON shows its shape, not its value (a server may echo a secret in it).
    let debug = if u.variants.iter().any(|v| holds_raw_json(&v.ty)) {
        let arms = u.variants.iter().zip(&variants).map(|(v, variant)| {
            let label = v.name.as_str();
            let value = match holds_raw_json(&v.ty) {
                true => quote!(&#RUNTIME::__private::JsonShape(value)),
                false => quote!(value),
            };
            quote!(Self::#variant(value) => f.debug_tuple(#label).field(#value).finish(),)
        });
        Some(quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#arms)*
                        Self::Unknown(value) => f.debug_tuple("Unknown").field(value).finish(),
                    }
                }
            }
        })
    } else {
        derives.insert(0, quote!(::std::fmt::Debug));
        None
    };
    let serialize = (def.usage.serialize || mock.is_some()).then(|| {
        let cfg = (!def.usage.serialize).then(|| mock_cfg(mock));
        let serialize_one_member = quote!(#RUNTIME::__private::serialize_one_member);
        let arms = quote! {
            #(Self::#variants(value) => #serialize_one_member(serializer, #members, value),)*
            Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
        };
        serialize_by_variant(&name, cfg.flatten(), arms)
    });
    let deserialize = def.usage.deserialize.then(|| {
        let shown = def.name.as_str();
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #RUNTIME::__private::deserialize_one_member(deserializer)
                }
            }

            impl #RUNTIME::__private::OneMember for #name {
                const NAME: &'static str = #shown;

                fn decode_member<'de, M: ::serde::de::MapAccess<'de>>(
                    name: &str,
                    map: &mut M,
                ) -> ::std::result::Result<Self, M::Error> {
                    match name {
                        #(#members => map.next_value().map(Self::#variants),)*
                        _ => #RUNTIME::UnknownMember::decode(name, map).map(Self::Unknown),
                    }
                }
            }
        }
    });
    quote! {
        #docs
        ///
        /// The object has exactly one of these members, and the variant says which. A newer version
        /// of the document may add members, so matches need a `_` arm.
        #[allow(clippy::large_enum_variant)]
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs,)*
            /// A member this client does not know yet, with its value as sent.
            Unknown(#RUNTIME::UnknownMember),
        }

        impl #name {
            /// The name of the member the object has.
            pub fn member(&self) -> &str {
                match self {
                    #(Self::#variants(_) => #members,)*
                    Self::Unknown(value) => &value.name,
                }
            }
        }

        #debug
        #serialize
        #deserialize
    }
}

/// `Serialize` behind the mock feature, for a type the client only decodes.
fn mock_serialize_derive(mock: Option<&str>) -> Option<TokenStream> {
    let feature = mock?;
    Some(quote!(#[cfg_attr(feature = #feature, derive(::serde::Serialize))]))
}

/// `#[cfg(feature = "<mock>")]` for an impl only tests need.
fn mock_cfg(mock: Option<&str>) -> Option<TokenStream> {
    let feature = mock?;
    Some(quote!(#[cfg(feature = #feature)]))
}

fn serde_derives(usage: Usage) -> TokenStream {
    match (usage.serialize, usage.deserialize) {
        (true, true) => quote!(::serde::Serialize, ::serde::Deserialize),
        (true, false) => quote!(::serde::Serialize),
        (false, true) => quote!(::serde::Deserialize),
        (false, false) => quote!(),
    }
}

fn emit_struct(def: &TypeDef, s: &Struct, docs: TokenStream, mock: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let all_optional = s.fields.iter().all(|f| (f.optional() && !f.required) || f.flatten);
    let shaped_debug = s
        .fields
        .iter()
        .any(|f| holds_raw_json(&f.ty))
        .then(|| shaped_debug(def, s));
    let mut derives = vec![quote!(::std::clone::Clone)];
    if shaped_debug.is_none() {
        derives.insert(0, quote!(::std::fmt::Debug));
    }
    if !def.holds_secret {
        derives.push(quote!(::std::cmp::PartialEq));
    }
    if all_optional {
        derives.push(quote!(::std::default::Default));
    }
    let serde = serde_derives(def.usage);
    let mock_derive = mock_serialize_derive(mock);
    // Serialized by users' code, or by tests through the mock feature.
    let serialized = def.usage.serialize || mock.is_some();
    let is_tag = |f: &Field| s.tag.as_ref().is_some_and(|tag| tag.field == f.name);
    let fields = s.fields.iter().map(|f| {
        let one_value_of = (serialized && is_tag(f)).then_some(def.name.as_str());
        emit_field(f, def.usage, serialized, one_value_of)
    });
    let mut impls = Vec::new();
    let mut one_value = None;
    if let Some(tag) = &s.tag {
        let constant = ident(&tag.const_name);
        let value = &tag.value;
        let doc = format!(" The value of `{}` that identifies this object.", tag.property);
        impls.push(quote! {
            #[doc = #doc]
            pub const #constant: &'static str = #value;
        });
        // What the tag field's serializer writes, whatever the field holds.
        one_value = serialized.then(|| {
            let cfg = (!def.usage.serialize).then(|| mock_cfg(mock));
            quote! {
                #cfg
                impl #RUNTIME::__private::OneValueMember for #name {
                    const VALUE: &'static str = Self::#constant;
                }
            }
        });
    }
    let only_field = s.fields.len() == 1;
    impls.extend(s.fields.iter().filter_map(|f| lookup_constructor(f, only_field)));
    // What users build: a constructor of the required members and a setter per member, so that
    // a newer document adding an optional member breaks no caller (the struct is non-exhaustive).
    // The tag has no setter: `new` sets it, and it goes out as its one value whatever it holds.
    let setters = || setters(&name, s.fields.iter().filter(|f| !is_tag(f)));
    let user_setters = if def.usage.serialize {
        impls.push(constructor(s));
        setters()
    } else {
        None
    };
    let impl_block = (!impls.is_empty()).then(|| quote! { impl #name { #(#impls)* } #user_setters });
    // A test answering with this type through the mocks builds it as users build what they send.
    let mock_builders = mock_cfg(mock).map(|cfg| {
        let constructor = constructor(s);
        let setters = setters().map(|setters| quote!(#cfg #setters));
        quote! {
            #cfg
            impl #name { #constructor }
            #setters
        }
    });
    let how = if def.usage.serialize {
        quote! {
            /// A newer version of the document may add members: build it with `new` and the `with_…`
            /// setters, and read it by field.
        }
    } else {
        quote! {
            /// A newer version of the document may add members: read it by field. (Tests build it
            /// with `new` and the `with_…` setters, which the mock feature adds.)
        }
    };
    quote! {
        #docs
        ///
        #how
        #[derive(#(#derives,)* #serde)]
        #mock_derive
        #[non_exhaustive]
        pub struct #name { #(#fields)* }
        #shaped_debug
        #impl_block
        #one_value
        #mock_builders
    }
}

/// Whether a value of this type is free-form JSON, or holds some.
fn holds_raw_json(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Json | TypeRef::JsonObject => true,
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => holds_raw_json(item),
        _ => false,
    }
}

/// `Debug` for a struct with free-form JSON members: those show member names and kinds, not
/// values (a server may echo a secret into them); the other members show as derived.
fn shaped_debug(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let shown = f.name.trim_start_matches("r#");
        let mode = if holds_raw_json(&f.ty) {
            quote!(json)
        } else {
            quote!(plain)
        };
        quote!(#mode #field #shown)
    });
    quote! {
        #RUNTIME::__private::shaped_debug!(#name { #(#fields),* });
    }
}

/// `new(required members…)`: every other member unset, but the tag, which has one value.
fn constructor(s: &Struct) -> TokenStream {
    let tag_field = s.tag.as_ref().map(|tag| tag.field.as_str());
    let is_tag = |f: &Field| Some(f.name.as_str()) == tag_field;
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.required && !is_tag(f) && !f.flatten)
        .collect();
    let parameters = required.iter().map(|f| {
        let name = ident(&f.name);
        let (ty, _) = argument_type(&f.ty, f.secret.is_some(), f.optional());
        quote!(#name: #ty)
    });
    let values = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        if let Some(tag) = s.tag.as_ref().filter(|_| is_tag(f)) {
            let value = tag_field_value(quote!(Self), tag);
            return quote!(#name: #value);
        }
        if f.flatten {
            return quote!(#name: ::std::default::Default::default());
        }
        match (f.required, argument_type(&f.ty, f.secret.is_some(), f.optional()).1) {
            (true, true) => quote!(#name: #name.into()),
            (true, false) => quote!(#name),
            (false, _) => quote!(#name: ::std::option::Option::None),
        }
    });
    let derives_default = s.fields.iter().all(|f| (f.optional() && !f.required) || f.flatten);
    let allow = match required.len() {
        // Only the tag is required: `new()` sets it, which `Default` could not know to do.
        0 if !derives_default => Some(quote!(#[allow(clippy::new_without_default)])),
        8.. => Some(quote!(#[allow(clippy::too_many_arguments)])),
        _ => None,
    };
    let mut doc = match required.as_slice() {
        [] => " A value with every member unset; set them with the `with_…` methods.".to_owned(),
        _ => " A value with its required members; set the others with the `with_…` methods.".to_owned(),
    };
    if let Some(tag) = &s.tag {
        doc.push_str(&format!(" `{}` is `{:?}`, its one value.", tag.property, tag.value));
    }
    quote! {
        #[doc = #doc]
        #allow
        pub fn new(#(#parameters),*) -> Self {
            Self { #(#values),* }
        }
    }
}

/// The `with_<member>(value)` setters of `name`, one line each of the runtime's `setters!`;
/// `None` when the struct has no member to set.
fn setters<'a>(name: &Ident, fields: impl Iterator<Item = &'a Field>) -> Option<TokenStream> {
    let entries: Vec<TokenStream> = fields.map(setter_entry).collect();
    (!entries.is_empty()).then(|| quote!(#RUNTIME::__private::setters!(#name { #(#entries)* });))
}

/// One setter: its doc, name, member, whether it takes `impl Into`, whether the member is an
/// `Option` it fills, and the value's type.
fn setter_entry(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let setter = ident(&f.setter);
    let doc = match f.flatten {
        true => " Sets the members beyond the properties, by name.".to_owned(),
        false => format!(" Sets `{}`.", f.wire_name),
    };
    // An optional member's setter takes the value itself; `None` is the default already.
    let secret = f.secret.is_some();
    let ty = value_type(&f.ty, secret, false);
    let how = if f.ty.passed_by_into(secret) {
        quote!(into)
    } else {
        quote!(value)
    };
    let wrap = match (f.keeps_null, f.optional()) {
        (true, _) => quote!(present),
        (false, true) => quote!(some),
        (false, false) => quote!(set),
    };
    quote!(#doc #setter(#name: #ty) #how #wrap;)
}

/// `serialized`: the struct is serialized (always, or behind the mock feature). `one_value_of`:
/// the field is the one-value member of that struct, which goes out as its one value.
fn emit_field(field: &Field, usage: Usage, serialized: bool, one_value_of: Option<&str>) -> TokenStream {
    let name = ident(&field.name);
    let ty = field_type(field);
    let one_value_doc = one_value_of.map(|_| {
        format!(
            "What the server sent. The one value the document allows for `{}` goes out, whatever this holds.",
            field.wire_name
        )
    });
    let null_doc = field
        .keeps_null
        .then_some("`None`: the member is absent. `Some(None)`: it is `null`.");
    let docs = docs([field.docs.as_deref(), one_value_doc.as_deref(), null_doc]);
    let mut serde_args = Vec::new();
    if field.flatten {
        serde_args.push(quote!(flatten));
    } else if field.name.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    if serialized && !field.required {
        serde_args.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
    }
    // A required member that may be `null`, left out: read as the `null` it could have been
    // rather than failing the whole value (servers drop such members).
    if field.required && field.nullable && !field.flatten && usage.deserialize {
        serde_args.push(quote!(default));
    }
    // Any JSON holds `null` itself: an optional member that is `null` is `Some(Value::Null)`,
    // not `None` (which would drop it on the way back out).
    if matches!(field.ty, TypeRef::Json) && !field.required && !field.keeps_null && !field.flatten && usage.deserialize
    {
        serde_args.push(quote!(default));
        serde_args.push(quote!(
            deserialize_with = "::clientgen_runtime::__private::null_kept::present"
        ));
    }
    // Kept apart from absent, a `null` member is `Some(None)`; absent is the default, `None`.
    if field.keeps_null && usage.deserialize {
        serde_args.push(quote!(default));
        serde_args.push(quote!(
            deserialize_with = "::clientgen_runtime::__private::null_kept::deserialize"
        ));
    }
    if serialized && field.secret.is_some() {
        let with = if field.keeps_null {
            "::clientgen_runtime::__private::null_kept::serialize_secret"
        } else if field.optional() {
            "::clientgen_runtime::__private::secret::serialize_option"
        } else {
            "::clientgen_runtime::__private::secret::serialize"
        };
        serde_args.push(quote!(serialize_with = #with));
    } else if let Some(owner) = one_value_of {
        let option = match (field.keeps_null, field.optional()) {
            (true, _) => "_kept_null",
            (false, true) => "_option",
            (false, false) => "",
        };
        let with = format!("::clientgen_runtime::__private::serialize_one_value{option}::<{owner}, _>");
        serde_args.push(quote!(serialize_with = #with));
    }
    let attr =
        (!serde_args.is_empty() && (usage.serialize || usage.deserialize)).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #docs
        #attr
        pub #name: #ty,
    }
}

fn lookup_constructor(field: &Field, only_field: bool) -> Option<TokenStream> {
    let constructor = ident(field.lookup_constructor.as_ref()?);
    let name = ident(&field.name);
    let doc = format!(" Looks the object up by `{}`.", field.wire_name);
    let (arg_ty, into) = argument_type(&field.ty, field.secret.is_some(), false);
    let value = if into { quote!(#name.into()) } else { quote!(#name) };
    let value = match field.keeps_null {
        true => quote!(::std::option::Option::Some(#value)),
        false => value,
    };
    let rest = (!only_field).then(|| quote!(..::std::default::Default::default()));
    Some(quote! {
        #[doc = #doc]
        pub fn #constructor(#name: #arg_ty) -> Self {
            Self { #name: ::std::option::Option::Some(#value), #rest }
        }
    })
}

fn emit_string_enum(def: &TypeDef, e: &StringEnum, docs: TokenStream, mock: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = e.variants.iter().map(|v| {
        let value = format!("`{}`", v.value);
        super::tokens::docs([Some(value.as_str()), v.docs.as_deref()])
    });
    let serialize = value_serialize(def, mock, quote!(serializer.serialize_str(self.as_str())));
    let known = def.usage.deserialize.then(|| {
        quote! {
            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#values => ::std::option::Option::Some(Self::#variants),)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    });
    let deserialize = def.usage.deserialize.then(|| {
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #RUNTIME::__private::deserialize_enum(deserializer, Self::known, Self::Unknown)
                }
            }
        }
    });
    quote! {
        #docs
        ///
        /// A new version of the document may add values, so matches need a `_` arm.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this client does not know yet, kept as sent.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value,
                }
            }

            #known
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #serialize
        #deserialize
    }
}

/// `Serialize` for an enum of values, written by `write` (a call on `serializer`), where the type
/// is sent (or answered by the mocks).
fn value_serialize(def: &TypeDef, mock: Option<&str>, write: TokenStream) -> Option<TokenStream> {
    let name = ident(&def.name);
    (def.usage.serialize || mock.is_some()).then(|| {
        let cfg = mock_cfg(mock);
        quote! {
            #cfg
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #write
                }
            }
        }
    })
}

/// An integer enum: a variant per value, and `Unknown(i64)` for a value this client does not know,
/// sent back as it came.
fn emit_integer_enum(def: &TypeDef, e: &IntegerEnum, docs: TokenStream, mock: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<proc_macro2::Literal> = e
        .variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value))
        .collect();
    let variant_docs = e.variants.iter().map(|v| {
        let value = format!("`{}`", v.value);
        super::tokens::docs([Some(value.as_str()), v.docs.as_deref()])
    });
    let serialize = value_serialize(def, mock, quote!(serializer.serialize_i64(self.as_i64())));
    let deserialize = def.usage.deserialize.then(|| {
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    });
    quote! {
        #docs
        ///
        /// A new version of the document may add values, so matches need a `_` arm.
        #[derive(
            ::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq,
            ::std::hash::Hash
        )]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this client does not know yet, kept as sent.
            Unknown(i64),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_i64(&self) -> i64 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i64(), f)
            }
        }

        /// A known value is its variant (never `Unknown`), so that values compare as numbers.
        impl ::std::convert::From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        #serialize
        #deserialize
    }
}

fn emit_union(def: &TypeDef, u: &TaggedUnion, type_docs: TokenStream, mock: Option<&str>) -> TokenStream {
    let name = ident(&def.name);
    let variants: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let types: Vec<_> = u.variants.iter().map(|v| ident(&v.ty)).collect();
    let values: Vec<&str> = u.variants.iter().map(|v| v.tag_value.as_str()).collect();
    let property = &u.tag_property;
    let variant_docs = u.variants.iter().map(|v| {
        let first = crate::prose::labelled(&format!("`{}`", v.tag_value), v.docs.as_deref());
        docs([Some(first.as_str())])
    });
    let derives = if def.holds_secret {
        quote!(::std::fmt::Debug, ::std::clone::Clone)
    } else {
        quote!(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)
    };
    let tag_doc = match u.integer_tag {
        true => format!(
            " The value of `{property}` that selected the variant, as text (`\"2\"`); `None` when there was no integer `{property}`."
        ),
        false => {
            format!(
                " The value of `{property}` that selected the variant; `None` when there was no string `{property}`."
            )
        }
    };
    let code_alias = u.tag_is_code.then(|| {
        let doc =
            format!(" The error code: the value of `{property}`; `None` when the object had no string `{property}`.");
        quote! {
            #[doc = #doc]
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.tag()
            }
        }
    });
    let serialize = (def.usage.serialize || mock.is_some()).then(|| {
        let cfg = mock_cfg(mock);
        if u.integer_tag {
            return integer_tagged_serialize(&name, u, cfg);
        }
        let serialize_tagged = quote!(#RUNTIME::__private::serialize_tagged);
        let arms = quote! {
            #(Self::#variants(value) => #serialize_tagged(value, #property, #values, serializer),)*
            // The tag an unknown variant came with goes out with it.
            Self::Unknown(value) => match value.tag.as_deref() {
                ::std::option::Option::Some(tag) => #serialize_tagged(value, #property, tag, serializer),
                ::std::option::Option::None => ::serde::Serialize::serialize(value, serializer),
            },
        };
        serialize_by_variant(&name, cfg, arms)
    });
    let deserialize = def.usage.deserialize.then(|| union_deserialize(&name, u));
    let description = union_description(u);
    quote! {
        #type_docs
        ///
        /// A new version of the document may add variants, so matches need a `_` arm.
        // Variants are as large as the document's objects; boxing them would cost every decode an
        // allocation to save memory on values that are decoded one at a time.
        #[allow(clippy::large_enum_variant)]
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(#types),)*
            /// A variant this client does not know yet, kept whole.
            Unknown(#RUNTIME::UnknownVariant),
        }

        impl #name {
            #[doc = #tag_doc]
            pub fn tag(&self) -> ::std::option::Option<&str> {
                match self {
                    #(Self::#variants(_) => ::std::option::Option::Some(#values),)*
                    Self::Unknown(value) => value.tag.as_deref(),
                }
            }

            #code_alias
            #description
        }

        #serialize
        #deserialize
    }
}

/// A union tagged by an integer: each variant goes out with its number; an unknown one as it came,
/// its tag among its members.
fn integer_tagged_serialize(name: &proc_macro2::Ident, u: &TaggedUnion, cfg: Option<TokenStream>) -> TokenStream {
    let property = &u.tag_property;
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        // Every value of an integer tag is an integer (the lowering checks); text, were it not.
        match v.tag_value.parse::<i64>() {
            Ok(number) => {
                let number = proc_macro2::Literal::i64_unsuffixed(number);
                quote!(Self::#variant(value) => #RUNTIME::__private::serialize_integer_tagged(value, #property, #number, serializer),)
            }
            Err(_) => {
                let text = v.tag_value.as_str();
                quote!(Self::#variant(value) => #RUNTIME::__private::serialize_tagged(value, #property, #text, serializer),)
            }
        }
    });
    let arms = quote! {
        #(#arms)*
        Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
    };
    serialize_by_variant(name, cfg, arms)
}

/// `impl Serialize` for a union written out by hand: one `match self` arm per variant, behind
/// `cfg` when only the mocks need it.
fn serialize_by_variant(name: &proc_macro2::Ident, cfg: Option<TokenStream>, arms: TokenStream) -> TokenStream {
    quote! {
        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #arms
                }
            }
        }
    }
}

fn union_deserialize(name: &proc_macro2::Ident, u: &TaggedUnion) -> TokenStream {
    let property = &u.tag_property;
    let variants = u.variants.iter().map(|v| ident(&v.name));
    let values = u.variants.iter().map(|v| v.tag_value.as_str());
    let doc = format!(
        " Reads the object in one pass: its `{property}` picks the variant, which decodes the rest; \
         an unknown value keeps the object as `Unknown`."
    );
    let integer_tag = u.integer_tag.then(|| {
        quote!(
            const INTEGER_TAG: bool = true;
        )
    });
    quote! {
        #[doc = #doc]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #RUNTIME::__private::deserialize_tagged(deserializer)
            }
        }

        impl #RUNTIME::__private::Tagged for #name {
            const TAG: &'static str = #property;
            #integer_tag

            fn decode_variant<'de, M: ::serde::de::MapAccess<'de>>(
                tag: ::std::option::Option<&str>,
                members: M,
            ) -> ::std::result::Result<Self, M::Error> {
                match tag {
                    #(::std::option::Option::Some(#values) => {
                        ::serde::Deserialize::deserialize(::serde::de::value::MapAccessDeserializer::new(members))
                            .map(Self::#variants)
                    })*
                    _ => #RUNTIME::UnknownVariant::from_members(tag, members).map(Self::Unknown),
                }
            }
        }
    }
}

/// `description()` for a union whose every variant has a description field (every error union).
fn union_description(u: &TaggedUnion) -> Option<TokenStream> {
    let property = u.description_property.as_ref()?;
    let arms = u.variants.iter().filter_map(|v| {
        let variant = ident(&v.name);
        let field = ident(v.description_field.as_ref()?);
        Some(match v.description_keeps_null {
            true => quote!(Self::#variant(value) => #RUNTIME::__private::Text::text(&value.#field),),
            false => quote!(Self::#variant(value) => value.#field.as_deref(),),
        })
    });
    let doc = format!(" The human-readable `{property}` the API sent, if any.");
    Some(quote! {
        #[doc = #doc]
        pub fn description(&self) -> ::std::option::Option<&str> {
            match self {
                #(#arms)*
                Self::Unknown(value) => value.str_field(#property),
            }
        }
    })
}
