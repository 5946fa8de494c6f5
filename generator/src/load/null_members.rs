//! `anyOf: [{$ref: User}, {type: object, nullable: true}]`: the member that is an object with
//! nothing in it but `nullable` is how 3.0 documents (Microsoft Graph's, DigitalOcean's) say "or
//! `null`". It is read as that: the union becomes `nullable` and loses the member, so a reference
//! alone stays the referenced type instead of a union kept as JSON.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

/// Folds "or `null`" members of a `oneOf` or `anyOf` into the union's `nullable`, when every
/// other member is a `$ref` (an inline schema beside it might itself be an open object, which
/// the member would then also admit).
pub fn fold(schema: &mut Schema) {
    let members = match &mut schema.schema_kind {
        SchemaKind::OneOf { one_of } => one_of,
        SchemaKind::AnyOf { any_of } => any_of,
        _ => return,
    };
    let (nulls, others): (Vec<_>, Vec<_>) = members.iter().partition(|member| says_only_null(member));
    if nulls.is_empty() || others.is_empty() || !others.iter().all(|m| matches!(m, ReferenceOr::Reference { .. })) {
        return;
    }
    members.retain(|member| !says_only_null(member));
    schema.schema_data.nullable = true;
}

/// `{type: object, nullable: true}` (a description or title at most beside it).
fn says_only_null(member: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = member else {
        return false;
    };
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return false;
    };
    let data = &schema.schema_data;
    data.nullable
        && object.properties.is_empty()
        && object.additional_properties.is_none()
        && object.required.is_empty()
        && object.min_properties.is_none()
        && object.max_properties.is_none()
        && data.discriminator.is_none()
        && data.default.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(json: serde_json::Value) -> serde_json::Value {
        let mut schema: Schema = serde_json::from_value(json).expect("a schema");
        fold(&mut schema);
        serde_json::to_value(&schema).expect("serializes")
    }

    #[test]
    fn an_empty_nullable_object_beside_references_is_null() {
        let union = folded(serde_json::json!({"anyOf": [
            {"$ref": "#/components/schemas/User"},
            {"type": "object", "nullable": true}
        ], "description": "the manager"}));
        assert_eq!(
            union["anyOf"],
            serde_json::json!([{"$ref": "#/components/schemas/User"}])
        );
        assert_eq!(union["nullable"], true);
        assert_eq!(union["description"], "the manager");
    }

    #[test]
    fn an_object_with_members_or_beside_an_inline_member_stays() {
        for json in [
            serde_json::json!({"oneOf": [{"$ref": "#/x"}, {"type": "object", "nullable": true, "properties": {"a": {}}}]}),
            serde_json::json!({"oneOf": [{"type": "string"}, {"type": "object", "nullable": true}]}),
            serde_json::json!({"oneOf": [{"$ref": "#/x"}, {"type": "object"}]}),
            serde_json::json!({"oneOf": [{"type": "object", "nullable": true}]}),
        ] {
            assert_eq!(folded(json.clone()), json);
        }
    }
}
