//! Request and response bodies: which media types, which schema, what shape an error body has.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{RequestBody, ResponseBody, TypeDef, TypeKind, TypeRef};
use crate::naming;

use super::refs::{self, SchemaView};
use super::schema::SchemaLowerer;

/// The operation's JSON request body, if it has one.
pub fn lower_request_body<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    request_body: Option<&'a ReferenceOr<openapiv3::RequestBody>>,
    operation_pointer: &str,
    type_prefix: &str,
) -> Result<Option<RequestBody>> {
    Ok(match request_body {
        None => None,
        Some(body) => {
            let at = pointer_join(operation_pointer, "requestBody");
            let (body, at) = refs::resolve_request_body(doc, body, &at)?;
            let content = pointer_join(&at, "content");
            if body.content.is_empty() {
                return Err(Diagnostic::spec(
                    at,
                    "request body lists no `content`; describe it as `application/json`",
                ));
            }
            let Some(media) = body.content.get("application/json") else {
                let found: Vec<&str> = body.content.keys().map(String::as_str).collect();
                return Err(Diagnostic::spec(
                    content,
                    format!("request bodies must be `application/json`; found {}", found.join(", ")),
                ));
            };
            let media_at = pointer_join(&content, "application/json");
            let schema = media
                .schema
                .as_ref()
                .ok_or_else(|| Diagnostic::spec(&media_at, "request body has no `schema`"))?;
            let at = pointer_join(&media_at, "schema");
            Some(
                match schemas
                    .lower(SchemaView::of(schema), &at, &naming::hint::request_body(type_prefix))?
                    .ty
                {
                    TypeRef::Named { name, .. }
                        if matches!(schemas.types.get(&name).map(|t| &t.kind), Some(TypeKind::Struct(_))) =>
                    {
                        RequestBody::Fields { ty: name }
                    }
                    TypeRef::JsonObject => RequestBody::EmptyObject,
                    // `{"properties": {}}` (how the document spells "no arguments") parses as a schema
                    // with nothing in it; as a request body it means an empty object.
                    TypeRef::Json if is_blank_inline(schema) => RequestBody::EmptyObject,
                    ty => RequestBody::Value { ty },
                },
            )
        }
    })
}

fn is_blank_inline(schema: &ReferenceOr<openapiv3::Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => {
            matches!(&s.schema_kind, openapiv3::SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
        }
        ReferenceOr::Reference { .. } => false,
    }
}

pub fn lower_response_body<'a>(
    schemas: &mut SchemaLowerer<'a>,
    content: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
    at: &str,
    hint: &str,
) -> Result<ResponseBody> {
    let content_at = pointer_join(at, "content");
    if content.is_empty() {
        return Ok(ResponseBody::Empty);
    }
    if let Some(media) = content.get("application/json") {
        let at = pointer_join(&pointer_join(&content_at, "application/json"), "schema");
        return Ok(match &media.schema {
            Some(schema) => ResponseBody::Json(schemas.lower(SchemaView::of(schema), &at, hint)?.ty),
            None => ResponseBody::Json(TypeRef::Json),
        });
    }
    if content.contains_key("text/plain") {
        return Ok(ResponseBody::Text);
    }
    let found: Vec<&str> = content.keys().map(String::as_str).collect();
    Err(Diagnostic::spec(
        content_at,
        format!(
            "responses must be `application/json` or `text/plain`; found {}",
            found.join(", ")
        ),
    ))
}

/// Whether an error body has a code to match: a tagged error object, or a union of them.
pub fn is_coded(types: &BTreeMap<String, TypeDef>, body: &ResponseBody) -> bool {
    let ResponseBody::Json(TypeRef::Named { name, .. }) = body else {
        return false;
    };
    match types.get(name).map(|t| &t.kind) {
        Some(TypeKind::TaggedUnion(_)) => true,
        Some(TypeKind::Struct(s)) => s.tag.is_some(),
        _ => false,
    }
}
