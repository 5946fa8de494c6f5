//! When two `allOf` members define one property: whether both can hold, and which schema says it.
//!
//! Documents often repeat a property in a derived schema to change its words (`description`,
//! `example`), to allow `null`, or to narrow it (an object with more properties, a string that
//! is one value). Those merge; only schemas that no value could satisfy together are refused.

use openapiv3::{ArrayType, OpenAPI, ReferenceOr, Schema, SchemaData, SchemaKind, Type};
use serde_json::{Map, Value};

use super::refs::{self, SchemaView};
use crate::diagnostic::pointer_join;

/// Keys that describe a schema without changing which values it accepts.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
    "externalDocs",
    "xml",
    "nullable",
];

/// Keys that narrow which values of a type are valid without changing the type: two definitions
/// that differ only in these (`pattern: /groups` in a base, `pattern: /coaches` in what extends
/// it; `maxLength` beside `pattern`) are one type. Usually some values satisfy both; where none
/// does (bounds that do not meet), the contradiction is in validation the client does not
/// enforce, not in the type. The derived (later) definition is used. `minProperties` and `maxProperties` are not among them: they can
/// make an object a choice of one member. `not` is: it rules values out without saying what a value is.
const VALIDATION: &[&str] = &[
    "not",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
];

/// How two definitions of a property merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// The later definition says more (it narrows the earlier one): it is the one to use.
    pub keep_later: bool,
    /// One of them allows `null`: the merged property does, so that a value either allows decodes.
    pub nullable: bool,
    /// Both are enums of one type with no value in common: no value satisfies both, but a derived
    /// schema that lists other values means them (often a renamed value), so the later is used,
    /// with a warning.
    pub disjoint_enums: bool,
}

/// `Some` when the two definitions of one property can both hold.
pub fn compatible(
    doc: &OpenAPI,
    earlier: &ReferenceOr<Box<Schema>>,
    later: &ReferenceOr<Box<Schema>>,
) -> Option<Merge> {
    let (earlier, later) = (
        as_json(doc, SchemaView::of_boxed(earlier))?,
        as_json(doc, SchemaView::of_boxed(later))?,
    );
    let nullable = [&earlier, &later]
        .iter()
        .any(|schema| schema.get("nullable") == Some(&Value::Bool(true)));
    let (earlier, later) = (substance(earlier), substance(later));
    // `result: {enum: [null]}` in a failure envelope beside `result: [Record]` in the success one
    // it extends: no value is both, but the document means "null here". The property is the
    // other definition, allowing `null`.
    if only_null(&earlier) || only_null(&later) {
        return Some(Merge {
            keep_later: only_null(&earlier) && !only_null(&later),
            nullable: true,
            disjoint_enums: false,
        });
    }
    // A definition of validation alone (`{not: {type: boolean}}`, bounds) gives no shape: it
    // only narrows which values of the other are valid, so the other is the property.
    let shapeless = |schema: &Map<String, Value>| schema.keys().all(|key| VALIDATION.contains(&key.as_str()));
    if shapeless(&earlier) != shapeless(&later) {
        return Some(Merge {
            keep_later: shapeless(&earlier),
            nullable,
            disjoint_enums: false,
        });
    }
    if earlier == later || narrows(&earlier, &later) {
        Some(Merge {
            keep_later: false,
            nullable,
            disjoint_enums: false,
        })
    } else if narrows(&later, &earlier) || same_but_validation(&earlier, &later) {
        Some(Merge {
            keep_later: true,
            nullable,
            disjoint_enums: false,
        })
    } else {
        enums_of_one_type(&earlier, &later).map(|overlapping| Merge {
            keep_later: true,
            nullable,
            disjoint_enums: !overlapping,
        })
    }
}

/// Whether the two definitions say the same once [`VALIDATION`] keywords are set aside.
fn same_but_validation(earlier: &Map<String, Value>, later: &Map<String, Value>) -> bool {
    let shape = |schema: &Map<String, Value>| {
        let mut schema = schema.clone();
        schema.retain(|key, _| !VALIDATION.contains(&key.as_str()));
        schema
    };
    shape(earlier) == shape(later)
}

/// Whether the definition allows `null` and nothing else (`enum: [null]`).
fn only_null(schema: &Map<String, Value>) -> bool {
    matches!(schema.get("enum"), Some(Value::Array(values)) if values.iter().all(Value::is_null) && !values.is_empty())
}

