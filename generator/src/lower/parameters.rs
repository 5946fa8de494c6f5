//! Query, path, header and cookie parameters: their types, the path template, and rows of array-of-object
//! columns.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, QueryStyle};

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{ParameterLocation, SecretReason, Structured, TypeDef, TypeKind, TypeRef};
use crate::naming;

use super::refs::{self, SchemaView};
use super::schema::SchemaLowerer;
use super::secrets;
use super::select::SelectedOperation;

/// Header parameters the client sets itself: a document that declares them describes the client's
/// job, not an input.
const CLIENT_HEADERS: &[&str] = &["accept", "authorization", "content-type"];

pub fn lower_parameters<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    op: &SelectedOperation<'a>,
    type_prefix: &str,
    lookup_suffix: Option<&str>,
) -> Result<Vec<crate::ir::Parameter>> {
    let mut out = Vec::new();
    for (parameter, at) in resolve(doc, op)? {
        let data = parameter.parameter_data_ref();
        let location = match parameter {
            Parameter::Query { .. } => ParameterLocation::Query,
            Parameter::Path { .. } => ParameterLocation::Path,
            Parameter::Header { .. } if CLIENT_HEADERS.contains(&data.name.to_ascii_lowercase().as_str()) => continue,
            Parameter::Header { .. } => ParameterLocation::Header,
            Parameter::Cookie { .. } => ParameterLocation::Cookie,
        };
        // A path parameter the path has no place for cannot be sent: the path says what the
        // server reads, so the parameter is left out, with a warning, rather than the operation.
        if location == ParameterLocation::Path && !in_path(op.path, &data.name) {
            schemas.warnings.push(Diagnostic::spec(
                &at,
                format!(
                    "path parameter `{}` does not appear in the path `{}`: it is left out (it has nowhere to go)",
                    data.name, op.path
                ),
            ));
            continue;
        }
        // Two parameters with one Rust name are told apart with the other inputs (`signature.rs`).
        out.push(lower_parameter(schemas, parameter, location, &at, type_prefix)?);
    }
    mark_reserved(op.path, &mut out);
    let undeclared = undeclared_path_parameters(op.path, &out, &op.pointer, &mut schemas.warnings);
    out.splice(0..0, undeclared);
    if let Some(suffix) = lookup_suffix {
        out = group_lookups(schemas, out, suffix)?;
    }
    group_rows(schemas, out)
}

/// Columns of one array of objects (`annotations[][key]`, `annotations[][value]`) become one
/// parameter of that array's type when a component schema has exactly those properties
/// (`Vec<KeyValue>`, as in request bodies), sent row by row so that the server pairs them.
fn group_rows<'a>(
    schemas: &mut SchemaLowerer<'a>,
    parameters: Vec<crate::ir::Parameter>,
) -> Result<Vec<crate::ir::Parameter>> {
    let mut decided: Vec<(String, bool)> = Vec::new();
    let mut out = Vec::with_capacity(parameters.len());
    for parameter in &parameters {
        let Some(group) = parameter.row_group.as_deref().filter(|_| !parameter.required) else {
            out.push(parameter.clone());
            continue;
        };
        if let Some((_, grouped)) = decided.iter().find(|(g, _)| g == group) {
            if !grouped {
                out.push(parameter.clone());
            }
            continue;
        }
        let columns: Vec<&str> = parameters
            .iter()
            .filter(|p| p.row_group.as_deref() == Some(group))
            .filter_map(|p| p.wire_name.strip_prefix(group)?.strip_prefix('[')?.strip_suffix(']'))
            .collect();
        let all_optional = parameters
            .iter()
            .filter(|p| p.row_group.as_deref() == Some(group))
            .all(|p| !p.required);
        let row_schema = all_optional.then(|| row_schema(schemas.doc, &columns)).flatten();
        match row_schema {
            Some((component, schema)) => {
                let pointer = pointer_join("#/components/schemas", &component);
                let lowered = schemas.lower(SchemaView::Inline(schema), &pointer, &component)?;
                out.push(crate::ir::Parameter {
                    name: naming::value_name(group),
                    wire_name: group.to_owned(),
                    docs: parameter.docs.clone(),
                    ty: TypeRef::Array(Box::new(lowered.ty)),
                    required: false,
                    default: None,
                    secret: None,
                    row_group: None,
                    location: ParameterLocation::Query,
                    structured: Some(Structured::Rows {
                        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
                    }),
                    reserved: false,
                    pointer: parameter.pointer.clone(),
                });
                decided.push((group.to_owned(), true));
            }
            None => {
                out.push(parameter.clone());
                decided.push((group.to_owned(), false));
            }
        }
    }
    Ok(out)
}

