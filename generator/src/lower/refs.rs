//! `$ref` resolution within one document: only local `#/components/...` references exist for us.

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema, SchemaKind};

use crate::diagnostic::{Diagnostic, Result};

/// A schema as found in the document: a reference to follow, or the schema itself.
#[derive(Debug, Clone, Copy)]
pub enum SchemaView<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> SchemaView<'a> {
    pub fn of(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaView::Ref(reference),
            ReferenceOr::Item(schema) => SchemaView::Inline(schema),
        }
    }

    /// The schema itself, when it is written here rather than referred to.
    pub fn as_item(&self) -> Option<&'a Schema> {
        match self {
            SchemaView::Inline(schema) => Some(schema),
            SchemaView::Ref(_) => None,
        }
    }

    pub fn of_boxed(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaView::Ref(reference),
            ReferenceOr::Item(schema) => SchemaView::Inline(schema),
        }
    }
}

/// The schema a view is, through its `$ref`s; `None` when a reference leads nowhere (callers that
/// need the reason call [`resolve_schema`]).
pub fn schema_of<'a>(doc: &'a OpenAPI, view: SchemaView<'a>) -> Option<&'a Schema> {
    match view {
        SchemaView::Inline(schema) => Some(schema),
        SchemaView::Ref(reference) => resolve_schema(doc, reference, "#").ok().map(|t| t.schema),
    }
}

/// The string values the property `name` of the referenced object schema allows, when its schema
/// (found through `allOf` members and `$ref`s) is an `enum`; `None` when it allows any string.
pub fn property_enum(doc: &OpenAPI, reference: &str, name: &str) -> Option<Vec<String>> {
    let schema = resolve_schema(doc, reference, "#").ok()?.schema;
    property_enum_within(doc, schema, name, 0)
}

/// [`property_enum`] of a schema at hand (an inline member of a union).
pub fn own_property_enum(doc: &OpenAPI, schema: &Schema, name: &str) -> Option<Vec<String>> {
    property_enum_within(doc, schema, name, 0)
}

fn property_enum_within(doc: &OpenAPI, schema: &Schema, name: &str, depth: usize) -> Option<Vec<String>> {
    if depth > 16 {
        return None;
    }
    let (properties, all_of): (_, &[ReferenceOr<Schema>]) = match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(object)) => (Some(&object.properties), &[]),
        SchemaKind::Any(any) => (Some(&any.properties), &any.all_of),
        SchemaKind::AllOf { all_of } => (None, all_of),
        _ => return None,
    };
    let own = properties.and_then(|p| p.get(name)).and_then(|property| {
        let property = schema_of(doc, SchemaView::of_boxed(property))?;
        let values: Vec<String> = match &property.schema_kind {
            SchemaKind::Type(openapiv3::Type::String(string)) => string.enumeration.iter().flatten().cloned().collect(),
            SchemaKind::Any(any) => any
                .enumeration
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        (!values.is_empty()).then_some(values)
    });
    own.or_else(|| {
        all_of
            .iter()
            .filter_map(|member| schema_of(doc, SchemaView::of(member)))
            .find_map(|member| property_enum_within(doc, member, name, depth + 1))
    })
}

/// A schema a reference led to, with its own pointer.
pub struct Target<'a> {
    pub schema: &'a Schema,
    pub pointer: String,
}

/// `#/components/schemas/Foo` → `Foo`, for any component kind.
pub fn component_name(reference: &str) -> Option<&str> {
    let rest = reference.strip_prefix("#/components/")?;
    let (_, name) = rest.split_once('/')?;
    (!name.contains('/')).then_some(name)
}

/// The name hint of the schema a `$ref` leads to: the component's name, and for a schema below a
/// component, the steps to it (`#/components/schemas/Foo/properties/bar` → `FooBar`;
/// `#/components/responses/Conflict/content/application~1json/schema` → `Conflict`, as the
/// response's own `$ref` names it), so
/// that the name is the same whichever operation meets it first.
pub fn reference_hint(reference: &str) -> Option<String> {
    if let Some(name) = component_name(reference) {
        return Some(unescape(name));
    }
    let rest = reference.strip_prefix("#/components/")?;
    let tokens: Vec<String> = rest.split('/').map(unescape).collect();
    let (kind, name, steps) = match tokens.as_slice() {
        [kind, name, steps @ ..] => (kind.as_str(), name.as_str(), steps),
        _ => return None,
    };
    let mut hint = match kind {
        "responses" => name.to_owned(),
        "requestBodies" => format!("{name}Request"),
        "parameters" => format!("{name}Parameter"),
        _ => name.to_owned(),
    };
    let mut index = 0;
    while let Some(token) = steps.get(index) {
        let next = steps.get(index + 1);
        match (token.as_str(), next) {
            ("properties", Some(property)) => {
                hint = crate::naming::hint::property(&hint, property);
                index += 1;
            }
            ("allOf" | "oneOf" | "anyOf", Some(position)) => {
                hint = format!("{hint}Member{position}");
                index += 1;
            }
            ("items", _) => hint = crate::naming::hint::array_item(&hint),
            ("additionalProperties", _) => hint = crate::naming::hint::map_value(&hint),
            // `content/<media>/schema` and `schema` only lead to the schema.
            ("content", Some(_)) => index += 1,
            _ => {}
        }
        index += 1;
    }
    Some(hint)
}

