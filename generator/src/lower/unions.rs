//! Recognising tagged unions in `oneOf`: an ordered list of recognisers, first match wins.
//!
//! 1. An explicit `discriminator`: its property and mapping (or the component names) give the tags.
//! 2. An implicit tag: every member is an object with the same property whose schema is a string
//!    enum with exactly one value, and the values differ. This is every Katapult error union.
//!
//! Both run on lowered members, after `$ref`s and `allOf` wrappers are resolved, so a member that
//! reaches its tag through two references is recognised like one that spells it out.
//! A `oneOf` neither recogniser accepts is kept as JSON rather than guessed at.

use std::collections::BTreeMap;

use openapiv3::Discriminator;

use crate::diagnostic::{Diagnostic, Result};
use crate::ir::{Scalar, TypeDef, TypeKind, TypeRef};

use super::refs;

/// One `oneOf` member after lowering.
pub struct Member<'a> {
    pub ty: TypeRef,
    pub reference: Option<&'a str>,
    pub pointer: String,
}

pub struct Recognised {
    pub tag_property: String,
    pub variants: Vec<RecognisedVariant>,
}

pub struct RecognisedVariant {
    pub tag_value: String,
    /// The named struct of the member.
    pub ty: String,
    pub pointer: String,
}

pub fn recognise(
    discriminator: Option<&Discriminator>,
    members: &[Member<'_>],
    types: &BTreeMap<String, TypeDef>,
) -> Result<Option<Recognised>> {
    if let Some(discriminator) = discriminator {
        return explicit(discriminator, members, types).map(Some);
    }
    Ok(implicit(members, types))
}

fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named { name, .. } => Some(name),
        _ => None,
    }
}

/// The variants an explicit `discriminator` gives: one per tag value, so that a mapping that
/// sends several values to one schema (`power_off`, `reboot` → `DropletAction`) keeps each value,
/// decoding and encoding. A member no mapping names is tagged with its component's name. A mapping
/// whose target is no member is an error at that mapping.
fn explicit(
    discriminator: &Discriminator,
    members: &[Member<'_>],
    types: &BTreeMap<String, TypeDef>,
) -> Result<Recognised> {
    let mut variants = Vec::with_capacity(members.len().max(discriminator.mapping.len()));
    let mut components = Vec::with_capacity(members.len());
    for member in members {
        let Some(ty) = named(&member.ty) else {
            return Err(Diagnostic::spec(
                &member.pointer,
                "a union with a `discriminator` needs every member to be an object schema",
            ));
        };
        let Some(reference) = member.reference else {
            // An inline member has no name a mapping could use: its own one-value enum of the
            // discriminator property is its tag.
            let own_tag = match types.get(ty).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => s.tag.as_ref().filter(|t| t.property == discriminator.property_name),
                _ => None,
            };
            let Some(tag) = own_tag else {
                return Err(Diagnostic::spec(
                    &member.pointer,
                    format!(
                        "this inline member of a union with a `discriminator` does not say its tag: give its \
                         `{}` property a one-value `enum`, or make it a `$ref` to a component",
                        discriminator.property_name
                    ),
                ));
            };
            variants.push(RecognisedVariant {
                tag_value: tag.value.clone(),
                ty: ty.to_owned(),
                pointer: member.pointer.clone(),
            });
            continue;
        };
        let component = refs::component_name(reference).unwrap_or(reference);
        components.push((reference, component));
        // A mapping value is a `$ref` or a bare component name (OpenAPI 3.0.3 §4.7.25).
        let mut mapped = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| target.as_str() == reference || target.as_str() == component)
            .map(|(value, _)| value.clone())
            .peekable();
        if mapped.peek().is_none() {
            variants.push(RecognisedVariant {
                tag_value: component.to_owned(),
                ty: ty.to_owned(),
                pointer: member.pointer.clone(),
            });
        }
        for tag_value in mapped {
            variants.push(RecognisedVariant {
                tag_value,
                ty: ty.to_owned(),
                pointer: member.pointer.clone(),
            });
        }
    }
    let union_pointer = members
        .first()
        .map(|m| {
            m.pointer
                .rsplit_once("/oneOf/")
                .or_else(|| m.pointer.rsplit_once("/anyOf/"))
                .map_or(m.pointer.as_str(), |(union, _)| union)
        })
        .unwrap_or("#");
    for (value, target) in &discriminator.mapping {
        if !components
            .iter()
            .any(|(reference, component)| target == reference || target == component)
        {
            return Err(Diagnostic::spec(
                crate::diagnostic::pointer_join(&format!("{union_pointer}/discriminator/mapping"), value),
                format!("the discriminator maps `{value}` to `{target}`, which is not a member of the `oneOf`"),
            ));
        }
    }
    Ok(Recognised {
        tag_property: discriminator.property_name.clone(),
        variants,
    })
}