/// Two enums of one type, the rest of each schema agreeing (`[in_progress, completed]` and
/// `[completed, failed]`): whether they share a value. Only shared values satisfy both, but a
/// derived schema that lists others means them, and an enum keeps values it does not know, so the
/// later (derived) one is used. `None` when they are not two such enums.
fn enums_of_one_type(earlier: &Map<String, Value>, later: &Map<String, Value>) -> Option<bool> {
    let (Some(Value::Array(a)), Some(Value::Array(b))) = (earlier.get("enum"), later.get("enum")) else {
        return None;
    };
    let rest_agrees = |x: &Map<String, Value>, y: &Map<String, Value>| {
        x.iter()
            .all(|(key, value)| key == "enum" || y.get(key).is_none_or(|other| other == value))
    };
    let one_type = earlier.get("type") == later.get("type");
    (one_type && rest_agrees(earlier, later) && rest_agrees(later, earlier))
        .then(|| a.iter().any(|value| b.contains(value)))
}

/// Whether both definitions are objects (`type: object`, or properties without a type), neither
/// a union: an object may be both, its members merged.
fn both_objects(doc: &OpenAPI, earlier: &ReferenceOr<Box<Schema>>, later: &ReferenceOr<Box<Schema>>) -> bool {
    let object = |schema: &ReferenceOr<Box<Schema>>| {
        as_json(doc, SchemaView::of_boxed(schema)).is_some_and(|json| {
            let typed = match json.get("type").and_then(Value::as_str) {
                Some("object") => true,
                None => json.contains_key("properties") || json.contains_key("allOf"),
                Some(_) => false,
            };
            typed && !json.contains_key("oneOf") && !json.contains_key("anyOf")
        })
    };
    object(earlier) && object(later)
}

/// Whether the definition allows `null`.
fn nullable(doc: &OpenAPI, schema: &ReferenceOr<Box<Schema>>) -> bool {
    refs::schema_of(doc, SchemaView::of_boxed(schema)).is_some_and(|s| s.schema_data.nullable)
}

/// For two definitions that neither narrows but that a value can satisfy together: the schema
/// that is both. Two objects (one open, one with more members, members that differ but merge)
/// are their `allOf`, merged member by member where it is lowered, so that a real contradiction
/// deeper down is still found there; two arrays are an array of what both items are. `None` when
/// they are not both objects or both arrays.
///
/// `earlier_at` and `later_at` are where the two stand: a definition written out in place is
/// referred to there (`$ref` to `…/properties/meta`) rather than copied, so that what lowering
/// the merge says of it names a place the document has.
pub fn combined(
    doc: &OpenAPI,
    (earlier, earlier_at): (&ReferenceOr<Box<Schema>>, &str),
    (later, later_at): (&ReferenceOr<Box<Schema>>, &str),
) -> Option<Schema> {
    let nullable = nullable(doc, earlier) || nullable(doc, later);
    if both_objects(doc, earlier, later) {
        return Some(Schema {
            schema_data: SchemaData {
                nullable,
                ..SchemaData::default()
            },
            schema_kind: SchemaKind::AllOf {
                all_of: vec![in_place(doc, earlier, earlier_at), in_place(doc, later, later_at)],
            },
        });
    }
    if let Some(choice) = object_and_choice(doc, (earlier, earlier_at), (later, later_at)) {
        return Some(choice);
    }
    let array =
        |schema: &ReferenceOr<Box<Schema>>| match &refs::schema_of(doc, SchemaView::of_boxed(schema))?.schema_kind {
            SchemaKind::Type(Type::Array(array)) => Some(array.clone()),
            _ => None,
        };
    let (earlier_array, later_array) = (array(earlier)?, array(later)?);
    let (earlier_items, later_items) = (earlier_array.items.as_ref()?, later_array.items.as_ref()?);
    let items = match compatible(doc, earlier_items, later_items) {
        Some(Merge { keep_later: true, .. }) => later_items.clone(),
        Some(Merge { keep_later: false, .. }) => earlier_items.clone(),
        None => {
            let earlier_items_at = pointer_join(&written_at(doc, earlier, earlier_at), "items");
            let later_items_at = pointer_join(&written_at(doc, later, later_at), "items");
            ReferenceOr::Item(Box::new(combined(
                doc,
                (earlier_items, &earlier_items_at),
                (later_items, &later_items_at),
            )?))
        }
    };
    Some(Schema {
        schema_data: SchemaData {
            nullable,
            ..SchemaData::default()
        },
        schema_kind: SchemaKind::Type(Type::Array(ArrayType {
            items: Some(items),
            ..earlier_array
        })),
    })
}

