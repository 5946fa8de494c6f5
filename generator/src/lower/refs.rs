//! `$ref` resolution within one document: only local `#/components/...` references exist for us.

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

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

    pub fn of_boxed(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaView::Ref(reference),
            ReferenceOr::Item(schema) => SchemaView::Inline(schema),
        }
    }
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

/// Decodes one JSON-pointer token (RFC 6901).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
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
        let (_, name) = split_reference(current, "schemas", at)?;
        let found = schemas
            .and_then(|s| s.get(&name))
            .ok_or_else(|| dangling(current, at))?;
        match found {
            ReferenceOr::Item(schema) => {
                return Ok(Target {
                    schema,
                    pointer: current.to_owned(),
                });
            }
            ReferenceOr::Reference { reference } => current = reference,
        }
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
    fn component_names() {
        assert_eq!(component_name("#/components/schemas/Foo"), Some("Foo"));
        assert_eq!(component_name("#/components/responses/Bar"), Some("Bar"));
        assert_eq!(component_name("other.json#/Foo"), None);
        assert_eq!(component_of_pointer("#/components/schemas/Foo/properties/x"), None);
    }
}
