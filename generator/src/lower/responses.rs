//! An operation's responses: the 2xx its method returns, and the errors of its error enum.

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{ErrorResponse, SuccessResponse};
use crate::naming;

use super::bodies;
use super::refs;
use super::schema::SchemaLowerer;
use super::select::SelectedOperation;

pub fn lower_responses<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    op: &SelectedOperation<'a>,
    type_prefix: &str,
) -> Result<(Vec<SuccessResponse>, Vec<ErrorResponse>)> {
    let mut success = Vec::new();
    let mut errors = Vec::new();
    let responses_pointer = pointer_join(&op.pointer, "responses");
    for (status, response) in &op.operation.responses.responses {
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
            (None, true) => naming::hint::success_body(type_prefix, status),
            (None, false) => naming::hint::error_body(type_prefix, status),
        };
        let body = bodies::lower_response_body(schemas, &response.content, &response_at, &hint)?;
        let docs = Some(response.description.clone()).filter(|d| !d.trim().is_empty());
        if (200..300).contains(&status) {
            success.push(SuccessResponse { status, docs, body });
        } else {
            errors.push(ErrorResponse {
                status,
                variant: naming::status_variant(status),
                docs,
                coded: bodies::is_coded(&schemas.types, &body),
                body,
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
    Ok((success, errors))
}