/// An object and a choice among objects (`details` items: the base's `ErrorDetails`, the
/// derived schema's `anyOf` of narrower ones): a value is the object and one of the choice, so
/// the property is a choice of `allOf`s, as `allOf: [Base, {anyOf: […]}]` is read.
fn object_and_choice(
    doc: &OpenAPI,
    (earlier, earlier_at): (&ReferenceOr<Box<Schema>>, &str),
    (later, later_at): (&ReferenceOr<Box<Schema>>, &str),
) -> Option<Schema> {
    let is_object = |schema: &ReferenceOr<Box<Schema>>| {
        as_json(doc, SchemaView::of_boxed(schema)).is_some_and(|json| {
            let typed = matches!(json.get("type").and_then(Value::as_str), Some("object") | None);
            typed && json.contains_key("properties") && !json.contains_key("oneOf") && !json.contains_key("anyOf")
        })
    };
    let choice = |schema: &ReferenceOr<Box<Schema>>| {
        let resolved = refs::schema_of(doc, SchemaView::of_boxed(schema))?;
        matches!(
            resolved.schema_kind,
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. }
        )
        .then(|| resolved.clone())
    };
    let ((object, object_at), mut union) = match (is_object(earlier), is_object(later)) {
        (true, false) => ((earlier, earlier_at), choice(later)?),
        (false, true) => ((later, later_at), choice(earlier)?),
        _ => return None,
    };
    // A value is an object, so a choice of a list or a scalar is no choice: left out (none left,
    // no value satisfies both).
    let not_an_object = |member: &ReferenceOr<Schema>| {
        as_json(doc, SchemaView::of(member))
            .and_then(|json| json.get("type").and_then(Value::as_str).map(|t| t != "object"))
            .unwrap_or(false)
    };
    // The choice's members stay copies: a member's `title` names its variant, which a `$ref` to
    // where it is written would not carry.
    match &mut union.schema_kind {
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            members.retain(|member| !not_an_object(member));
            if members.is_empty() {
                return None;
            }
        }
        _ => return None,
    }
    let both = Schema {
        schema_data: SchemaData::default(),
        schema_kind: SchemaKind::AllOf {
            all_of: vec![in_place(doc, object, object_at), ReferenceOr::Item(union)],
        },
    };
    crate::load::distributed(&both, &Default::default()).map(|(schema, _)| schema)
}

/// A definition as a member of a synthesized `allOf`: a `$ref` stays one; one written out in place
/// becomes a `$ref` to where it is written (`at`), when that is where it stands, so that what is
/// said of it names the document's place; otherwise a copy.
fn in_place(doc: &OpenAPI, schema: &ReferenceOr<Box<Schema>>, at: &str) -> ReferenceOr<Schema> {
    if let ReferenceOr::Item(item) = schema
        && refs::resolve_schema(doc, at, at).is_ok_and(|found| std::ptr::eq(found.schema, &**item))
    {
        return ReferenceOr::Reference {
            reference: at.to_owned(),
        };
    }
    unboxed(schema)
}

/// Where a definition is written: a `$ref`'s target, or `at` itself.
fn written_at(doc: &OpenAPI, schema: &ReferenceOr<Box<Schema>>, at: &str) -> String {
    match schema {
        ReferenceOr::Reference { reference } => {
            refs::resolve_schema(doc, reference, at).map_or_else(|_| at.to_owned(), |found| found.pointer)
        }
        ReferenceOr::Item(_) => at.to_owned(),
    }
}

fn unboxed(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(schema) => ReferenceOr::Item((**schema).clone()),
    }
}

