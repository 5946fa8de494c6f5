//! Stage 2: `openapiv3::OpenAPI` + config → [`crate::ir::Api`].
//!
//! The only stage that reads `openapiv3` types. It selects the operations the config asks for and
//! takes the transitive closure of the schemas they need.

mod bodies;
mod parameters;
mod refs;
mod schema;
mod select;
mod unions;
mod usage;

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{
    Api, CrateInfo, ErrorResponse, ErrorShape, HttpMethod, Operation, RequestBody, ScopeRequirement, SuccessResponse,
    TypeKind,
};
use crate::naming::{self, Namespace};

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
    usage::mark_usage(&mut types, &operations);
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
    let parameters = parameters::lower_parameters(doc, schemas, op, &type_prefix)?;
    parameters::check_path_template(op.path, &parameters, &op.pointer)?;
    let body = bodies::lower_request_body(doc, schemas, operation.request_body.as_ref(), &op.pointer, &type_prefix)?;

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
        let body = bodies::lower_response_body(schemas, &response.content, &response_at, &hint)?;
        let docs = Some(response.description.clone()).filter(|d| !d.trim().is_empty());
        if (200..300).contains(&status) {
            success.push(SuccessResponse { status, docs, body });
        } else {
            let shape = bodies::error_shape(&schemas.types, &body);
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