/// The component schema a pointer is the root of, if it is one.
pub fn component_of_pointer(pointer: &str) -> Option<&str> {
    let name = pointer.strip_prefix("#/components/schemas/")?;
    (!name.contains('/')).then_some(name)
}

pub fn reference_of(r: &ReferenceOr<Schema>) -> Option<&str> {
    match r {
        ReferenceOr::Reference { reference } => Some(reference),
        ReferenceOr::Item(_) => None,
    }
}

/// Decodes one JSON-pointer token of a `$ref`'s fragment: its `%XX` escapes (a URI fragment:
/// `Thing%20Item`), then `~1` and `~0` (RFC 6901).
pub fn unescape(token: &str) -> String {
    percent_decoded(token).replace("~1", "/").replace("~0", "~")
}

/// `token` with each `%XX` escape decoded; a `%` not followed by two hex digits, or escapes that
/// do not decode to UTF-8, are kept as written.
fn percent_decoded(token: &str) -> std::borrow::Cow<'_, str> {
    if !token.contains('%') {
        return std::borrow::Cow::Borrowed(token);
    }
    let bytes = token.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let hex = |offset: usize| bytes.get(index + offset).and_then(|b| (*b as char).to_digit(16));
        match (byte, hex(1), hex(2)) {
            (b'%', Some(high), Some(low)) => {
                // Two hex digits are below 256.
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'%'));
                index += 3;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(decoded) => std::borrow::Cow::Owned(decoded),
        Err(_) => std::borrow::Cow::Borrowed(token),
    }
}

/// Splits `#/components/<kind>/<name>` into the kind and the unescaped name.
fn split_reference<'r>(reference: &'r str, expected_kind: &str, at: &str) -> Result<(&'r str, String)> {
    if !reference.starts_with('#') {
        return Err(crate::load::external_ref(at, reference));
    }
    let unknown = || {
        Diagnostic::spec(
            at,
            format!(
                "unsupported $ref `{reference}`: only local references of the form `#/components/{expected_kind}/<name>` are resolved"
            ),
        )
    };
    let rest = reference.strip_prefix("#/components/").ok_or_else(unknown)?;
    let (kind, name) = rest.split_once('/').ok_or_else(unknown)?;
    if kind != expected_kind || name.contains('/') || name.is_empty() {
        return Err(unknown());
    }
    Ok((kind, unescape(name)))
}

fn dangling(reference: &str, at: &str) -> Diagnostic {
    Diagnostic::spec(
        at,
        format!("$ref `{reference}` points at nothing: no such component in the document"),
    )
}

/// The pointer a local `$ref` names, spelled as the generator spells pointers: its `%XX`
/// escapes decoded (`#/components/schemas/Thing%20Item` is `…/Thing Item`), so that one schema
/// reached by two spellings is one type.
fn canonical(reference: &str) -> String {
    if !reference.contains('%') {
        return reference.to_owned();
    }
    let Some(rest) = reference.strip_prefix("#/") else {
        return reference.to_owned();
    };
    rest.split('/').fold(String::from("#"), |pointer, token| {
        crate::diagnostic::pointer_join(&pointer, &unescape(token))
    })
}