/// When every member is tagged by one property but two share a value (so the union cannot be
/// told apart and is kept as JSON): the value and the pointer of the second member.
pub fn shared_tag(members: &[Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<(String, String)> {
    let mut seen: Vec<(&str, &str)> = Vec::with_capacity(members.len());
    let mut shared = None;
    for member in members {
        let TypeKind::Struct(s) = &types.get(named(&member.ty)?)?.kind else {
            return None;
        };
        let tag = s.tag.as_ref()?;
        if seen.first().is_some_and(|(property, _)| *property != tag.property) {
            return None;
        }
        if shared.is_none() && seen.iter().any(|(_, value)| *value == tag.value) {
            shared = Some((tag.value.clone(), member.pointer.clone()));
        }
        seen.push((&tag.property, &tag.value));
    }
    shared
}

fn implicit(members: &[Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<Recognised> {
    let mut tag_property: Option<&str> = None;
    let mut variants: Vec<RecognisedVariant> = Vec::with_capacity(members.len());
    for member in members {
        let name = named(&member.ty)?;
        let TypeKind::Struct(s) = &types.get(name)?.kind else {
            return None;
        };
        let tag = s.tag.as_ref()?;
        if *tag_property.get_or_insert(&tag.property) != tag.property {
            return None;
        }
        if variants.iter().any(|v| v.tag_value == tag.value) {
            return None;
        }
        variants.push(RecognisedVariant {
            tag_value: tag.value.clone(),
            ty: name.to_owned(),
            pointer: member.pointer.clone(),
        });
    }
    Some(Recognised {
        tag_property: tag_property?.to_owned(),
        variants,
    })
}

/// The JSON a member accepts, for telling members apart without a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A string with a format (uuid, date-time, ip, …): tried before plain strings.
    FormattedString(Scalar),
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

fn kind(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> Option<Kind> {
    Some(match ty {
        TypeRef::String => Kind::String,
        TypeRef::Integer => Kind::Integer,
        TypeRef::Number => Kind::Number,
        TypeRef::Boolean => Kind::Boolean,
        TypeRef::Array(_) => Kind::Array,
        TypeRef::Map(_) | TypeRef::JsonObject => Kind::Object,
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64 => {
                Kind::Integer
            }
            Scalar::NumberOrString | Scalar::File => return None,
            other => Kind::FormattedString(*other),
        },
        TypeRef::Named { name, .. } => match &types.get(name)?.kind {
            // A string enum keeps values it does not know: it accepts any string.
            TypeKind::StringEnum(_) => Kind::String,
            TypeKind::Struct(_) | TypeKind::TaggedUnion(_) => Kind::Object,
            TypeKind::UntaggedJson { .. } | TypeKind::UntaggedUnion(_) => return None,
        },
        TypeRef::Json | TypeRef::Bytes | TypeRef::Custom(_) => return None,
    })
}

/// When every member accepts JSON no other member accepts (each kind once; strings apart by
/// format): the order to try them in, formatted strings and integers before strings and numbers,
/// otherwise as the document lists them. `None` when two members could take the same value.
pub fn by_kind(members: &[Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<Vec<usize>> {
    let kinds: Vec<Kind> = members.iter().map(|m| kind(&m.ty, types)).collect::<Option<_>>()?;
    for (index, kind) in kinds.iter().enumerate() {
        if kinds[..index].contains(kind) {
            return None;
        }
    }
    if kinds.len() < 2 {
        return None;
    }
    let mut order: Vec<usize> = (0..kinds.len()).collect();
    order.sort_by_key(|&index| match kinds[index] {
        Kind::FormattedString(_) | Kind::Integer => 0,
        _ => 1,
    });
    Some(order)
}
