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

/// Gives every schema in the document the type its keywords imply. Returns where schemas moved
/// (pointer after, pointer as written), for diagnostics to point into the document as written.
pub fn fill_in(document: &mut OpenAPI) -> Vec<(String, String)> {
    let mut walk = Walk {
        choices: super::all_of_choice::component_choices(document),
        ..Walk::default()
    };
    if let Some(components) = &mut document.components {
        walk.down("components", |walk| walk.components(components));
    }
    walk.down("paths", |walk| {
        for (path, item) in document.paths.paths.iter_mut() {
            if let ReferenceOr::Item(item) = item {
                walk.down(path, |walk| walk.path_item(item));
            }
        }
    });
    walk.moves
}

/// The walk over every schema, knowing where it is.
#[derive(Default)]
struct Walk {
    /// Pointer tokens from the root to the node being visited.
    path: Vec<String>,
    moves: Vec<(String, String)>,
    /// The component schemas that are choices, as written (`all_of_choice`).
    choices: super::all_of_choice::Choices,
}

impl Walk {
    fn down(&mut self, token: &str, visit: impl FnOnce(&mut Self)) {
        self.path.push(token.to_owned());
        visit(self);
        self.path.pop();
    }

    fn pointer(&self) -> String {
        self.path.iter().fold(String::from("#"), |pointer, token| {
            crate::diagnostic::pointer_join(&pointer, token)
        })
    }

    fn components(&mut self, components: &mut Components) {
        self.down("schemas", |walk| {
            for (name, schema) in components.schemas.iter_mut() {
                walk.down(name, |walk| walk.schema_or_ref(schema));
            }
        });
        self.down("responses", |walk| {
            for (name, response) in components.responses.iter_mut() {
                if let ReferenceOr::Item(response) = response {
                    walk.down(name, |walk| walk.response(response));
                }
            }
        });
        self.down("parameters", |walk| {
            for (name, parameter) in components.parameters.iter_mut() {
                if let ReferenceOr::Item(parameter) = parameter {
                    walk.down(name, |walk| walk.parameter(parameter));
                }
            }
        });
        self.down("requestBodies", |walk| {
            for (name, body) in components.request_bodies.iter_mut() {
                if let ReferenceOr::Item(body) = body {
                    walk.down(name, |walk| walk.request_body(body));
                }
            }
        });
        self.down("headers", |walk| {
            for (name, header) in components.headers.iter_mut() {
                if let ReferenceOr::Item(header) = header {
                    walk.down(name, |walk| walk.schema_or_content(&mut header.format));
                }
            }
        });
    }

    fn path_item(&mut self, item: &mut PathItem) {
        self.parameters(&mut item.parameters);
        let operations = super::operations_mut(item);
        for (method, operation) in operations {
            if let Some(operation) = operation {
                self.down(method, |walk| walk.operation(operation));
            }
        }
    }

    fn parameters(&mut self, parameters: &mut [ReferenceOr<Parameter>]) {
        self.down("parameters", |walk| {
            for (index, parameter) in parameters.iter_mut().enumerate() {
                if let ReferenceOr::Item(parameter) = parameter {
                    walk.down(&index.to_string(), |walk| walk.parameter(parameter));
                }
            }
        });
    }

