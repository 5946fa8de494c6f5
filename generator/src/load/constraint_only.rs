//! `{properties: {email, phone}, oneOf: [{required: [email]}, {required: [phone]}]}`: a union
//! whose members only say which of the object's own members must be present adds no shape. It is
//! validation, and is dropped: the object is its properties, each optional unless the object
//! itself requires it.

use openapiv3::{ReferenceOr, Schema, SchemaKind};

/// Drops the `oneOf`/`anyOf` of an object with properties when every member only constrains.
pub fn drop(schema: &mut Schema) {
    let SchemaKind::Any(any) = &mut schema.schema_kind else {
        return;
    };
    if any.properties.is_empty() {
        return;
    }
    if !any.one_of.is_empty() && any.one_of.iter().all(only_constrains) {
        any.one_of.clear();
    }
    if !any.any_of.is_empty() && any.any_of.iter().all(only_constrains) {
        any.any_of.clear();
    }
}

/// A member with nothing but `required`, `minProperties`/`maxProperties` and words.
pub(super) fn only_constrains(member: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = member else {
        return false;
    };
    let SchemaKind::Any(any) = &schema.schema_kind else {
        return false;
    };
    let blank = openapiv3::AnySchema {
        required: any.required.clone(),
        min_properties: any.min_properties,
        max_properties: any.max_properties,
        ..openapiv3::AnySchema::default()
    };
    *any == blank && schema.schema_data.discriminator.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(json: serde_json::Value) -> serde_json::Value {
        let mut schema: Schema = serde_json::from_value(json).expect("a schema");
        drop(&mut schema);
        serde_json::to_value(&schema).expect("serializes")
    }

    #[test]
    fn members_that_only_require_are_dropped() {
        let got = dropped(serde_json::json!({"type": "object", "properties": {"a": {}, "b": {}},
            "oneOf": [{"required": ["a"]}, {"required": ["b"], "description": "b alone"}]}));
        assert_eq!(got.get("oneOf"), None, "{got}");
        assert!(got["properties"].get("a").is_some());
    }

    #[test]
    fn members_with_a_shape_stay() {
        let json = serde_json::json!({"type": "object", "properties": {"a": {}},
            "oneOf": [{"required": ["a"]}, {"properties": {"c": {"type": "string"}}}]});
        assert!(dropped(json).get("oneOf").is_some());
    }
}
