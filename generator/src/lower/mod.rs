//! Stage 2: `openapiv3::OpenAPI` + config → [`crate::ir::Api`].
//!
//! The only stage that reads `openapiv3` types. It selects the operations the config asks for and
//! takes the transitive closure of the schemas they need.

mod refs;
mod schema;
mod select;
mod unions;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, StatusCode};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{
    Api, CrateInfo, ErrorResponse, ErrorShape, HttpMethod, Operation, RequestBody, ResponseBody, ScopeRequirement,
    SuccessResponse, TypeDef, TypeKind, TypeRef,
};
use crate::naming::{self, Namespace};

use refs::SchemaView;
use schema::SchemaLowerer;
use select::SelectedOperation;

/// Lowers the operations `config` selects from `doc`, with every schema they reach.
pub fn lower(doc: &OpenAPI, config: &Config, spec_source: &str) -> Result<Api> {
    let selected = select::select(doc, &config.operations)?;
    let secrets = parse_secrets(&config.secrets)?;
    let mut schemas = SchemaLowerer::new(doc, secrets);
    let all_ids: Vec<&str> = select::all_operation_ids(doc);
    let mut method_names = Namespace::default();
    let mut operations = Vec::with_capacity(selected.len());
    for op in &selected {
        let method_name = naming::method_name(
            op.operation.operation_id.as_deref(),
            op.method,
            op.path,
            all_ids.iter().copied(),
        );
        if let Err(previous) = method_names.claim(&method_name, &op.pointer) {
            return Err(Diagnostic::spec(
                &op.pointer,
                format!("this operation and the one at {previous} both become the method `{method_name}`"),
            ));
        }
        operations.push(lower_operation(doc, &mut schemas, op, method_name)?);
    }
    if let Some((schema, property)) = schemas.unmatched_secrets().next() {
        return Err(Diagnostic::config(
            "secrets",
            format!(
                "`{schema}.{property}` names no property of a component schema the selected operations use; \
                 check the spelling, or remove it"
            ),
        ));
    }
    attach_wait_while(&mut operations, &config.wait_while)?;
    let mut types = std::mem::take(&mut schemas.types);
    schema::box_cycles(&mut types);
    schema::flag_secret_holders(&mut types);
    mark_usage(&mut types, &operations);
    Ok(Api {
        crate_info: CrateInfo {
            name: config.crate_config.name.clone(),
            version: config.crate_config.version.clone(),
            description: config.crate_config.description.clone(),
            dev_dependencies: config
                .crate_config
                .dev_dependencies
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            benches: config.crate_config.benches.clone(),
        },
        title: doc.info.title.clone(),
        default_base_url: doc.servers.first().map(|s| s.url.trim_end_matches('/').to_owned()),
        error_envelope: config.error_envelope.clone(),
        types: types.into_values().collect(),
        operations,
        spec_source: spec_source.to_owned(),
    })
}

/// Gives each operation the "not ready yet" answers the config names, checking them against its errors.
fn attach_wait_while(operations: &mut [Operation], entries: &[crate::config::WaitWhile]) -> Result<()> {
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("wait_while[{i}]");
        let Some(op) = operations.iter_mut().find(|o| o.operation_id == entry.operation) else {
            return Err(Diagnostic::config(
                at,
                format!(
                    "operation `{}` is not among the operations generated; select it, or remove this entry",
                    entry.operation
                ),
            ));
        };
        let Some(error) = op.errors.iter().find(|e| e.status == entry.status) else {
            return Err(Diagnostic::config(
                at,
                format!(
                    "`{}` documents no {} response to wait out",
                    entry.operation, entry.status
                ),
            ));
        };
        if entry.code.is_some() && error.shape == ErrorShape::Opaque {
            return Err(Diagnostic::config(
                at,
                format!(
                    "the {} response of `{}` has no `code` to match",
                    entry.status, entry.operation
                ),
            ));
        }
        op.wait_while.push(crate::ir::PendingAnswer {
            status: entry.status,
            code: entry.code.clone(),
        });
    }
    Ok(())
}