/// The first component schema (in document order) whose properties are exactly `columns`.
fn row_schema<'a>(doc: &'a OpenAPI, columns: &[&str]) -> Option<(String, &'a openapiv3::Schema)> {
    let components = &doc.components.as_ref()?.schemas;
    components.iter().find_map(|(name, schema)| {
        let schema = schema.as_item()?;
        let properties = match &schema.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Object(o)) => &o.properties,
            _ => return None,
        };
        let exact = properties.len() == columns.len() && columns.iter().all(|c| properties.contains_key(*c));
        exact.then(|| (name.to_owned(), schema))
    })
}

/// Query parameters that spell a lookup object (`organization[id]`, `organization[sub_domain]`,
/// for a component schema `OrganizationLookup` with those properties) become one parameter of
/// that type, sent as `deepObject` (`organization[id]=…`): the same type the request bodies use.
fn group_lookups<'a>(
    schemas: &mut SchemaLowerer<'a>,
    parameters: Vec<crate::ir::Parameter>,
    suffix: &str,
) -> Result<Vec<crate::ir::Parameter>> {
    // The lookup each prefix becomes, decided at its first member (`None`: no such schema).
    let mut lookups: Vec<(String, Option<crate::ir::Parameter>)> = Vec::new();
    let mut out = Vec::with_capacity(parameters.len());
    for parameter in &parameters {
        let Some((prefix, _)) = lookup_member(parameter) else {
            out.push(parameter.clone());
            continue;
        };
        if let Some((_, lookup)) = lookups.iter().find(|(p, _)| p == prefix) {
            if lookup.is_none() {
                out.push(parameter.clone());
            }
            continue;
        }
        let members: Vec<&str> = parameters
            .iter()
            .filter_map(|p| {
                lookup_member(p)
                    .filter(|(pre, _)| *pre == prefix)
                    .map(|(_, field)| field)
            })
            .collect();
        let lookup = match lookup_schema(schemas, prefix, suffix, &members) {
            Some((component, schema)) => {
                let pointer = pointer_join("#/components/schemas", &component);
                let lowered = schemas.lower(SchemaView::Inline(schema), &pointer, &component)?;
                Some(crate::ir::Parameter {
                    name: naming::value_name(prefix),
                    wire_name: prefix.to_owned(),
                    docs: lowered.description.or_else(|| parameter.docs.clone()),
                    ty: lowered.ty,
                    required: false,
                    default: None,
                    secret: None,
                    row_group: None,
                    location: ParameterLocation::Query,
                    structured: Some(Structured::DeepObject),
                    reserved: false,
                    pointer: parameter.pointer.clone(),
                })
            }
            None => None,
        };
        match &lookup {
            Some(lookup) => out.push(lookup.clone()),
            None => out.push(parameter.clone()),
        }
        lookups.push((prefix.to_owned(), lookup));
    }
    Ok(out)
}

/// `organization[sub_domain]` → (`organization`, `sub_domain`), for an optional plain query parameter.
fn lookup_member(parameter: &crate::ir::Parameter) -> Option<(&str, &str)> {
    if parameter.location != ParameterLocation::Query || parameter.required || parameter.structured.is_some() {
        return None;
    }
    let (prefix, rest) = parameter.wire_name.split_once('[')?;
    let field = rest.strip_suffix(']')?;
    let plain = |s: &str| !s.is_empty() && !s.contains(['[', ']']);
    (plain(prefix) && plain(field)).then_some((prefix, field))
}

