//! Recognising tagged unions in `oneOf`: an ordered list of recognisers, first match wins.
//!
//! 1. An explicit `discriminator`: its property and mapping (or the component names) give the tags.
//! 2. An implicit tag: every member is an object with the same property whose schema is a string
//!    enum with exactly one value, and the values differ. This is every Katapult error union.
//!    Enums of several values, and integers (`type: 2`), tag the same way.
//!
//! Both run on lowered members, after `$ref`s and `allOf` wrappers are resolved, so a member that
//! reaches its tag through two references is recognised like one that spells it out.
//! A `oneOf` neither recogniser accepts is told apart by shape ([`by_shape`]), or else kept as
//! JSON rather than guessed at.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Discriminator, OpenAPI, Schema};

use crate::diagnostic::{Diagnostic, Result};
use crate::ir::{Field, Scalar, TypeDef, TypeKind, TypeRef};

use super::refs;

/// One `oneOf` member after lowering.
#[derive(Clone)]
pub struct Member<'a> {
    pub ty: TypeRef,
    pub reference: Option<&'a str>,
    /// The schema the member is, through its `$ref`s: a mapping may name it by another path.
    pub schema: Option<&'a Schema>,
    pub pointer: String,
}

/// Whether the discriminator's mapping target `target` is `member`: its `$ref`, its component's
/// name, or another pointer that leads to the same schema (`#/paths/…/oneOf/0` for an inline member
/// of a component a path refers to).
fn maps_to(doc: &OpenAPI, target: &str, member: &Member<'_>) -> bool {
    if let Some(reference) = member.reference
        && (target == reference || refs::component_name(reference) == Some(target))
    {
        return true;
    }
    let Some(schema) = member.schema else { return false };
    refs::resolve_schema(doc, &component_pointer(target), "#").is_ok_and(|found| std::ptr::eq(found.schema, schema))
}

/// A mapping's target as a reference: a bare name is a component schema's.
fn component_pointer(target: &str) -> String {
    if target.starts_with('#') {
        target.to_owned()
    } else {
        format!("#/components/schemas/{target}")
    }
}

pub struct Recognised {
    pub tag_property: String,
    pub variants: Vec<RecognisedVariant>,
    /// The tag's values are integers (`type: 2`), written here as their decimal text.
    pub integer_tag: bool,
}

pub struct RecognisedVariant {
    pub tag_value: String,
    /// The named struct of the member.
    pub ty: String,
    pub pointer: String,
    /// Other members' types that the discriminator gives the same tag value: the value alone
    /// cannot say which of them a value is, so the variant holds it as JSON.
    pub shared_with: Vec<String>,
}

/// What the recognisers make of a `oneOf`.
pub enum Outcome {
    Tagged(Recognised),
    /// Without a discriminator, two members take the same tag value, so a value cannot be told
    /// apart: the value and the pointer of the second member.
    SharedTag(String, String),
    /// Neither recogniser applies.
    Untagged,
}

