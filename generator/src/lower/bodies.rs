//! Request and response bodies: which media type, which schema, what shape an error body has.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{BodyMedia, BodyShape, DocumentedCode, RequestBody, ResponseBody, Scalar, TypeDef, TypeKind, TypeRef};
use crate::naming;

use super::refs::{self, SchemaView};
use super::schema::SchemaLowerer;

/// What a media type is to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Media {
    Json,
    Form,
    Text,
    Bytes,
    Multipart,
}

/// `application/json`, `application/json; charset=utf-8`, `application/vnd.x+json`, `text/json`
/// and `*/*` are JSON; `text/*` is text; `multipart/*` is refused; anything else is bytes.
fn media(content_type: &str) -> Media {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "text/json" | "*/*" | "application/*" => Media::Json,
        "application/x-www-form-urlencoded" => Media::Form,
        e if e.ends_with("+json") => Media::Json,
        e if e.starts_with("multipart/") => Media::Multipart,
        e if e.starts_with("text/") => Media::Text,
        _ => Media::Bytes,
    }
}

/// The media type to use among those the document lists: JSON first, then a form, text, bytes.
fn preferred(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&String, &openapiv3::MediaType, Media)> {
    content
        .iter()
        .map(|(name, media_type)| (name, media_type, media(name)))
        .min_by_key(|(_, _, media)| *media)
}

/// The `Content-Type` to send for a JSON body: the document's, unless it is a wildcard.
fn json_content_type(listed: &str) -> String {
    if listed.contains('*') {
        "application/json".to_owned()
    } else {
        listed.to_owned()
    }
}

/// The operation's request body, if it has one.
pub fn lower_request_body<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    request_body: Option<&'a ReferenceOr<openapiv3::RequestBody>>,
    operation_pointer: &str,
    type_prefix: &str,
) -> Result<Option<RequestBody>> {
    let Some(body) = request_body else {
        return Ok(None);
    };
    let at = pointer_join(operation_pointer, "requestBody");
    let (body, at) = refs::resolve_request_body(doc, body, &at)?;
    let content = pointer_join(&at, "content");
    // `content: {}` names no media type, so there is nothing to send: no body, as the document
    // leaves it (a converter's output, mostly).
    if body.content.is_empty() {
        schemas.warnings.push(Diagnostic::spec(
            &content,
            "the request body lists no media type, so the method sends none; describe it (`application/json`) \
             to send one",
        ));
        return Ok(None);
    }
    let Some((content_type, media_type, kind)) = preferred(&body.content) else {
        return Err(Diagnostic::spec(
            at,
            "request body lists no `content`; describe it as `application/json`",
        ));
    };
    let media_at = pointer_join(&content, content_type);
    let media = match kind {
        Media::Json => BodyMedia::Json,
        Media::Form => BodyMedia::Form,
        Media::Text => BodyMedia::Text,
        Media::Bytes => BodyMedia::Bytes,
        Media::Multipart if content_type.eq_ignore_ascii_case("multipart/form-data") => BodyMedia::Multipart,
        Media::Multipart => {
            return Err(Diagnostic::spec(
                media_at,
                format!(
                    "`{content_type}` request bodies are not supported (`multipart/form-data` is); exclude the \
                     operation (`exclude:` in the config)"
                ),
            ));
        }
    };
    let shape = match media {
        BodyMedia::Text => BodyShape::Value { ty: TypeRef::String },
        BodyMedia::Bytes => BodyShape::Value { ty: TypeRef::Bytes },
        BodyMedia::Json | BodyMedia::Form | BodyMedia::Multipart => {
            let schema = media_type
                .schema
                .as_ref()
                .ok_or_else(|| Diagnostic::spec(&media_at, "request body has no `schema`"))?;
            let at = pointer_join(&media_at, "schema");
            let lowered = schemas.lower(SchemaView::of(schema), &at, &naming::hint::request_body(type_prefix))?;
            let form = matches!(media, BodyMedia::Form | BodyMedia::Multipart);
            let shape = body_shape(doc, schemas, schema, lowered.ty, body.required && !form, form);
            let fields_of_an_object = match &shape {
                BodyShape::Fields { .. } | BodyShape::EmptyObject => true,
                BodyShape::Value { ty } => media == BodyMedia::Form && always_an_object(schemas, ty),
                BodyShape::OptionalObject => false,
            };
            if form && !fields_of_an_object && !files(media, &shape) {
                return Err(Diagnostic::spec(
                    at,
                    format!("a form body (`{content_type}`) must be an object with properties"),
                ));
            }
            shape
        }
    };
    let content_type = match media {
        BodyMedia::Json => json_content_type(content_type),
        BodyMedia::Form => "application/x-www-form-urlencoded".to_owned(),
        // The runtime adds the boundary.
        BodyMedia::Multipart => "multipart/form-data".to_owned(),
        BodyMedia::Text | BodyMedia::Bytes if content_type.contains('*') => "application/octet-stream".to_owned(),
        BodyMedia::Text | BodyMedia::Bytes => content_type.clone(),
    };
    let single_part = files(media, &shape).then(|| naming::SINGLE_FILE_PART.to_owned());
    let deep_form_fields = match media {
        BodyMedia::Form => deep_object_members(media_type),
        _ => Vec::new(),
    };
    Ok(Some(RequestBody {
        shape,
        media,
        content_type,
        single_part,
        deep_form_fields,
    }))
}

