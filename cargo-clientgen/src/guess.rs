//! What a new crate's config can learn from the document itself: the member of its error objects
//! that holds their human-readable text (`description()` and `Display` read it).

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, StatusCode, Type};

/// The members error objects keep their text in, most usual first: a tie goes to the earlier.
const MESSAGE_MEMBERS: &[&str] = &["description", "message", "detail", "error_description", "title", "msg"];

/// The message member most of the document's error responses (4XX, 5XX, `default`) have among
/// their string properties; `None` when none has one of the usual names.
pub fn error_message_member(document: &OpenAPI) -> Option<&'static str> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    let operations = document.paths.paths.values().filter_map(ReferenceOr::as_item);
    for path in operations {
        for (_, operation) in path.iter() {
            for (status, response) in &operation.responses.responses {
                if matches!(status, StatusCode::Code(code) if *code < 400)
                    || matches!(status, StatusCode::Range(r) if *r < 4)
                {
                    continue;
                }
                count_members(document, response, &mut counts);
            }
            if let Some(response) = &operation.responses.default {
                count_members(document, response, &mut counts);
            }
        }
    }
    // Most responses first; among equals, the more usual name.
    let best = counts
        .iter()
        .max_by_key(|&(index, count)| (*count, std::cmp::Reverse(*index)))?;
    MESSAGE_MEMBERS.get(*best.0).copied()
}

fn count_members(document: &OpenAPI, response: &ReferenceOr<openapiv3::Response>, counts: &mut BTreeMap<usize, usize>) {
    let Some(response) = resolve_response(document, response) else {
        return;
    };
    let schemas = response
        .content
        .iter()
        .filter(|(media, _)| media.contains("json"))
        .filter_map(|(_, media)| media.schema.as_ref());
    for schema in schemas {
        let Some(Schema {
            schema_kind: SchemaKind::Type(Type::Object(object)),
            ..
        }) = resolve_schema(document, schema)
        else {
            continue;
        };
        let found = MESSAGE_MEMBERS.iter().position(|name| {
            object.properties.get(*name).is_some_and(|property| match property {
                ReferenceOr::Item(schema) => matches!(schema.schema_kind, SchemaKind::Type(Type::String(_))),
                ReferenceOr::Reference { .. } => true,
            })
        });
        if let Some(index) = found {
            *counts.entry(index).or_default() += 1;
        }
    }
}

fn resolve_response<'a>(
    document: &'a OpenAPI,
    response: &'a ReferenceOr<openapiv3::Response>,
) -> Option<&'a openapiv3::Response> {
    match response {
        ReferenceOr::Item(response) => Some(response),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/responses/")?;
            document.components.as_ref()?.responses.get(name)?.as_item()
        }
    }
}

/// The schema, through one `$ref` to a component schema (a chain of references is not followed:
/// this is a guess, and the user is told it can be changed).
fn resolve_schema<'a>(document: &'a OpenAPI, schema: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/schemas/")?;
            document.components.as_ref()?.schemas.get(name)?.as_item()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(error_properties: &str) -> OpenAPI {
        let text = format!(
            r##"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}},
                "paths": {{"/a": {{"get": {{"responses": {{
                    "200": {{"description": "ok"}},
                    "404": {{"$ref": "#/components/responses/NotFound"}},
                    "default": {{"description": "e", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/Error"}}}}}}}}
                }}}}}}}},
                "components": {{
                    "responses": {{"NotFound": {{"description": "nf", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/Error"}}}}}}}}}},
                    "schemas": {{"Error": {{"type": "object", "properties": {error_properties}}}}}
                }}}}"##
        );
        clientgen::load::load(&text).expect("fixture loads")
    }

    #[test]
    fn the_message_member_of_the_error_objects_is_found() {
        let doc = document(r#"{"code": {"type": "string"}, "message": {"type": "string"}}"#);
        assert_eq!(error_message_member(&doc), Some("message"));
        let doc = document(r#"{"code": {"type": "string"}, "detail": {"type": "string"}}"#);
        assert_eq!(error_message_member(&doc), Some("detail"));
    }

    #[test]
    fn the_usual_name_wins_and_a_non_string_member_is_not_text() {
        let doc = document(r#"{"description": {"type": "string"}, "message": {"type": "string"}}"#);
        assert_eq!(error_message_member(&doc), Some("description"));
        let doc = document(r#"{"message": {"type": "integer"}}"#);
        assert_eq!(error_message_member(&doc), None);
    }
}