/// Follows `$ref`s from `reference` until a schema; a chain that comes back on itself is an error.
pub fn resolve_schema<'a>(doc: &'a OpenAPI, reference: &'a str, at: &str) -> Result<Target<'a>> {
    let schemas = doc.components.as_ref().map(|c| &c.schemas);
    let mut current = reference;
    let mut visited: Vec<&str> = Vec::new();
    loop {
        if visited.contains(&current) {
            return Err(Diagnostic::spec(
                at,
                format!("$ref cycle: {} → {current}", visited.join(" → ")),
            ));
        }
        visited.push(current);
        if !current.starts_with('#') {
            return Err(crate::load::external_ref(at, current));
        }
        if component_name(current).is_none() || !current.starts_with("#/components/schemas/") {
            // A schema below a component (`#/components/responses/Conflict/content/…/schema`,
            // `#/components/schemas/Foo/properties/bar`): walked to, token by token.
            match below_component(doc, current, at, visited.len())? {
                BelowComponent::Schema(schema) => {
                    return Ok(Target {
                        schema,
                        pointer: canonical(current),
                    });
                }
                BelowComponent::Reference(next) => {
                    current = next;
                    continue;
                }
            }
        }
        let (_, name) = split_reference(current, "schemas", at)?;
        let found = schemas
            .and_then(|s| s.get(&name))
            .ok_or_else(|| dangling(current, at))?;
        match found {
            ReferenceOr::Item(schema) => {
                return Ok(Target {
                    schema,
                    pointer: canonical(current),
                });
            }
            ReferenceOr::Reference { reference } => current = reference,
        }
    }
}

/// Where a pointer below a component led: a schema, or a `$ref` to follow.
enum BelowComponent<'a> {
    Schema(&'a Schema),
    Reference(&'a str),
}

/// Walks `reference` (`#/components/<kind>/<name>/…`) through the typed document to a schema.
fn below_component<'a>(doc: &'a OpenAPI, reference: &'a str, at: &str, depth: usize) -> Result<BelowComponent<'a>> {
    let unsupported = || {
        // `#name` is an anchor (3.1), which the load resolves where one schema declares it.
        let anchor = reference
            .strip_prefix('#')
            .filter(|name| !name.is_empty() && !name.starts_with('/'));
        let message = match anchor {
            Some(name) => format!(
                "$ref `{reference}` names an anchor no schema declares (`$anchor: {name}`), or that two schema \
                 resources declare; declare it on one schema, or refer to the schema by its JSON pointer"
            ),
            None => format!(
                "unsupported $ref `{reference}`: a schema reference must lead to a schema under `#/components` \
                 (a component schema, or a schema inside a component)"
            ),
        };
        Diagnostic::spec(at, message)
    };
    if depth > 16 {
        return Err(Diagnostic::spec(
            at,
            format!("$ref chain through `{reference}` longer than 16 steps"),
        ));
    }
    let missing = || dangling(reference, at);
    if let Some(rest) = reference.strip_prefix("#/paths/") {
        let tokens: Vec<String> = rest.split('/').map(unescape).collect();
        let (start, inside) = in_operation(doc, &tokens).ok_or_else(missing)?;
        return walk(doc, Node::Plain(start), inside, at, &missing);
    }
    let rest = reference.strip_prefix("#/components/").ok_or_else(unsupported)?;
    let tokens: Vec<String> = rest.split('/').map(unescape).collect();
    let components = doc.components.as_ref().ok_or_else(|| dangling(reference, at))?;
    let (kind, name, rest) = match tokens.as_slice() {
        [kind, name, rest @ ..] => (kind.as_str(), name.as_str(), rest),
        _ => return Err(unsupported()),
    };
    // The schema the component holds, and the tokens left to walk inside it.
    let (start, inside): (&'a ReferenceOr<Schema>, &[String]) = match kind {
        "schemas" => (components.schemas.get(name).ok_or_else(missing)?, rest),
        "responses" => match components.responses.get(name).ok_or_else(missing)? {
            ReferenceOr::Item(response) => match rest {
                [content, media, schema, inside @ ..] if content == "content" && schema == "schema" => {
                    let media = response.content.get(media).ok_or_else(missing)?;
                    (media.schema.as_ref().ok_or_else(missing)?, inside)
                }
                _ => return Err(unsupported()),
            },
            ReferenceOr::Reference { .. } => return Err(unsupported()),
        },
        "requestBodies" => match components.request_bodies.get(name).ok_or_else(missing)? {
            ReferenceOr::Item(body) => match rest {
                [content, media, schema, inside @ ..] if content == "content" && schema == "schema" => {
                    let media = body.content.get(media).ok_or_else(missing)?;
                    (media.schema.as_ref().ok_or_else(missing)?, inside)
                }
                _ => return Err(unsupported()),
            },
            ReferenceOr::Reference { .. } => return Err(unsupported()),
        },
        "parameters" => match components.parameters.get(name).ok_or_else(missing)? {
            ReferenceOr::Item(parameter) => match (&parameter.parameter_data_ref().format, rest) {
                (openapiv3::ParameterSchemaOrContent::Schema(schema), [first, inside @ ..]) if first == "schema" => {
                    (schema, inside)
                }
                _ => return Err(unsupported()),
            },
            ReferenceOr::Reference { .. } => return Err(unsupported()),
        },
        _ => return Err(unsupported()),
    };
    walk(doc, Node::Plain(start), inside, at, &missing)
}

/// The schema of an operation's body, response or parameter that `#/paths/<path>/<method>/…`
/// names (written out, not a `$ref`), and the tokens left to walk inside it.
fn in_operation<'a, 't>(doc: &'a OpenAPI, tokens: &'t [String]) -> Option<(&'a ReferenceOr<Schema>, &'t [String])> {
    let [path, method, rest @ ..] = tokens else { return None };
    let ReferenceOr::Item(item) = doc.paths.paths.get(path)? else {
        return None;
    };
    let (_, operation) = super::select::operations(item).find(|(m, _)| m == method)?;
    let media_schema = |content: &'a indexmap::IndexMap<String, openapiv3::MediaType>, media: &str| {
        content.get(media)?.schema.as_ref()
    };
    match rest {
        [body, content, media, schema, inside @ ..]
            if body == "requestBody" && content == "content" && schema == "schema" =>
        {
            let ReferenceOr::Item(body) = operation.request_body.as_ref()? else {
                return None;
            };
            Some((media_schema(&body.content, media)?, inside))
        }
        [responses, code, content, media, schema, inside @ ..]
            if responses == "responses" && content == "content" && schema == "schema" =>
        {
            let response = match code.as_str() {
                "default" => operation.responses.default.as_ref()?,
                code => operation
                    .responses
                    .responses
                    .iter()
                    .find(|(status, _)| status.to_string() == code)
                    .map(|(_, response)| response)?,
            };
            let ReferenceOr::Item(response) = response else {
                return None;
            };
            Some((media_schema(&response.content, media)?, inside))
        }
        _ => None,
    }
}

