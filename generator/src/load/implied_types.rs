//! The `type` a schema leaves out but its other keywords imply, written in after parsing.
//!
//! Documents often write `{enum: [global]}` for a string or `{items: {...}}` for an array, and
//! mean it: a value of any other kind would break the enum, and nobody sends a number where the
//! items are described. Giving such schemas their type once, here, lets every later stage read one
//! shape (a string enum, an array) instead of each guessing from an untyped schema. A schema with
//! keywords of two kinds (`properties` and `items`) or a composition keeps no guessed type.
//! Kubernetes' `int-or-string` becomes the union it means here too (`int_or_string`), a choice
//! among `allOf` members a choice of `allOf`s (`all_of_choice`), and a union that only says which
//! members are required beside an object's properties is dropped (`constraint_only`).

use openapiv3::{
    AdditionalProperties, Components, MediaType, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem,
    ReferenceOr, RequestBody, Response, Schema, SchemaKind,
};

/// Gives every schema in the document the type its keywords imply.
pub fn fill_in(document: &mut OpenAPI) {
    if let Some(components) = &mut document.components {
        components_(components);
    }
    for (_, item) in document.paths.paths.iter_mut() {
        if let ReferenceOr::Item(item) = item {
            path_item(item);
        }
    }
}

fn components_(components: &mut Components) {
    components.schemas.values_mut().for_each(schema_or_ref);
    for response in components.responses.values_mut() {
        if let ReferenceOr::Item(response) = response {
            response_(response);
        }
    }
    for parameter in components.parameters.values_mut() {
        if let ReferenceOr::Item(parameter) = parameter {
            parameter_(parameter);
        }
    }
    for body in components.request_bodies.values_mut() {
        if let ReferenceOr::Item(body) = body {
            request_body(body);
        }
    }
    for header in components.headers.values_mut() {
        if let ReferenceOr::Item(header) = header {
            schema_or_content(&mut header.format);
        }
    }
}

fn path_item(item: &mut PathItem) {
    for parameter in &mut item.parameters {
        if let ReferenceOr::Item(parameter) = parameter {
            parameter_(parameter);
        }
    }
    let operations = [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ];
    for operation in operations.into_iter().flatten() {
        operation_(operation);
    }
}

fn operation_(operation: &mut Operation) {
    for parameter in &mut operation.parameters {
        if let ReferenceOr::Item(parameter) = parameter {
            parameter_(parameter);
        }
    }
    if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
        request_body(body);
    }
    let responses = &mut operation.responses;
    let all = responses.default.iter_mut().chain(responses.responses.values_mut());
    for response in all {
        if let ReferenceOr::Item(response) = response {
            response_(response);
        }
    }
}

fn parameter_(parameter: &mut Parameter) {
    let data = match parameter {
        Parameter::Query { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. } => parameter_data,
    };
    schema_or_content(&mut data.format);
}

fn schema_or_content(format: &mut ParameterSchemaOrContent) {
    match format {
        ParameterSchemaOrContent::Schema(schema) => schema_or_plain_ref(schema),
        ParameterSchemaOrContent::Content(content) => content.values_mut().for_each(media_type),
    }
}

fn request_body(body: &mut RequestBody) {
    body.content.values_mut().for_each(media_type);
}

fn response_(response: &mut Response) {
    response.content.values_mut().for_each(media_type);
    for header in response.headers.values_mut() {
        if let ReferenceOr::Item(header) = header {
            schema_or_content(&mut header.format);
        }
    }
}

fn media_type(media: &mut MediaType) {
    if let Some(schema) = &mut media.schema {
        schema_or_plain_ref(schema);
    }
}

fn schema_or_plain_ref(schema: &mut ReferenceOr<Schema>) {
    if let ReferenceOr::Item(schema) = schema {
        schema_(schema);
    }
}

fn schema_or_ref(schema: &mut ReferenceOr<Schema>) {
    schema_or_plain_ref(schema);
}

fn boxed(schema: &mut ReferenceOr<Box<Schema>>) {
    if let ReferenceOr::Item(schema) = schema {
        schema_(schema);
    }
}

/// Fills in this schema's type, then every schema inside it.
fn schema_(schema: &mut Schema) {
    if let Some(union) = super::int_or_string::as_union(schema) {
        *schema = union;
    }
    super::constraint_only::drop(schema);
    if let Some(union) = super::all_of_choice::distributed(schema) {
        *schema = union;
    }
    if let SchemaKind::Any(any) = &schema.schema_kind
        && let Some(implied) = implied_type(any)
        && let Some(typed) = with_type(schema, implied)
    {
        *schema = typed;
    }
    if lists_null(&schema.schema_kind) {
        // `enum: [light, dark, null]` allows `null` as surely as `nullable: true` does.
        schema.schema_data.nullable = true;
    }
    match &mut schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(object)) => {
            object.properties.values_mut().for_each(boxed);
            if let Some(AdditionalProperties::Schema(values)) = &mut object.additional_properties {
                schema_or_plain_ref(values);
            }
        }
        SchemaKind::Type(openapiv3::Type::Array(array)) => {
            if let Some(items) = &mut array.items {
                boxed(items);
            }
        }
        SchemaKind::Type(_) => {}
        SchemaKind::OneOf { one_of: members }
        | SchemaKind::AllOf { all_of: members }
        | SchemaKind::AnyOf { any_of: members } => members.iter_mut().for_each(schema_or_ref),
        SchemaKind::Not { not } => schema_or_ref(not),
        SchemaKind::Any(any) => {
            any.properties.values_mut().for_each(boxed);
            if let Some(AdditionalProperties::Schema(values)) = &mut any.additional_properties {
                schema_or_plain_ref(values);
            }
            if let Some(items) = &mut any.items {
                boxed(items);
            }
            any.one_of
                .iter_mut()
                .chain(&mut any.all_of)
                .chain(&mut any.any_of)
                .for_each(schema_or_ref);
            if let Some(not) = &mut any.not {
                schema_or_ref(not);
            }
        }
    }
}