/// `warnings` gets what the recognisers read past (a mapping to a schema that is no member).
pub fn recognise(
    doc: &OpenAPI,
    discriminator: Option<&Discriminator>,
    members: &[&Member<'_>],
    types: &BTreeMap<String, TypeDef>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Outcome> {
    if let Some(discriminator) = discriminator {
        return explicit(doc, discriminator, members, types, warnings);
    }
    Ok(match implicit(members, types) {
        Some(recognised) => Outcome::Tagged(recognised),
        None => match shared_tag(members, types) {
            Some((value, at)) => Outcome::SharedTag(value, at),
            None => Outcome::Untagged,
        },
    })
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
/// whose target is no member is left out with a warning at that mapping: a value with that tag is
/// not one of the `oneOf`'s, and the union keeps it whole as a tag it does not know.
fn explicit(
    doc: &OpenAPI,
    discriminator: &Discriminator,
    members: &[&Member<'_>],
    types: &BTreeMap<String, TypeDef>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Outcome> {
    let mut variants = Vec::with_capacity(members.len().max(discriminator.mapping.len()));
    for member in members {
        let Some(ty) = named(&member.ty) else {
            return Err(Diagnostic::spec(
                &member.pointer,
                "a union with a `discriminator` needs every member to be an object schema",
            ));
        };
        // A member that is itself a union tagged by the same property (`Item: oneOf [InputMessage,
        // OutputMessage, …]`): its variants are this union's, each with its own tag.
        if let Some(TypeKind::TaggedUnion(inner)) = types.get(ty).map(|t| &t.kind) {
            if inner.tag_property != discriminator.property_name {
                return Err(Diagnostic::spec(
                    &member.pointer,
                    format!(
                        "this member is a union tagged by `{}`, inside a union tagged by `{}`: a value cannot say both",
                        inner.tag_property, discriminator.property_name
                    ),
                ));
            }
            variants.extend(inner.variants.iter().map(|v| RecognisedVariant {
                tag_value: v.tag_value.clone(),
                ty: v.ty.clone(),
                pointer: member.pointer.clone(),
                shared_with: Vec::new(),
            }));
            continue;
        }
        let mapped: Vec<String> = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| maps_to(doc, target, member))
            .map(|(value, _)| value.clone())
            .collect();
        let tag_values = if !mapped.is_empty() {
            mapped
        } else if let Some(reference) = member.reference {
            // Unmapped, the tag is the component's name (OpenAPI 3.0.3 §4.7.25), unless the
            // member's own schema allows only other values (`type: {enum: [message]}`): then those
            // are the values the wire can carry, each a variant.
            let component = refs::component_name(reference).unwrap_or(reference);
            refs::property_enum(doc, reference, &discriminator.property_name)
                .filter(|values| !values.iter().any(|v| v == component))
                .unwrap_or_else(|| vec![component.to_owned()])
        } else {
            // An inline member has no name to be tagged with: the values its own schema allows
            // for the discriminator property (a one-value `enum`, or an enum of several) are its
            // tags, whichever of its properties the struct itself took for its tag.
            // The struct may not be made yet (the union is in a cycle): then the schema says.
            let own_values = struct_of(member, types)
                .and_then(|s| property_values(s, &discriminator.property_name, types))
                .map(|(values, _)| values)
                .or_else(|| {
                    member
                        .schema
                        .and_then(|schema| refs::own_property_enum(doc, schema, &discriminator.property_name))
                });
            let Some(values) = own_values else {
                return Err(Diagnostic::spec(
                    &member.pointer,
                    format!(
                        "this inline member of a union with a `discriminator` does not say its tag: give its \
                         `{}` property a one-value `enum`, map a value to it, or make it a `$ref` to a component",
                        discriminator.property_name
                    ),
                ));
            };
            values
        };
        variants.extend(tag_values.into_iter().map(|tag_value| RecognisedVariant {
            tag_value,
            ty: ty.to_owned(),
            pointer: member.pointer.clone(),
            shared_with: Vec::new(),
        }));
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
        if !members.iter().any(|member| maps_to(doc, target, member)) {
            let at = crate::diagnostic::pointer_join(&format!("{union_pointer}/discriminator/mapping"), value);
            if refs::resolve_schema(doc, &component_pointer(target), &at).is_err() {
                return Err(Diagnostic::spec(
                    at,
                    format!(
                        "the discriminator maps `{value}` to `{target}`, which is no schema of the document; \
                         map it to one of the union's members, or remove it"
                    ),
                ));
            }
            warnings.push(Diagnostic::spec(
                at,
                format!(
                    "the discriminator maps `{value}` to `{target}`, which is not a member of the union: the \
                     mapping is left out, and a value tagged `{value}` is kept whole as a tag the client does \
                     not know (add the schema to the union's members to type it)"
                ),
            ));
        }
    }
    // A discriminator over an integer property (`mapping: {"1": …}`) tags with numbers.
    let integer_tag = variants
        .iter()
        .all(|v| v.tag_value.parse::<i64>().is_ok_and(|n| n.to_string() == v.tag_value))
        && members
            .iter()
            .filter_map(|m| struct_of(m, types))
            .all(|s| integer_property(s, &discriminator.property_name, types))
        && members.iter().all(|m| struct_of(m, types).is_some());
    Ok(Outcome::Tagged(Recognised {
        tag_property: discriminator.property_name.clone(),
        variants: one_per_tag_value(variants),
        integer_tag,
    }))
}

/// One variant per tag value: members that the discriminator gives the same value (two message
/// schemas both tagged `message`) join the first one's `shared_with`; the same member twice is
/// one variant.
fn one_per_tag_value(variants: Vec<RecognisedVariant>) -> Vec<RecognisedVariant> {
    let mut merged: Vec<RecognisedVariant> = Vec::with_capacity(variants.len());
    for variant in variants {
        match merged.iter_mut().find(|earlier| earlier.tag_value == variant.tag_value) {
            Some(earlier) => {
                if earlier.ty != variant.ty && !earlier.shared_with.contains(&variant.ty) {
                    earlier.shared_with.push(variant.ty);
                }
            }
            None => merged.push(variant),
        }
    }
    merged
}

/// When every member is tagged by one property but two share a value (so the union cannot be
/// told apart and is kept as JSON): the value and the pointer of the second member.
fn shared_tag(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<(String, String)> {
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

/// Members told apart by a property each gives its own values (no discriminator): the first
/// member's tag property, else the first of its properties that every member restricts to values
/// no other member allows (`type: {enum: [phone, sms]}` beside `type: {enum: [email]}`). A variant
/// per value, as a discriminator's mapping gives.
fn implicit(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<Recognised> {
    let first = struct_of(members.first()?, types)?;
    let tag = first.tag.as_ref().map(|t| t.property.as_str());
    let others = first.fields.iter().filter(|f| !f.flatten).map(|f| f.wire_name.as_str());
    let mut tried = Vec::with_capacity(first.fields.len() + 1);
    for property in tag.into_iter().chain(others) {
        if tried.contains(&property) {
            continue;
        }
        tried.push(property);
        if let Some(recognised) = tagged_by(property, members, types) {
            return Some(recognised);
        }
    }
    None
}

fn struct_of<'t>(member: &Member<'_>, types: &'t BTreeMap<String, TypeDef>) -> Option<&'t crate::ir::Struct> {
    match &types.get(named(&member.ty)?)?.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    }
}

/// The union tagged by `property`, when every member restricts it to values of its own, all
/// strings or all integers.
fn tagged_by(property: &str, members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<Recognised> {
    let mut variants: Vec<RecognisedVariant> = Vec::with_capacity(members.len());
    let mut integer_tag = None;
    for member in members {
        let name = named(&member.ty)?;
        let (values, integers) = property_values(struct_of(member, types)?, property, types)?;
        if *integer_tag.get_or_insert(integers) != integers {
            return None;
        }
        for tag_value in values {
            if variants.iter().any(|v| v.tag_value == tag_value) {
                return None;
            }
            variants.push(RecognisedVariant {
                tag_value,
                ty: name.to_owned(),
                pointer: member.pointer.clone(),
                shared_with: Vec::new(),
            });
        }
    }
    Some(Recognised {
        tag_property: property.to_owned(),
        variants,
        integer_tag: integer_tag.unwrap_or(false),
    })
}

/// The values a struct allows for `property`: its one value, or its string enum's values, or its
/// integer enum's values (as text; the flag says they are integers).
fn property_values(
    s: &crate::ir::Struct,
    property: &str,
    types: &BTreeMap<String, TypeDef>,
) -> Option<(Vec<String>, bool)> {
    let field = s.fields.iter().find(|f| !f.flatten && f.wire_name == property)?;
    if let Some(value) = &field.one_value {
        return Some((vec![value.clone()], false));
    }
    match &types.get(named(&field.ty)?)?.kind {
        TypeKind::StringEnum(e) if !e.variants.is_empty() => {
            Some((e.variants.iter().map(|v| v.value.clone()).collect(), false))
        }
        TypeKind::IntegerEnum(e) if !e.variants.is_empty() => {
            Some((e.variants.iter().map(|v| v.value.to_string()).collect(), true))
        }
        _ => None,
    }
}

/// Whether a struct's `property` holds integers.
fn integer_property(s: &crate::ir::Struct, property: &str, types: &BTreeMap<String, TypeDef>) -> bool {
    s.fields
        .iter()
        .find(|f| !f.flatten && f.wire_name == property)
        .is_some_and(|field| kind(&field.ty, types) == Some(Kind::Integer))
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
        // Items that may be null are not told apart from others.
        TypeRef::Nullable(_) => return None,
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
            TypeKind::IntegerEnum(_) => Kind::Integer,
            TypeKind::Struct(_) | TypeKind::TaggedUnion(_) | TypeKind::OneMember(_) => Kind::Object,
            TypeKind::UntaggedJson { .. } | TypeKind::UntaggedUnion(_) => return None,
        },
        TypeRef::Json | TypeRef::Bytes | TypeRef::Custom(_) => return None,
    })
}

/// The members another member makes redundant, because it takes every value they take: one of
/// the same type as an earlier member (`anyOf: [{type: number, minimum: 30}, {type: number,
/// enum: [1]}]`: bounds and a number's values are not typed), and string enums beside a plain
/// string, since an enum keeps any string it does not know (`oneOf: [number, string, {enum:
/// [INF, NaN]}]`).
pub fn redundant_members(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> Vec<usize> {
    let any_string = members.iter().any(|m| m.ty == TypeRef::String);
    members
        .iter()
        .enumerate()
        .filter(|(index, m)| {
            let repeated = members[..*index].iter().any(|earlier| earlier.ty == m.ty);
            let enum_of_strings = any_string && m.ty != TypeRef::String && kind(&m.ty, types) == Some(Kind::String);
            repeated || enum_of_strings
        })
        .map(|(index, _)| index)
        .collect()
}

/// Whether every member is a string (plain, or an enum, which keeps any string it does not know).
pub fn all_strings(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> bool {
    members.iter().all(|m| kind(&m.ty, types) == Some(Kind::String))
}

/// Whether a member takes JSON strings (plain, formatted, or an enum's).
pub fn takes_strings(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    matches!(kind(ty, types), Some(Kind::String | Kind::FormattedString(_)))
}

/// Whether a member's values are JSON objects (a struct, a map, a union of objects).
pub fn is_object(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    kind(ty, types) == Some(Kind::Object)
}

/// Whether no JSON value fits both kinds. A plain string takes every formatted one and a number
/// every integer, and an `ip` address either family: those overlap, and only an order (the more
/// specific tried first) tells them apart.
fn disjoint(a: Kind, b: Kind) -> bool {
    match (a, b) {
        _ if a == b => false,
        (Kind::FormattedString(_), Kind::String) | (Kind::String, Kind::FormattedString(_)) => false,
        (Kind::Integer, Kind::Number) | (Kind::Number, Kind::Integer) => false,
        (Kind::FormattedString(x), Kind::FormattedString(y)) => {
            let ip_of_either =
                |s: Scalar, t: Scalar| s == Scalar::IpAddr && matches!(t, Scalar::Ipv4Addr | Scalar::Ipv6Addr);
            !ip_of_either(x, y) && !ip_of_either(y, x)
        }
        _ => true,
    }
}

/// A member `first` that a value of `other` can never decode as: `first` has a required member
/// (never `null`) that `other` does not declare, or declares with a kind no value of `first`'s
/// fits (`first: ipv4` against `first: ipv6`). Both must be structs.
fn never_taken_for(first: &TypeRef, other: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    let fields = |ty: &TypeRef| match &types.get(named(ty)?)?.kind {
        TypeKind::Struct(s) => Some(&s.fields),
        _ => None,
    };
    let (Some(first), Some(other)) = (fields(first), fields(other)) else {
        return false;
    };
    first.iter().filter(|f| always_present(f)).any(|field| {
        match other.iter().find(|o| !o.flatten && o.wire_name == field.wire_name) {
            None => true,
            Some(theirs) => match (kind(&field.ty, types), kind(&theirs.ty, types)) {
                (Some(mine), Some(theirs)) => disjoint(mine, theirs),
                _ => false,
            },
        }
    })
}

/// Whether every value of a struct has `field`, not `null`, whichever way it goes: a required
/// member only requests carry (`writeOnly`) is optional in an answer, and one the server sets
/// (`readOnly`) in a request, so neither tells values apart.
fn always_present(field: &Field) -> bool {
    !field.optional() && !field.flatten && !field.read_only && !field.write_only
}

/// Whether two members of one kind of JSON take no value in common: objects each with a required
/// member of their own (see [`never_taken_for`]), or arrays whose items are apart (`[string]`
/// beside `[integer]`; an empty array is either, and decodes as the first).
fn same_kind_apart(a: &TypeRef, b: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    match (a, b) {
        (TypeRef::Array(a), TypeRef::Array(b)) => match (kind(a, types), kind(b, types)) {
            (Some(x), Some(y)) if x == y => same_kind_apart(a, b, types),
            (Some(x), Some(y)) => disjoint(x, y),
            _ => false,
        },
        _ => never_taken_for(a, b, types) && never_taken_for(b, a, types),
    }
}

/// When a value can be told apart by its shape alone: every member is a different kind of JSON
/// (strings apart by format), or objects each with a required member of their own (or of their
/// own kind), or one requiring all another requires and more (tried first), or arrays of items
/// apart. The order to try them in: formatted strings and integers before strings and
/// numbers, otherwise as the document lists them. `None` when two members could take the same value.
///
/// An object that carries another member's required members as well is taken for the first
/// member listed: in a `oneOf` such a value is invalid, and in an `anyOf` it is either.
///
/// One member that is any object (`{type: object}`, often how a document says "or `null`" beside a
/// `$ref`) takes what no other member does: it is tried last, so that a value of another member
/// is that member and any other object is still kept.
pub fn by_shape(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<ShapeOrder> {
    shape_order(members, types, false)
}

/// [`by_shape`], where objects of one shape may also be told apart by their tags (each with a
/// required string tag of one property, the values different), which their variants then check.
/// Tried last: objects told apart by their tags alone are better one tagged union of their own
/// (see `tagged_objects_as_one`), which keeps a value of a tag it does not know.
pub fn by_shape_or_tag(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>) -> Option<ShapeOrder> {
    shape_order(members, types, true)
}

fn shape_order(members: &[&Member<'_>], types: &BTreeMap<String, TypeDef>, tags: bool) -> Option<ShapeOrder> {
    let kinds: Vec<Kind> = members.iter().map(|m| kind(&m.ty, types)).collect::<Option<_>>()?;
    if kinds.len() < 2 {
        return None;
    }
    let mut overlapping = BTreeSet::new();
    let mut tag_checks = false;
    let any_objects: Vec<usize> = (0..members.len())
        .filter(|&index| members[index].ty == TypeRef::JsonObject)
        .collect();
    let fallback = match any_objects.as_slice() {
        [only] => Some(*only),
        _ => None,
    };
    let mut nested = false;
    for (index, kind) in kinds.iter().enumerate() {
        for (earlier, earlier_kind) in kinds[..index].iter().enumerate() {
            if kind != earlier_kind || fallback.is_some_and(|f| f == index || f == earlier) {
                continue;
            }
            let (a, b) = (&members[index].ty, &members[earlier].ty);
            if same_kind_apart(a, b, types) {
                continue;
            }
            if requires_more(a, b, types) || requires_more(b, a, types) {
                nested = true;
                overlapping.extend([index, earlier]);
                continue;
            }
            // Objects of one shape each with a tag of its own (Stripe's deleted bank account and
            // deleted card, both `{id, object, deleted, currency}`): apart by the tag, which
            // each variant then checks before it reads a value.
            if tags && tags_apart(a, b, types) {
                tag_checks = true;
                continue;
            }
            return None;
        }
    }
    // Objects that require more are tried first when one requires all another does: a value
    // without their extra members is not them. Otherwise, the document's order.
    let required = |index: usize| {
        if nested {
            required_members(&members[index].ty, types).map_or(0, |r| r.len())
        } else {
            0
        }
    };
    let mut order: Vec<usize> = (0..kinds.len()).collect();
    order.sort_by_key(|&index| {
        let rank = match kinds[index] {
            _ if Some(index) == fallback => 2,
            Kind::FormattedString(_) | Kind::Integer => 0,
            _ => 1,
        };
        (rank, std::cmp::Reverse(required(index)))
    });
    Some(ShapeOrder {
        order,
        overlapping,
        tag_checks,
    })
}

/// Two structs each with a required string tag of the same property and different values.
fn tags_apart(a: &TypeRef, b: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    match (required_string_tag(a, types), required_string_tag(b, types)) {
        (Some((property_a, value_a)), Some((property_b, value_b))) => property_a == property_b && value_a != value_b,
        _ => false,
    }
}

/// The property and value of a struct's tag, when every value has it, as a string.
pub fn required_string_tag<'t>(ty: &TypeRef, types: &'t BTreeMap<String, TypeDef>) -> Option<(&'t str, &'t str)> {
    let TypeKind::Struct(s) = &types.get(named(ty)?)?.kind else {
        return None;
    };
    let tag = s.tag.as_ref()?;
    let field = s.fields.iter().find(|f| !f.flatten && f.wire_name == tag.property)?;
    (!field.optional() && field.ty == TypeRef::String).then_some((tag.property.as_str(), tag.value.as_str()))
}

/// How a union told apart by shape is decoded ([`by_shape`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeOrder {
    /// The members' indices, in the order a value is tried against them.
    pub order: Vec<usize>,
    /// The objects a value of another member may also fit (one requires all the other requires,
    /// and more): each value is better decoded as the one that declares every member it has.
    pub overlapping: BTreeSet<usize>,
    /// Some objects are told apart only by their tags: each tagged variant checks its tag.
    pub tag_checks: bool,
}

impl ShapeOrder {
    /// Members tried in the order given, none of them overlapping.
    pub fn in_order(order: Vec<usize>) -> Self {
        ShapeOrder {
            order,
            overlapping: BTreeSet::new(),
            tag_checks: false,
        }
    }
}

/// The wire names of a struct's members that must be there and not `null`.
fn required_members<'t>(ty: &TypeRef, types: &'t BTreeMap<String, TypeDef>) -> Option<Vec<&'t str>> {
    match &types.get(named(ty)?)?.kind {
        TypeKind::Struct(s) => Some(
            s.fields
                .iter()
                .filter(|f| always_present(f))
                .map(|f| f.wire_name.as_str())
                .collect(),
        ),
        _ => None,
    }
}

/// Whether struct `more` requires every member struct `fewer` requires, and more besides
/// (`{task, duration, text}` against `{text}`): tried first, it takes only values that have its
/// extra members, and the others are left to `fewer`. In a `oneOf` a value with them all is
/// invalid; in an `anyOf` it is both.
/// Objects that each have a tag are told apart by it instead (see `tagged_objects_as_one`).
fn requires_more(more: &TypeRef, fewer: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    let tagged = |ty: &TypeRef| {
        named(ty)
            .and_then(|name| types.get(name))
            .is_some_and(|t| matches!(&t.kind, TypeKind::Struct(s) if s.tag.is_some()))
    };
    if tagged(more) && tagged(fewer) {
        return false;
    }
    let (Some(more), Some(fewer)) = (required_members(more, types), required_members(fewer, types)) else {
        return false;
    };
    more.len() > fewer.len() && fewer.iter().all(|name| more.contains(name))
}