/// Walks `inside` (schema keywords and names) from `node`, through `$ref`s on the way.
fn walk<'a>(
    doc: &'a OpenAPI,
    mut node: Node<'a>,
    inside: &[String],
    at: &str,
    missing: &dyn Fn() -> Diagnostic,
) -> Result<BelowComponent<'a>> {
    let mut index = 0;
    while let Some(token) = inside.get(index) {
        let schema = match node.reference() {
            // A `$ref` on the way: the rest of the pointer goes through the schema it names.
            Some(through) => resolve_schema(doc, through, at)?.schema,
            None => node.schema().ok_or_else(missing)?,
        };
        let next = inside.get(index + 1).map(String::as_str);
        let (child, used) = schema_child(schema, token, next).ok_or_else(missing)?;
        node = child;
        index += used;
    }
    Ok(match node.reference() {
        Some(next) => BelowComponent::Reference(next),
        None => BelowComponent::Schema(node.schema().ok_or_else(missing)?),
    })
}

/// A schema, or a `$ref` to one, as `openapiv3` holds it in each place.
#[derive(Clone, Copy)]
enum Node<'a> {
    Plain(&'a ReferenceOr<Schema>),
    Boxed(&'a ReferenceOr<Box<Schema>>),
}

impl<'a> Node<'a> {
    fn schema(self) -> Option<&'a Schema> {
        match self {
            Node::Plain(ReferenceOr::Item(schema)) => Some(schema),
            Node::Boxed(ReferenceOr::Item(schema)) => Some(schema),
            _ => None,
        }
    }

    fn reference(self) -> Option<&'a str> {
        match self {
            Node::Plain(ReferenceOr::Reference { reference }) | Node::Boxed(ReferenceOr::Reference { reference }) => {
                Some(reference)
            }
            _ => None,
        }
    }
}