/// For an `allOf` whose members are all values other than objects (`[{type: string}, {maxLength:
/// 5}]`): the member that says the most, when every other one only widens it; `None` otherwise.
pub fn narrowest_scalar_member(doc: &OpenAPI, members: &[ReferenceOr<Schema>]) -> Option<usize> {
    let jsons: Vec<Map<String, Value>> = members
        .iter()
        .map(|member| as_json(doc, SchemaView::of(member)).map(substance))
        .collect::<Option<_>>()?;
    let scalar = |schema: &Map<String, Value>| {
        !schema.contains_key("properties")
            && !schema.contains_key("allOf")
            && !schema.contains_key("oneOf")
            && !schema.contains_key("anyOf")
            && matches!(
                schema.get("type").and_then(Value::as_str),
                Some("string" | "integer" | "number" | "boolean")
            )
    };
    let candidate = jsons.iter().position(&scalar)?;
    let narrowest =
        jsons
            .iter()
            .enumerate()
            .filter(|(_, json)| scalar(json))
            .try_fold(candidate, |best, (index, json)| {
                if narrows(json, &jsons[best]) {
                    Some(index)
                } else if narrows(&jsons[best], json) {
                    Some(best)
                } else {
                    None
                }
            })?;
    // Every member without a type must only narrow (`{maxLength: 5}`, `{format: uuid}`) or annotate.
    jsons
        .iter()
        .all(|json| {
            scalar(json)
                || json.keys().all(|k| {
                    !matches!(
                        k.as_str(),
                        "properties" | "allOf" | "oneOf" | "anyOf" | "items" | "type"
                    )
                })
        })
        .then_some(narrowest)
}

/// The schema as JSON, through its `$ref`; an `allOf` of one member beside nothing but
/// annotations (a `$ref` with a description beside it, once 3.1's siblings are read) is that
/// member, `nullable` kept.
fn as_json(doc: &OpenAPI, schema: SchemaView<'_>) -> Option<Map<String, Value>> {
    as_json_within(doc, schema, 0)
}