/// The component schema `<Prefix><suffix>` whose properties include every member, if any.
fn lookup_schema<'a>(
    schemas: &SchemaLowerer<'a>,
    prefix: &str,
    suffix: &str,
    members: &[&str],
) -> Option<(String, &'a openapiv3::Schema)> {
    let wanted = format!("{}{suffix}", naming::type_name(prefix));
    let (name, schema) = schemas.component_by_plain_name(&wanted)?;
    let schema = schema.as_item()?;
    let properties = match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::Object(o)) => &o.properties,
        openapiv3::SchemaKind::Any(any) => &any.properties,
        _ => return None,
    };
    members
        .iter()
        .all(|m| properties.contains_key(*m))
        .then(|| (name.to_owned(), schema))
}

/// Whether the path has a place for the parameter `name` (`{name}`, or `{+name}`).
fn in_path(path: &str, name: &str) -> bool {
    let bare = name.trim_start_matches('+');
    [format!("{{{bare}}}"), format!("{{+{bare}}}")]
        .iter()
        .any(|spelled| path.contains(spelled))
}

/// The operation's parameters with `$ref`s resolved: path-level ones first, and operation-level
/// ones overriding those of the same name and location.
fn resolve<'a>(doc: &'a OpenAPI, op: &SelectedOperation<'a>) -> Result<Vec<(&'a Parameter, String)>> {
    let mut resolved: Vec<(&Parameter, String)> = Vec::new();
    let at = |base: &str, i: usize| pointer_join(&pointer_join(base, "parameters"), &i.to_string());
    let path_level = op
        .path_item
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, at(&op.path_pointer, i)));
    let op_level = op
        .operation
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, at(&op.pointer, i)));
    for (parameter, at) in path_level.chain(op_level) {
        let (parameter, at) = refs::resolve_parameter(doc, parameter, &at)?;
        let same = |(p, _): &(&Parameter, String)| {
            p.parameter_data_ref().name == parameter.parameter_data_ref().name
                && std::mem::discriminant(*p) == std::mem::discriminant(parameter)
        };
        resolved.retain(|r| !same(r));
        resolved.push((parameter, at));
    }
    Ok(resolved)
}

fn lower_parameter<'a>(
    schemas: &mut SchemaLowerer<'a>,
    parameter: &'a Parameter,
    location: ParameterLocation,
    at: &str,
    type_prefix: &str,
) -> Result<crate::ir::Parameter> {
    let data = parameter.parameter_data_ref();
    let (schema, schema_at, json) = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => (schema, pointer_join(at, "schema"), false),
        ParameterSchemaOrContent::Content(content) => {
            // `content` describes a value sent as one serialized text; JSON is the only one used.
            let json = content.iter().find(|(media, _)| media.contains("json"));
            let Some((media, schema)) = json.and_then(|(media, m)| m.schema.as_ref().map(|s| (media, s))) else {
                return Err(Diagnostic::spec(
                    pointer_join(at, "content"),
                    "a parameter described by `content` must give an `application/json` schema",
                ));
            };
            let schema_at = pointer_join(&pointer_join(&pointer_join(at, "content"), media), "schema");
            (schema, schema_at, true)
        }
    };
    let hint = naming::hint::parameter(type_prefix, &data.name);
    let mut lowered = schemas.lower(SchemaView::of(schema), &schema_at, &hint)?;
    // A file is a body's; a `format: binary` parameter (or item of one) is its text, as sent.
    lowered.ty = files_as_text(lowered.ty);
    if contains_bytes(&lowered.ty) {
        return Err(Diagnostic::spec(
            schema_at,
            "a binary parameter cannot be sent; exclude the operation",
        ));
    }
    let structured = if json {
        Some(Structured::Json)
    } else {
        structured(parameter, location, plain(&schemas.types, &lowered.ty), &lowered.ty)
    };
    let row_group = match &lowered.ty {
        TypeRef::Array(_) if location == ParameterLocation::Query && structured.is_none() => row_group(&data.name),
        _ => None,
    };
    // A plain string parameter can be a key (`api_key` in a query): kept secret like a field.
    let secret = (lowered.ty == TypeRef::String && structured.is_none())
        .then(|| {
            secrets::marked_secret(schemas.doc, SchemaView::of(schema))
                .or_else(|| secrets::secret_by_name(&data.name).then_some(SecretReason::Name))
        })
        .flatten();
    Ok(crate::ir::Parameter {
        name: naming::value_name(&data.name),
        wire_name: data.name.clone(),
        docs: data.description.clone().or(lowered.description),
        secret,
        ty: lowered.ty,
        required: data.required || location == ParameterLocation::Path,
        default: schema
            .as_item()
            .and_then(|s| s.schema_data.default.as_ref())
            .map(|d| d.to_string()),
        row_group,
        location,
        structured,
        reserved: false,
        pointer: at.to_owned(),
    })
}