/// One step into a schema (`properties`/name, `items`, `additionalProperties`, `allOf`/`oneOf`/
/// `anyOf`/index, `not`): the child, and how many tokens the step used.
fn schema_child<'a>(schema: &'a Schema, token: &str, next: Option<&str>) -> Option<(Node<'a>, usize)> {
    use openapiv3::{AdditionalProperties, SchemaKind, Type};
    let kind = &schema.schema_kind;
    let index = || next.and_then(|n| n.parse::<usize>().ok());
    match (token, kind) {
        ("properties", SchemaKind::Type(Type::Object(o))) => Some((Node::Boxed(o.properties.get(next?)?), 2)),
        ("properties", SchemaKind::Any(any)) => Some((Node::Boxed(any.properties.get(next?)?), 2)),
        ("items", SchemaKind::Type(Type::Array(a))) => Some((Node::Boxed(a.items.as_ref()?), 1)),
        ("items", SchemaKind::Any(any)) => Some((Node::Boxed(any.items.as_ref()?), 1)),
        ("additionalProperties", _) => {
            let additional = match kind {
                SchemaKind::Type(Type::Object(o)) => o.additional_properties.as_ref(),
                SchemaKind::Any(any) => any.additional_properties.as_ref(),
                _ => None,
            };
            match additional? {
                AdditionalProperties::Schema(schema) => Some((Node::Plain(schema), 1)),
                AdditionalProperties::Any(_) => None,
            }
        }
        ("allOf", SchemaKind::AllOf { all_of: members })
        | ("oneOf", SchemaKind::OneOf { one_of: members })
        | ("anyOf", SchemaKind::AnyOf { any_of: members }) => Some((Node::Plain(members.get(index()?)?), 2)),
        ("allOf", SchemaKind::Any(any)) => Some((Node::Plain(any.all_of.get(index()?)?), 2)),
        ("oneOf", SchemaKind::Any(any)) => Some((Node::Plain(any.one_of.get(index()?)?), 2)),
        ("anyOf", SchemaKind::Any(any)) => Some((Node::Plain(any.any_of.get(index()?)?), 2)),
        ("not", SchemaKind::Not { not }) => Some((Node::Plain(not), 1)),
        _ => None,
    }
}

macro_rules! resolver {
    ($fn_name:ident, $ty:ty, $field:ident, $kind:literal) => {
        /// Resolves an item that may be a `$ref` to a component; returns it with its pointer.
        pub fn $fn_name<'a>(doc: &'a OpenAPI, item: &'a ReferenceOr<$ty>, at: &str) -> Result<(&'a $ty, String)> {
            let mut current = item;
            let mut pointer = at.to_owned();
            for _ in 0..16 {
                match current {
                    ReferenceOr::Item(found) => return Ok((found, pointer)),
                    ReferenceOr::Reference { reference } => {
                        let (_, name) = split_reference(reference, $kind, &pointer)?;
                        current = doc
                            .components
                            .as_ref()
                            .and_then(|c| c.$field.get(&name))
                            .ok_or_else(|| dangling(reference, &pointer))?;
                        pointer = reference.clone();
                    }
                }
            }
            Err(Diagnostic::spec(
                at,
                "$ref chain longer than 16 steps; is there a cycle?",
            ))
        }
    };
}

resolver!(resolve_response, Response, responses, "responses");
resolver!(resolve_parameter, Parameter, parameters, "parameters");
resolver!(resolve_request_body, RequestBody, request_bodies, "requestBodies");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_one_pointer_however_it_is_escaped() {
        assert_eq!(
            canonical("#/components/schemas/Thing%20Item"),
            "#/components/schemas/Thing Item"
        );
        assert_eq!(
            canonical("#/components/schemas/v1%2FError"),
            "#/components/schemas/v1~1Error"
        );
        assert_eq!(
            canonical("#/components/schemas/v1~1Error"),
            "#/components/schemas/v1~1Error"
        );
    }

    #[test]
    fn pointer_tokens_are_percent_decoded_then_unescaped() {
        assert_eq!(unescape("Thing%20Item"), "Thing Item");
        assert_eq!(unescape("v1~1Error"), "v1/Error");
        assert_eq!(unescape("a%7E1b"), "a/b");
        assert_eq!(unescape("%C3%BCber"), "über");
        // Not escapes: kept as written.
        assert_eq!(unescape("100%"), "100%");
        assert_eq!(unescape("%zz%2"), "%zz%2");
        assert_eq!(unescape("%FF"), "%FF");
    }

    #[test]
    fn component_names() {
        assert_eq!(component_name("#/components/schemas/Foo"), Some("Foo"));
        assert_eq!(component_name("#/components/responses/Bar"), Some("Bar"));
        assert_eq!(component_name("other.json#/Foo"), None);
        assert_eq!(component_of_pointer("#/components/schemas/Foo/properties/x"), None);
        assert_eq!(reference_hint("#/components/schemas/Foo").as_deref(), Some("Foo"));
        assert_eq!(
            reference_hint("#/components/responses/Conflict/content/application~1json/schema").as_deref(),
            Some("Conflict")
        );
        assert_eq!(
            reference_hint("#/components/schemas/Foo/properties/bar_baz/items").as_deref(),
            Some("FooBarBazItem")
        );
        assert_eq!(
            reference_hint("#/components/schemas/Foo/allOf/1").as_deref(),
            Some("FooMember1")
        );
        assert_eq!(reference_hint("#/definitions/Foo"), None);
    }
}