    fn operation(&mut self, operation: &mut Operation) {
        self.parameters(&mut operation.parameters);
        if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
            self.down("requestBody", |walk| walk.request_body(body));
        }
        let responses = &mut operation.responses;
        self.down("responses", |walk| {
            if let Some(ReferenceOr::Item(response)) = &mut responses.default {
                walk.down("default", |walk| walk.response(response));
            }
            for (status, response) in responses.responses.iter_mut() {
                if let ReferenceOr::Item(response) = response {
                    walk.down(&status.to_string(), |walk| walk.response(response));
                }
            }
        });
    }

    fn parameter(&mut self, parameter: &mut Parameter) {
        let data = match parameter {
            Parameter::Query { parameter_data, .. }
            | Parameter::Header { parameter_data, .. }
            | Parameter::Path { parameter_data, .. }
            | Parameter::Cookie { parameter_data, .. } => parameter_data,
        };
        self.schema_or_content(&mut data.format);
    }

    fn schema_or_content(&mut self, format: &mut ParameterSchemaOrContent) {
        match format {
            ParameterSchemaOrContent::Schema(schema) => self.down("schema", |walk| walk.schema_or_ref(schema)),
            ParameterSchemaOrContent::Content(content) => self.content(content),
        }
    }

    fn content(&mut self, content: &mut indexmap::IndexMap<String, MediaType>) {
        self.down("content", |walk| {
            for (name, media) in content.iter_mut() {
                if let Some(schema) = &mut media.schema {
                    walk.down(name, |walk| walk.down("schema", |walk| walk.schema_or_ref(schema)));
                }
            }
        });
    }

    fn request_body(&mut self, body: &mut RequestBody) {
        self.content(&mut body.content);
    }

    fn response(&mut self, response: &mut Response) {
        self.content(&mut response.content);
        self.down("headers", |walk| {
            for (name, header) in response.headers.iter_mut() {
                if let ReferenceOr::Item(header) = header {
                    walk.down(name, |walk| walk.schema_or_content(&mut header.format));
                }
            }
        });
    }

    fn schema_or_ref(&mut self, schema: &mut ReferenceOr<Schema>) {
        if let ReferenceOr::Item(schema) = schema {
            self.schema(schema);
        }
    }

    fn boxed(&mut self, schema: &mut ReferenceOr<Box<Schema>>) {
        if let ReferenceOr::Item(schema) = schema {
            self.schema(schema);
        }
    }

    fn members(&mut self, keyword: &str, members: &mut [ReferenceOr<Schema>]) {
        self.down(keyword, |walk| {
            for (index, member) in members.iter_mut().enumerate() {
                walk.down(&index.to_string(), |walk| walk.schema_or_ref(member));
            }
        });
    }

    fn properties(&mut self, properties: &mut indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>) {
        self.down("properties", |walk| {
            for (name, property) in properties.iter_mut() {
                walk.down(name, |walk| walk.boxed(property));
            }
        });
    }

    /// Fills in this schema's type, then every schema inside it.
    fn schema(&mut self, schema: &mut Schema) {
        if let Some(union) = super::int_or_string::as_union(schema) {
            *schema = union;
        }
        super::constraint_only::drop(schema);
        if let Some((union, moves)) = super::all_of_choice::distributed(schema, &self.choices) {
            *schema = union;
            let here = self.pointer();
            self.moves.extend(
                moves
                    .into_iter()
                    .map(|(after, before)| (format!("{here}{after}"), format!("{here}{before}"))),
            );
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
                self.properties(&mut object.properties);
                if let Some(AdditionalProperties::Schema(values)) = &mut object.additional_properties {
                    self.down("additionalProperties", |walk| walk.schema_or_ref(values));
                }
            }
            SchemaKind::Type(openapiv3::Type::Array(array)) => {
                if let Some(items) = &mut array.items {
                    self.down("items", |walk| walk.boxed(items));
                }
            }
            SchemaKind::Type(_) => {}
            SchemaKind::OneOf { one_of } => self.members("oneOf", one_of),
            SchemaKind::AllOf { all_of } => self.members("allOf", all_of),
            SchemaKind::AnyOf { any_of } => self.members("anyOf", any_of),
            SchemaKind::Not { not } => self.down("not", |walk| walk.schema_or_ref(not)),
            SchemaKind::Any(any) => {
                self.properties(&mut any.properties);
                if let Some(AdditionalProperties::Schema(values)) = &mut any.additional_properties {
                    self.down("additionalProperties", |walk| walk.schema_or_ref(values));
                }
                if let Some(items) = &mut any.items {
                    self.down("items", |walk| walk.boxed(items));
                }
                self.members("oneOf", &mut any.one_of);
                self.members("allOf", &mut any.all_of);
                self.members("anyOf", &mut any.any_of);
                if let Some(not) = &mut any.not {
                    self.down("not", |walk| walk.schema_or_ref(not));
                }
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
        Walk::default().schema(&mut schema);
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