fn parse_secrets(secrets: &[String]) -> Result<Vec<(String, String)>> {
    secrets
        .iter()
        .enumerate()
        .map(|(i, s)| match s.split_once('.') {
            Some((schema, property)) if !schema.is_empty() && !property.is_empty() => {
                Ok((schema.to_owned(), property.to_owned()))
            }
            _ => Err(Diagnostic::config(
                format!("secrets[{i}]"),
                format!("`{s}` is not of the form `SchemaName.property`"),
            )),
        })
        .collect()
}

fn lower_operation<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    op: &SelectedOperation<'a>,
    method_name: String,
) -> Result<Operation> {
    let type_prefix = naming::type_name(&method_name);
    schemas.claim_type_name(&naming::operation_error_type(&type_prefix), &op.pointer)?;
    schemas.claim_type_name(&naming::operation_options_type(&type_prefix), &op.pointer)?;
    let operation = op.operation;
    let parameters = lower_parameters(doc, schemas, op, &type_prefix)?;
    check_path_template(op.path, &parameters, &op.pointer)?;
    let body = match &operation.request_body {
        None => None,
        Some(body) => {
            let at = pointer_join(&op.pointer, "requestBody");
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
                    .lower(SchemaView::of(schema), &at, &naming::hint::request_body(&type_prefix))?
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
    };

    if let Some(body) = body.as_ref().and_then(RequestBody::fields_type)
        && let Some(TypeKind::Struct(fields)) = schemas.types.get(body).map(|t| &t.kind)
        && let Some(clash) = fields
            .fields
            .iter()
            .find(|f| parameters.iter().any(|p| p.name == f.name))
    {
        return Err(Diagnostic::spec(
            &clash.pointer,
            format!(
                "body property `{}` and a parameter both become the argument `{}`",
                clash.wire_name, clash.name
            ),
        ));
    }

    let mut success = Vec::new();
    let mut errors = Vec::new();
    let responses_pointer = pointer_join(&op.pointer, "responses");
    for (status, response) in &operation.responses.responses {
        let at = pointer_join(&responses_pointer, &status.to_string());
        let status = match status {
            StatusCode::Code(code) if (100..600).contains(code) => *code,
            _ => {
                return Err(Diagnostic::spec(
                    at,
                    format!("status `{status}` is not supported: list each status code the API sends"),
                ));
            }
        };
        let component = match response {
            ReferenceOr::Reference { reference } => refs::component_name(reference).map(str::to_owned),
            ReferenceOr::Item(_) => None,
        };
        let (response, response_at) = refs::resolve_response(doc, response, &at)?;
        let hint = match (&component, (200..300).contains(&status)) {
            (Some(component), _) => component.clone(),
            (None, true) => naming::hint::success_body(&type_prefix, status),
            (None, false) => naming::hint::error_body(&type_prefix, status),
        };
        let body = lower_response_body(schemas, &response.content, &response_at, &hint)?;
        let docs = Some(response.description.clone()).filter(|d| !d.trim().is_empty());
        if (200..300).contains(&status) {
            success.push(SuccessResponse { status, docs, body });
        } else {
            let shape = error_shape(&schemas.types, &body);
            errors.push(ErrorResponse {
                status,
                variant: naming::status_variant(status),
                docs,
                body,
                shape,
                pointer: response_at,
            });
        }
    }
    if success.iter().any(|s| s.body != success[0].body) {
        return Err(Diagnostic::spec(
            responses_pointer,
            "2xx responses with different bodies are not supported: the method has one return type",
        ));
    }

    let scopes = operation
        .security
        .as_ref()
        .or(doc.security.as_ref())
        .into_iter()
        .flatten()
        .flat_map(|requirement| requirement.iter())
        .map(|(scheme, scopes)| ScopeRequirement {
            scheme: scheme.clone(),
            scopes: scopes.clone(),
        })
        .collect();

    Ok(Operation {
        operation_id: operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", op.method, op.path)),
        method_name,
        type_prefix,
        module: naming::module_name(operation.tags.first().map(String::as_str)),
        http_method: op.http_method,
        path: op.path.to_owned(),
        summary: operation.summary.clone(),
        description: operation.description.clone(),
        scopes,
        parameters,
        body,
        success,
        errors,
        wait_while: Vec::new(),
        pointer: op.pointer.clone(),
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

fn lower_response_body<'a>(
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

fn error_shape(types: &BTreeMap<String, TypeDef>, body: &ResponseBody) -> ErrorShape {
    let ResponseBody::Json(TypeRef::Named { name, .. }) = body else {
        return ErrorShape::Opaque;
    };
    match types.get(name).map(|t| &t.kind) {
        Some(TypeKind::TaggedUnion(u)) => ErrorShape::Union { described: u.described },
        Some(TypeKind::Struct(s)) => {
            let Some(tag) = &s.tag else { return ErrorShape::Opaque };
            let Some(field) = s.fields.iter().find(|f| f.wire_name == tag.property) else {
                return ErrorShape::Opaque;
            };
            ErrorShape::Object {
                ty: name.clone(),
                tag_field: field.name.clone(),
                tag_optional: field.optional(),
                tag_const: naming::tag_const_name(&tag.property),
                has_description: s.has_description(),
            }
        }
        _ => ErrorShape::Opaque,
    }
}

fn lower_parameters<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    op: &SelectedOperation<'a>,
    type_prefix: &str,
) -> Result<Vec<crate::ir::Parameter>> {
    // Operation-level parameters override path-level ones of the same name and location.
    let mut resolved: Vec<(&Parameter, String)> = Vec::new();
    let path_level = op.path_item.parameters.iter().enumerate().map(|(i, p)| {
        (
            p,
            pointer_join(&pointer_join(&op.path_pointer, "parameters"), &i.to_string()),
        )
    });
    let op_level = op.operation.parameters.iter().enumerate().map(|(i, p)| {
        (
            p,
            pointer_join(&pointer_join(&op.pointer, "parameters"), &i.to_string()),
        )
    });
    for (parameter, at) in path_level.chain(op_level) {
        let (parameter, at) = refs::resolve_parameter(doc, parameter, &at)?;
        let same = |(p, _): &(&Parameter, String)| {
            p.parameter_data_ref().name == parameter.parameter_data_ref().name
                && std::mem::discriminant(*p) == std::mem::discriminant(parameter)
        };
        resolved.retain(|r| !same(r));
        resolved.push((parameter, at));
    }

    let mut names = Namespace::default();
    let mut out = Vec::with_capacity(resolved.len());
    for (parameter, at) in resolved {
        let data = parameter.parameter_data_ref();
        let location = match parameter {
            Parameter::Query { .. } => crate::ir::ParameterLocation::Query,
            Parameter::Path { .. } => crate::ir::ParameterLocation::Path,
            Parameter::Header { .. } | Parameter::Cookie { .. } => {
                return Err(Diagnostic::spec(at, "header and cookie parameters are not supported"));
            }
        };
        if location == crate::ir::ParameterLocation::Path && !op.path.contains(&format!("{{{}}}", data.name)) {
            return Err(Diagnostic::spec(
                at,
                format!(
                    "path parameter `{}` does not appear in the path `{}`",
                    data.name, op.path
                ),
            ));
        }
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Err(Diagnostic::spec(
                at,
                "parameters described by `content` are not supported; use `schema`",
            ));
        };
        let name = naming::value_name(&data.name);
        if let Err(previous) = names.claim(&name, &data.name) {
            return Err(Diagnostic::spec(
                at,
                format!(
                    "parameters `{}` and `{previous}` both become the argument `{name}`",
                    data.name
                ),
            ));
        }
        let schema_at = pointer_join(&at, "schema");
        let hint = naming::hint::parameter(type_prefix, &data.name);
        let lowered = schemas.lower(SchemaView::of(schema), &schema_at, &hint)?;
        if !query_serializable(&schemas.types, &lowered.ty) {
            return Err(Diagnostic::spec(
                schema_at,
                "parameter schemas must be strings, numbers, booleans, string enums or arrays of those",
            ));
        }
        let row_group = match &lowered.ty {
            TypeRef::Array(_) => row_group(&data.name),
            _ => None,
        };
        out.push(crate::ir::Parameter {
            name,
            wire_name: data.name.clone(),
            docs: data.description.clone().or(lowered.description),
            ty: lowered.ty,
            required: data.required || location == crate::ir::ParameterLocation::Path,
            default: schema
                .as_item()
                .and_then(|s| s.schema_data.default.as_ref())
                .map(|d| d.to_string()),
            row_group,
            location,
            pointer: at,
        });
    }
    Ok(out)
}

/// `annotations[][key]` → `annotations[]`: the array of objects a column parameter belongs to.
fn row_group(wire_name: &str) -> Option<String> {
    let open = wire_name.rfind("[]")?;
    let rest = &wire_name[open + 2..];
    let member = rest.strip_prefix('[')?.strip_suffix(']')?;
    (open > 0 && !member.is_empty() && !member.contains(['[', ']'])).then(|| wire_name[..open + 2].to_owned())
}

/// Every `{name}` in the path must be a path parameter, and every path parameter must be used.
fn check_path_template(path: &str, parameters: &[crate::ir::Parameter], at: &str) -> Result<()> {
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(Diagnostic::spec(at, format!("unbalanced `{{` in the path `{path}`")));
        };
        let name = &rest[start + 1..start + len];
        if !parameters
            .iter()
            .any(|p| p.location == crate::ir::ParameterLocation::Path && p.wire_name == name)
        {
            return Err(Diagnostic::spec(
                at,
                format!("the path `{path}` uses `{{{name}}}` but no path parameter is called `{name}`"),
            ));
        }
        rest = &rest[start + len + 1..];
    }
    if rest.contains('}') {
        return Err(Diagnostic::spec(at, format!("unbalanced `}}` in the path `{path}`")));
    }
    Ok(())
}

