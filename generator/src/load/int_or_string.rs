//! Kubernetes' `int-or-string`: a string schema whose values may also be integers (`port: 8080`
//! or `port: http`), read as `anyOf: [integer, string]`.
//!
//! The format (and `x-kubernetes-int-or-string: true`, which says the same on any schema) is how
//! every Kubernetes-style document spells ports and percentages; read as a plain string, the
//! integers the API sends would not decode.

use openapiv3::{IntegerType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type, VariantOrUnknownOrEmpty};

const FORMAT: &str = "int-or-string";
const EXTENSION: &str = "x-kubernetes-int-or-string";

/// The schema as a union of an integer and a string, when it says it is one.
pub fn as_union(schema: &Schema) -> Option<Schema> {
    let formatted = matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::String(StringType { format: VariantOrUnknownOrEmpty::Unknown(f), .. })) if f == FORMAT
    );
    let marked = schema.schema_data.extensions.get(EXTENSION) == Some(&serde_json::Value::Bool(true));
    let already = matches!(&schema.schema_kind, SchemaKind::AnyOf { .. } | SchemaKind::OneOf { .. });
    if !(formatted || marked) || already {
        return None;
    }
    let member = |kind: Type| {
        ReferenceOr::Item(Schema {
            schema_data: SchemaData::default(),
            schema_kind: SchemaKind::Type(kind),
        })
    };
    let mut schema_data = schema.schema_data.clone();
    schema_data.extensions.shift_remove(EXTENSION);
    Some(Schema {
        schema_data,
        schema_kind: SchemaKind::AnyOf {
            any_of: vec![
                member(Type::Integer(IntegerType::default())),
                member(Type::String(StringType::default())),
            ],
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: serde_json::Value) -> Schema {
        serde_json::from_value(json).expect("a schema")
    }

    #[test]
    fn the_format_and_the_extension_make_a_union_that_keeps_the_words() {
        for json in [
            serde_json::json!({"type": "string", "format": "int-or-string", "description": "a port"}),
            serde_json::json!({"x-kubernetes-int-or-string": true, "description": "a port"}),
        ] {
            let union = as_union(&schema(json.clone())).unwrap_or_else(|| panic!("{json}"));
            assert_eq!(union.schema_data.description.as_deref(), Some("a port"));
            let SchemaKind::AnyOf { any_of } = &union.schema_kind else {
                panic!("{json}: {union:?}")
            };
            assert_eq!(any_of.len(), 2);
            assert!(union.schema_data.extensions.is_empty());
        }
    }

    #[test]
    fn other_strings_and_a_false_extension_stay_as_they_are() {
        for json in [
            serde_json::json!({"type": "string", "format": "uuid"}),
            serde_json::json!({"type": "string", "x-kubernetes-int-or-string": false}),
            serde_json::json!({"type": "integer", "format": "int32"}),
        ] {
            assert!(as_union(&schema(json.clone())).is_none(), "{json}");
        }
    }
}