/// The members a form body's `encoding` gives `style: deepObject` (Stripe's `metadata`,
/// `items`), in the document's order.
fn deep_object_members(media_type: &openapiv3::MediaType) -> Vec<String> {
    media_type
        .encoding
        .iter()
        .filter(|(_, encoding)| matches!(encoding.style, Some(openapiv3::QueryStyle::DeepObject)))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Whether every value of `ty` is a JSON object, so that its members can be a form's fields: a
/// map, or a union of objects (OAuth's token request: `oneOf` one object per grant type).
fn always_an_object(schemas: &SchemaLowerer<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) | TypeRef::JsonObject => true,
        TypeRef::Named { name, .. } => match schemas.types.get(name).map(|t| &t.kind) {
            Some(TypeKind::Struct(_) | TypeKind::TaggedUnion(_) | TypeKind::OneMember(_)) => true,
            Some(TypeKind::UntaggedUnion(union)) => union
                .variants
                .iter()
                .all(|variant| variant.literal.is_none() && always_an_object(schemas, &variant.ty)),
            _ => false,
        },
        _ => false,
    }
}

/// A `multipart/form-data` body that is a file (`type: string, format: binary`) or a list of
/// them, not an object: sent as one part (one per file).
fn files(media: BodyMedia, shape: &BodyShape) -> bool {
    let file = TypeRef::Scalar(Scalar::File);
    media == BodyMedia::Multipart
        && matches!(shape, BodyShape::Value { ty } if *ty == file || *ty == TypeRef::Array(Box::new(file.clone())))
}

/// What the method takes for a body of type `ty`. A body the document leaves open (`{}`, or an
/// object with no properties that allows others) is the caller's to give when the body is
/// `required` (a property's value, a patch); an optional open JSON object is an option of the
/// method, sent as `{}` when unset; a form's, and one that allows no members at all, is sent as
/// `{}` and takes no argument.
fn body_shape(
    doc: &OpenAPI,
    schemas: &SchemaLowerer<'_>,
    schema: &ReferenceOr<openapiv3::Schema>,
    ty: TypeRef,
    required: bool,
    form: bool,
) -> BodyShape {
    match ty {
        TypeRef::JsonObject | TypeRef::Json if required && !allows_no_members(doc, schema) => BodyShape::Value { ty },
        TypeRef::Named { name, .. } if let Some(TypeKind::Struct(s)) = schemas.types.get(&name).map(|t| &t.kind) => {
            BodyShape::Fields {
                tag: s.tag.clone(),
                ty: name,
            }
        }
        TypeRef::JsonObject if !form && !allows_no_members(doc, schema) => BodyShape::OptionalObject,
        TypeRef::JsonObject => BodyShape::EmptyObject,
        // `{"properties": {}}` (how the document spells "no arguments") parses as a schema with
        // nothing in it; as a request body it means an empty object.
        TypeRef::Json if is_blank_inline(schema) => BodyShape::EmptyObject,
        ty => BodyShape::Value { ty },
    }
}

/// `additionalProperties: false` with no properties: the only value is `{}`.
fn allows_no_members(doc: &OpenAPI, schema: &ReferenceOr<openapiv3::Schema>) -> bool {
    let Some(schema) = refs::schema_of(doc, SchemaView::of(schema)) else {
        return false;
    };
    let additional = match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) => object.additional_properties.as_ref(),
        openapiv3::SchemaKind::Any(any) => any.additional_properties.as_ref(),
        _ => None,
    };
    matches!(additional, Some(openapiv3::AdditionalProperties::Any(false)))
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
    let Some((content_type, media_type, kind)) = preferred(content) else {
        return Ok(ResponseBody::Empty);
    };
    Ok(match kind {
        // `*/*` with no shape, or a binary string, is a download of whatever the server has:
        // its bytes, not JSON.
        Media::Json if content_type.contains('*') && says_nothing_or_binary(media_type.schema.as_ref()) => {
            ResponseBody::Bytes
        }
        Media::Json => {
            let at = pointer_join(&pointer_join(&pointer_join(at, "content"), content_type), "schema");
            match &media_type.schema {
                Some(schema) => match schemas.lower(SchemaView::of(schema), &at, hint)?.held() {
                    // A binary string (`format: binary`) under a JSON media type is a file the
                    // document mislabels: its bytes, as they came.
                    TypeRef::Scalar(crate::ir::Scalar::File) => ResponseBody::Bytes,
                    ty => ResponseBody::Json(ty),
                },
                None => ResponseBody::Json(TypeRef::Json),
            }
        }
        Media::Text => ResponseBody::Text,
        // A form or a multipart response is rare; its bytes are handed over as they came.
        Media::Form | Media::Bytes | Media::Multipart => ResponseBody::Bytes,
    })
}

fn says_nothing_or_binary(schema: Option<&ReferenceOr<openapiv3::Schema>>) -> bool {
    let Some(schema) = schema else {
        return true;
    };
    if is_blank_inline(schema) {
        return true;
    }
    matches!(
        schema,
        ReferenceOr::Item(openapiv3::Schema {
            schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(openapiv3::StringType {
                format: openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary),
                ..
            })),
            ..
        })
    )
}

/// Whether an error body has a code to match: a tagged error object, or a union of them.
/// The code a body documents when it is one tagged error object (not a union of them).
pub fn documented_code(types: &BTreeMap<String, TypeDef>, body: &ResponseBody) -> Option<DocumentedCode> {
    let ResponseBody::Json(TypeRef::Named { name, .. }) = body else {
        return None;
    };
    let TypeKind::Struct(s) = &types.get(name)?.kind else {
        return None;
    };
    let tag = s.tag.as_ref()?;
    let description = s
        .description_field
        .as_ref()
        .and_then(|field| s.fields.iter().find(|f| &f.name == field))
        .map(|f| f.wire_name.clone());
    Some(DocumentedCode {
        property: tag.property.clone(),
        value: tag.value.clone(),
        description,
    })
}

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