/// How a parameter that is not a plain value is encoded; `None` for a plain one sent as text.
fn structured(parameter: &Parameter, location: ParameterLocation, is_plain: bool, ty: &TypeRef) -> Option<Structured> {
    let explode = parameter.parameter_data_ref().explode;
    match parameter {
        Parameter::Query { style, .. } => match style {
            QueryStyle::DeepObject => Some(Structured::DeepObject),
            QueryStyle::Form if explode == Some(false) && (!is_plain || matches!(ty, TypeRef::Array(_))) => {
                Some(Structured::FormFlat)
            }
            QueryStyle::Form if is_plain => None,
            QueryStyle::Form => Some(Structured::Form),
            // Exploded, they are form's (`a=1&a=2`, `R=1&G=2`); a scalar is itself.
            QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited if explode == Some(true) => {
                (!is_plain).then_some(Structured::Form)
            }
            QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited if is_plain && !matches!(ty, TypeRef::Array(_)) => {
                None
            }
            // Unexploded (their default), an array's items, or an object's names and values,
            // are joined by the delimiter (`1|2`, `R|1|G|2`).
            QueryStyle::PipeDelimited => Some(Structured::PipeDelimited),
            QueryStyle::SpaceDelimited => Some(Structured::SpaceDelimited),
        },
        // Any value, a plain one too, has the style's prefix (`.`, `;id=`).
        Parameter::Path {
            style: openapiv3::PathStyle::Label,
            ..
        } => Some(Structured::Label {
            explode: explode == Some(true),
        }),
        Parameter::Path {
            style: openapiv3::PathStyle::Matrix,
            ..
        } => Some(Structured::Matrix {
            explode: explode == Some(true),
        }),
        _ if is_plain && !matches!(ty, TypeRef::Array(_)) => None,
        // Arrays in headers are joined by the emitter; in a path, and objects anywhere, by serde.
        _ if is_plain && matches!(location, ParameterLocation::Header | ParameterLocation::Cookie) => None,
        _ => Some(Structured::FormFlat),
    }
}

/// `ty` with every file in it (`format: binary`) read as the text it is in a parameter.
fn files_as_text(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Scalar(crate::ir::Scalar::File) => TypeRef::String,
        TypeRef::Array(inner) => TypeRef::Array(Box::new(files_as_text(*inner))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(files_as_text(*inner))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(files_as_text(*inner))),
        other => other,
    }
}

fn contains_bytes(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bytes => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => contains_bytes(inner),
        _ => false,
    }
}

/// `annotations[][key]` → `annotations[]`: the array of objects a column parameter belongs to.
fn row_group(wire_name: &str) -> Option<String> {
    let open = wire_name.rfind("[]")?;
    let rest = &wire_name[open + 2..];
    let member = rest.strip_prefix('[')?.strip_suffix(']')?;
    (open > 0 && !member.is_empty() && !member.contains(['[', ']'])).then(|| wire_name[..open + 2].to_owned())
}

/// The parameter a path's `{placeholder}` names, and whether it is a reserved expansion
/// (`{+name}`, RFC 6570: the value keeps its `/`s).
fn placeholder_name(placeholder: &str) -> (&str, bool) {
    match placeholder.strip_prefix('+') {
        Some(name) => (name, true),
        None => (placeholder, false),
    }
}