fn as_json_within(doc: &OpenAPI, schema: SchemaView<'_>, depth: usize) -> Option<Map<String, Value>> {
    let schema = refs::schema_of(doc, schema)?;
    // `{allOf: [$ref: Messages], minLength: 1}`: one member beside keywords that give no shape of
    // their own (validation the member's type may not even have) is read as that member.
    let only_member = match &schema.schema_kind {
        openapiv3::SchemaKind::AllOf { all_of } => Some(all_of),
        openapiv3::SchemaKind::Any(any)
            if any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none() =>
        {
            Some(&any.all_of)
        }
        _ => None,
    };
    // `A: {allOf: [$ref: A]}` would unwrap forever.
    if let Some(all_of) = only_member
        && let [only] = all_of.as_slice()
        && depth < 16
    {
        let mut member = as_json_within(doc, SchemaView::of(only), depth + 1)?;
        if schema.schema_data.nullable {
            member.insert("nullable".to_owned(), Value::Bool(true));
        }
        return Some(member);
    }
    match serde_json::to_value(schema).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// The schema without its annotations and extensions; an `allOf` of one inline member that
/// nothing stands beside (how 3.1's `anyOf: [T, {type: null}]` reads once `null` is `nullable`)
/// is that member.
fn substance(mut schema: Map<String, Value>) -> Map<String, Value> {
    schema.retain(|key, _| !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-"));
    let only_member = match schema.get("allOf") {
        Some(Value::Array(members)) if schema.len() == 1 && members.len() == 1 => match &members[0] {
            Value::Object(member) if !member.contains_key("$ref") => Some(member.clone()),
            _ => None,
        },
        _ => None,
    };
    match only_member {
        Some(member) => substance(member),
        None => schema,
    }
}

/// Whether `narrow` accepts only values `wide` accepts, by saying everything `wide` says and more:
/// more properties (each that `wide` has the same), more required, or an `enum` `wide` lacks. An
/// `enum` lists the values themselves, so it also narrows what `wide` says of their `format` or
/// bounds (`{enum: [USD, EUR]}` narrows `{type: string, format: iso4217}`).
fn narrows(narrow: &Map<String, Value>, wide: &Map<String, Value>) -> bool {
    let listed = narrow.contains_key("enum");
    wide.iter()
        .all(|(key, wide_value)| match (key.as_str(), narrow.get(key)) {
            (key, None) if listed && (key == "format" || VALIDATION.contains(&key)) => true,
            (_, None) => false,
            ("properties", Some(Value::Object(narrow_properties))) => match wide_value {
                Value::Object(wide_properties) => wide_properties
                    .iter()
                    .all(|(name, schema)| narrow_properties.get(name).is_some_and(|n| same_substance(n, schema))),
                _ => false,
            },
            ("required", Some(Value::Array(narrow_required))) => match wide_value {
                Value::Array(wide_required) => wide_required.iter().all(|name| narrow_required.contains(name)),
                _ => false,
            },
            ("enum", Some(Value::Array(narrow_values))) => match wide_value {
                Value::Array(wide_values) => narrow_values.iter().all(|value| wide_values.contains(value)),
                _ => false,
            },
            (_, Some(narrow_value)) => narrow_value == wide_value,
        })
}

fn same_substance(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => substance(a.clone()) == substance(b.clone()),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: &str) -> ReferenceOr<Box<Schema>> {
        ReferenceOr::Item(Box::new(serde_json::from_str(json).unwrap()))
    }

    fn merge(a: &str, b: &str) -> Option<Merge> {
        let doc: OpenAPI =
            serde_json::from_str(r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}"#).unwrap();
        compatible(&doc, &schema(a), &schema(b))
    }

    #[test]
    fn a_nullable_wrapper_of_one_member_merges_with_the_member() {
        let merged = merge(
            r#"{"nullable":true,"allOf":[{"type":"integer","minimum":0,"maximum":20,"description":"A."}]}"#,
            r#"{"type":"integer","minimum":0,"maximum":20,"description":"B."}"#,
        );
        assert_eq!(
            merged,
            Some(Merge {
                keep_later: false,
                nullable: true,
                disjoint_enums: false
            })
        );
    }

    #[test]
    fn a_wrapper_that_refers_to_itself_ends() {
        let doc: OpenAPI = serde_json::from_str(
            r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},
                "components":{"schemas":{"A":{"allOf":[{"$ref":"#/components/schemas/A"}]}}}}"##,
        )
        .unwrap();
        let a = ReferenceOr::Reference {
            reference: "#/components/schemas/A".to_owned(),
        };
        assert_eq!(compatible(&doc, &a, &schema(r#"{"type":"string"}"#)), None);
    }

    #[test]
    fn enums_of_one_type_merge_to_the_later_and_disjoint_ones_say_so() {
        let merged = merge(
            r#"{"type":"string","enum":["in_progress","completed"]}"#,
            r#"{"type":"string","enum":["completed","failed"]}"#,
        );
        assert_eq!(merged.map(|m| (m.keep_later, m.disjoint_enums)), Some((true, false)));
        assert_eq!(
            merge(r#"{"type":"string","enum":["a"]}"#, r#"{"type":"string","enum":["b"]}"#)
                .map(|m| (m.keep_later, m.disjoint_enums)),
            Some((true, true))
        );
        assert_eq!(
            merge(
                r#"{"type":"string","enum":["a"]}"#,
                r#"{"type":"integer","enum":["a"]}"#
            ),
            None
        );
    }

    #[test]
    fn a_definition_that_only_rules_values_out_gives_way_to_the_one_that_says_what_they_are() {
        let object = r#"{"type":"object","nullable":true,"properties":{"ok":{"type":"boolean"}}}"#;
        let not_a_boolean = r#"{"not":{"type":"boolean"}}"#;
        let expected = |keep_later| {
            Some(Merge {
                keep_later,
                nullable: true,
                disjoint_enums: false,
            })
        };
        assert_eq!(merge(object, not_a_boolean), expected(false));
        assert_eq!(merge(not_a_boolean, object), expected(true));
        assert_eq!(
            merge(r#"{"minimum":1}"#, r#"{"type":"integer"}"#).map(|m| m.keep_later),
            Some(true)
        );
        // Validation beside a shape is still that shape: a string is not an integer.
        assert_eq!(
            merge(r#"{"type":"string","not":{"enum":["x"]}}"#, r#"{"type":"integer"}"#),
            None
        );
    }

    #[test]
    fn an_enum_narrows_what_the_other_says_of_format_and_bounds() {
        let keep = |a: &str, b: &str| merge(a, b).map(|m| m.keep_later);
        let listed = r#"{"type":"number","enum":[0.5,1.5,2]}"#;
        let formatted = r#"{"type":"number","format":"double","minimum":0}"#;
        assert_eq!(keep(formatted, listed), Some(true));
        assert_eq!(keep(listed, formatted), Some(false));
        // Another type is still another type.
        assert_eq!(keep(r#"{"type":"string","enum":["a"]}"#, formatted), None);
    }

    #[test]
    fn words_only_differences_merge() {
        let merged = merge(
            r#"{"type":"string","description":"The name."}"#,
            r#"{"type":"string","description":"Its name.","example":"x"}"#,
        );
        assert_eq!(
            merged,
            Some(Merge {
                keep_later: false,
                nullable: false,
                disjoint_enums: false
            })
        );
    }

    #[test]
    fn nullable_on_either_side_is_kept() {
        let merged = merge(r#"{"type":"integer"}"#, r#"{"type":"integer","nullable":true}"#);
        assert_eq!(
            merged,
            Some(Merge {
                keep_later: false,
                nullable: true,
                disjoint_enums: false
            })
        );
    }

    #[test]
    fn the_narrower_definition_wins() {
        let object = r#"{"type":"object","properties":{"a":{"type":"string"}}}"#;
        let more = r#"{"type":"object","properties":{"a":{"type":"string","description":"A."},"b":{"type":"integer"}},"required":["b"]}"#;
        assert_eq!(
            merge(object, more),
            Some(Merge {
                keep_later: true,
                nullable: false,
                disjoint_enums: false
            })
        );
        assert_eq!(
            merge(more, object),
            Some(Merge {
                keep_later: false,
                nullable: false,
                disjoint_enums: false
            })
        );
        let one_value = r#"{"type":"string","enum":["card"]}"#;
        assert_eq!(
            merge(r#"{"type":"string"}"#, one_value),
            Some(Merge {
                keep_later: true,
                nullable: false,
                disjoint_enums: false
            })
        );
    }

    #[test]
    fn a_wrapper_with_validation_beside_its_one_member_merges_with_the_member() {
        let doc: OpenAPI = serde_json::from_str(
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},
                "components":{"schemas":{"Names":{"type":"array","items":{"type":"string"}}}}}"#,
        )
        .unwrap();
        let merged = compatible(
            &doc,
            &schema(r##"{"$ref": "#/components/schemas/Names"}"##),
            &schema(r##"{"allOf": [{"$ref": "#/components/schemas/Names"}], "minLength": 1, "example": ["x"]}"##),
        );
        assert!(merged.is_some_and(|m| !m.disjoint_enums), "{merged:?}");
    }

    #[test]
    fn a_definition_that_is_only_null_makes_the_other_nullable() {
        let merged = merge(
            r#"{"type": "array", "items": {"type": "string"}}"#,
            r#"{"type": "object", "enum": [null], "nullable": true}"#,
        );
        assert_eq!(
            merged,
            Some(Merge {
                keep_later: false,
                nullable: true,
                disjoint_enums: false
            })
        );
        let merged = merge(r#"{"enum": [null], "nullable": true}"#, r#"{"type": "string"}"#);
        assert!(merged.is_some_and(|m| m.keep_later && m.nullable));
    }

    #[test]
    fn definitions_that_differ_only_in_validation_merge_to_the_later() {
        let later_wins = Some(Merge {
            keep_later: true,
            nullable: false,
            disjoint_enums: false,
        });
        assert_eq!(
            merge(
                r#"{"type":"string","pattern":"/patient/[0-9a-z]+/groups"}"#,
                r#"{"type":"string","pattern":"/patient/[0-9a-z]+/coaches"}"#
            ),
            later_wins
        );
        assert_eq!(
            merge(
                r#"{"type":"string","maxLength":5000}"#,
                r#"{"type":"string","pattern":"^[a-z]+$"}"#
            ),
            later_wins
        );
        assert_eq!(
            merge(
                r#"{"type":"integer","maximum":10}"#,
                r#"{"type":"integer","minimum":20}"#
            ),
            later_wins
        );
        // Not a bound: another format is another type.
        assert_eq!(
            merge(
                r#"{"type":"string","format":"date","maxLength":10}"#,
                r#"{"type":"string","format":"uuid"}"#
            ),
            None
        );
    }

    #[test]
    fn contradictions_do_not_merge() {
        assert_eq!(merge(r#"{"type":"string"}"#, r#"{"type":"integer"}"#), None);
        assert_eq!(
            merge(
                r#"{"type":"string","format":"date","enum":["a"]}"#,
                r#"{"type":"string","format":"uuid","enum":["b"]}"#
            ),
            None
        );
        assert_eq!(
            merge(
                r#"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                r#"{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}}}"#
            ),
            None
        );
    }
}