fn query_serializable(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean => true,
        TypeRef::Named { name, .. } => matches!(types.get(name).map(|t| &t.kind), Some(TypeKind::StringEnum(_))),
        TypeRef::Array(item) => !matches!(**item, TypeRef::Array(_)) && query_serializable(types, item),
        TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) => false,
    }
}

/// Marks each type with the serde traits it needs: request bodies serialize, responses deserialize,
/// and so does everything they contain.
fn mark_usage(types: &mut BTreeMap<String, TypeDef>, operations: &[Operation]) {
    let mut stack: Vec<(String, bool)> = Vec::new();
    for op in operations {
        match &op.body {
            Some(RequestBody::Fields { ty }) => stack.push((ty.clone(), true)),
            Some(RequestBody::Value { ty }) => stack.extend(named_in(ty).map(|n| (n.to_owned(), true))),
            Some(RequestBody::EmptyObject) | None => {}
        }
        let bodies = op
            .success
            .iter()
            .map(|s| &s.body)
            .chain(op.errors.iter().map(|e| &e.body));
        for body in bodies {
            if let ResponseBody::Json(ty) = body {
                stack.extend(named_in(ty).map(|n| (n.to_owned(), false)));
            }
        }
    }
    while let Some((name, serialize)) = stack.pop() {
        let Some(def) = types.get_mut(&name) else { continue };
        let flag = if serialize {
            &mut def.usage.serialize
        } else {
            &mut def.usage.deserialize
        };
        if *flag {
            continue;
        }
        *flag = true;
        let children: Vec<String> = match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .flat_map(|f| named_in(&f.ty))
                .map(str::to_owned)
                .collect(),
            TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
            TypeKind::StringEnum(_) | TypeKind::UntaggedJson => Vec::new(),
        };
        stack.extend(children.into_iter().map(|c| (c, serialize)));
    }
}

fn named_in(ty: &TypeRef) -> Box<dyn Iterator<Item = &str> + '_> {
    match ty {
        TypeRef::Named { name, .. } => Box::new(std::iter::once(name.as_str())),
        TypeRef::Array(inner) | TypeRef::Map(inner) => named_in(inner),
        _ => Box::new(std::iter::empty()),
    }
}

impl HttpMethod {
    pub(crate) fn from_openapi(method: &str) -> Option<Self> {
        Some(match method {
            "get" => HttpMethod::Get,
            "post" => HttpMethod::Post,
            "put" => HttpMethod::Put,
            "patch" => HttpMethod::Patch,
            "delete" => HttpMethod::Delete,
            _ => return None,
        })
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