/// A path parameter declared as `name` (or `+name`, as some converters write it) for a path
/// that spells it `{+name}`: named `name` on the wire, and sent with its `/`s.
fn mark_reserved(path: &str, parameters: &mut [crate::ir::Parameter]) {
    for parameter in parameters.iter_mut().filter(|p| p.location == ParameterLocation::Path) {
        let bare = parameter.wire_name.trim_start_matches('+');
        if path.contains(&format!("{{+{bare}}}")) {
            parameter.wire_name = bare.to_owned();
            parameter.reserved = true;
        }
    }
}

/// The names in the path's `{…}`, in order (unbalanced braces are [`check_path_template`]'s to
/// report).
fn template_names(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        names.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    names
}

/// `{id}` in the path without a path parameter of that name (documents often declare it on one
/// operation of the path and not on its siblings): the path says it is there, so it is a
/// required string, with a warning, rather than the operation lost.
fn undeclared_path_parameters(
    path: &str,
    declared: &[crate::ir::Parameter],
    at: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<crate::ir::Parameter> {
    let mut added: Vec<crate::ir::Parameter> = Vec::new();
    for placeholder in template_names(path) {
        let (name, reserved) = placeholder_name(placeholder);
        let known = |p: &crate::ir::Parameter| p.location == ParameterLocation::Path && p.wire_name == name;
        if name.is_empty() || declared.iter().any(known) || added.iter().any(known) {
            continue;
        }
        warnings.push(Diagnostic::spec(
            at,
            format!(
                "the path `{path}` uses `{{{placeholder}}}` but declares no path parameter `{name}`: it is taken as a \
                 required string (declare it under `parameters` to give it a type)"
            ),
        ));
        added.push(crate::ir::Parameter {
            name: naming::value_name(name),
            wire_name: name.to_owned(),
            docs: Some(format!(
                "`{{{placeholder}}}` in the path (the document declares no parameter for it)."
            )),
            ty: TypeRef::String,
            required: true,
            default: None,
            secret: None,
            row_group: None,
            location: ParameterLocation::Path,
            structured: None,
            reserved,
            pointer: at.to_owned(),
        });
    }
    added
}

/// Every `{name}` in the path must be a path parameter, and every path parameter must be used.
pub fn check_path_template(path: &str, parameters: &[crate::ir::Parameter], at: &str) -> Result<()> {
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(Diagnostic::spec(at, format!("unbalanced `{{` in the path `{path}`")));
        };
        let placeholder = &rest[start + 1..start + len];
        let (name, _) = placeholder_name(placeholder);
        if !parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Path && p.wire_name == name)
        {
            return Err(Diagnostic::spec(
                at,
                format!("the path `{path}` uses `{{{placeholder}}}` but no path parameter is called `{name}`"),
            ));
        }
        rest = &rest[start + len + 1..];
    }
    if rest.contains('}') {
        return Err(Diagnostic::spec(at, format!("unbalanced `}}` in the path `{path}`")));
    }
    Ok(())
}

/// A value sent as its text: a string, number, boolean or enum, or an array of those.
fn plain(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean => true,
        TypeRef::Named { name, .. } => matches!(
            types.get(name).map(|t| &t.kind),
            Some(TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_))
        ),
        TypeRef::Array(item) => !matches!(**item, TypeRef::Array(_)) && plain(types, item),
        TypeRef::Scalar(scalar) => scalar.displays_as_sent(),
        TypeRef::Json
        | TypeRef::JsonObject
        | TypeRef::Map(_)
        | TypeRef::Nullable(_)
        | TypeRef::Bytes
        | TypeRef::Custom(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::row_group;

    #[test]
    fn row_groups() {
        assert_eq!(row_group("annotations[][key]").as_deref(), Some("annotations[]"));
        assert_eq!(row_group("a[b][][c]").as_deref(), Some("a[b][]"));
        assert_eq!(row_group("tags[]"), None);
        assert_eq!(row_group("organization[id]"), None);
        assert_eq!(row_group("[][x]"), None);
    }
}