/// Whether the schema's `enum` lists `null` among its values.
fn lists_null(kind: &SchemaKind) -> bool {
    match kind {
        SchemaKind::Type(openapiv3::Type::String(s)) => s.enumeration.contains(&None),
        SchemaKind::Type(openapiv3::Type::Integer(i)) => i.enumeration.contains(&None),
        SchemaKind::Type(openapiv3::Type::Number(n)) => n.enumeration.contains(&None),
        SchemaKind::Type(openapiv3::Type::Boolean(b)) => b.enumeration.contains(&None),
        _ => false,
    }
}

/// The type an untyped schema's keywords imply: `string` for an `enum` of strings (`null` may be
/// one of them), `array` for `items`; `None` when the keywords say nothing or disagree.
fn implied_type(any: &openapiv3::AnySchema) -> Option<&'static str> {
    if any.typ.is_some()
        || !any.properties.is_empty()
        || any.additional_properties.is_some()
        || !any.one_of.is_empty()
        || !any.all_of.is_empty()
        || !any.any_of.is_empty()
        || any.not.is_some()
    {
        return None;
    }
    let string_keywords = any.pattern.is_some() || any.min_length.is_some() || any.max_length.is_some();
    let number_keywords = any.minimum.is_some() || any.maximum.is_some() || any.multiple_of.is_some();
    let array_keywords = any.min_items.is_some() || any.max_items.is_some() || any.unique_items.is_some();
    let strings = !any.enumeration.is_empty()
        && any.enumeration.iter().all(|v| v.is_string() || v.is_null())
        && any.enumeration.iter().any(serde_json::Value::is_string);
    if strings && any.items.is_none() && !number_keywords && !array_keywords {
        return Some("string");
    }
    if any.items.is_some() && any.enumeration.is_empty() && !string_keywords && !number_keywords && any.format.is_none()
    {
        return Some("array");
    }
    None
}

/// The schema read again with `type` set; `None` if it does not read as that type (it always
/// should: the keywords were checked to be the type's).
fn with_type(schema: &Schema, implied: &str) -> Option<Schema> {
    let mut json = serde_json::to_value(schema).ok()?;
    json.as_object_mut()?
        .insert("type".to_owned(), serde_json::Value::String(implied.to_owned()));
    let typed: Schema = serde_json::from_value(json).ok()?;
    matches!(typed.schema_kind, SchemaKind::Type(_)).then_some(typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(json: &str) -> serde_json::Value {
        let mut schema: Schema = serde_json::from_str(json).expect("test schema");
        schema_(&mut schema);
        serde_json::to_value(&schema).expect("serializes")
    }

    #[test]
    fn an_enum_of_strings_is_a_string_and_items_an_array() {
        assert_eq!(filled(r#"{"enum":["a","b"]}"#)["type"], "string");
        assert_eq!(filled(r#"{"enum":["a",null],"nullable":true}"#)["type"], "string");
        // An enum that lists `null` allows it, typed or not.
        assert_eq!(filled(r#"{"enum":["a",null]}"#)["nullable"], true);
        assert_eq!(filled(r#"{"type":"integer","enum":[1,null]}"#)["nullable"], true);
        assert_eq!(filled(r#"{"enum":["a","b"]}"#).get("nullable"), None);
        assert_eq!(filled(r#"{"items":{"type":"integer"}}"#)["type"], "array");
        // Inside properties and items too.
        let nested = filled(r#"{"properties":{"kind":{"enum":["x"]},"list":{"items":{"enum":["y"]}}}}"#);
        assert_eq!(nested["properties"]["kind"]["type"], "string");
        assert_eq!(nested["properties"]["list"]["type"], "array");
        assert_eq!(nested["properties"]["list"]["items"]["type"], "string");
    }

    #[test]
    fn keywords_that_say_nothing_or_disagree_leave_the_schema_untyped() {
        for json in [
            r#"{"description":"anything"}"#,
            r#"{"enum":[1,2]}"#,
            r#"{"enum":["a",1]}"#,
            r#"{"enum":["a"],"minimum":1}"#,
            r#"{"items":{},"properties":{"a":{}}}"#,
            r#"{"items":{},"maxLength":3}"#,
            r#"{"enum":["a"],"oneOf":[{"type":"string"}]}"#,
        ] {
            assert_eq!(filled(json).get("type"), None, "{json}");
        }
    }
}
