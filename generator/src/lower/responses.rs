//! An operation's responses: the 2xx its method returns, and the errors of its error enum.
//! Status ranges (`4XX`) and `default` become variants that keep the status they came with.

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{ErrorResponse, StatusMatch, SuccessResponse};
use crate::naming;

use super::bodies;
use super::refs;
use super::schema::SchemaLowerer;
use super::select::SelectedOperation;

/// What an operation answers.
pub struct Responses {
    pub success: Vec<SuccessResponse>,
    pub errors: Vec<ErrorResponse>,
    /// The success enum's name, when the 2xx bodies differ.
    pub success_enum: Option<String>,
}

pub fn lower_responses<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    op: &SelectedOperation<'a>,
    type_prefix: &str,
) -> Result<Responses> {
    let mut success = Vec::new();
    let mut errors = Vec::new();
    let responses_pointer = pointer_join(&op.pointer, "responses");
    let responses = &op.operation.responses;
    let listed = responses
        .responses
        .iter()
        .map(|(status, response)| (Some(status), response));
    let default = responses.default.iter().map(|response| (None, response));
    let has_2xx = responses.responses.keys().any(|status| is_2xx(status_match(status)));
    for (status, response) in listed.chain(default) {
        let label = status.map_or_else(|| "default".to_owned(), ToString::to_string);
        let at = pointer_join(&responses_pointer, &label);
        let status = match status {
            Some(status) => status_match(status),
            None => Some(StatusMatch::Default),
        };
        let Some(status) = status else {
            return Err(Diagnostic::spec(
                at,
                format!("`{label}` is not an HTTP status, a range like `4XX`, or `default`"),
            ));
        };
        let component = match response {
            ReferenceOr::Reference { reference } => refs::component_name(reference).map(str::to_owned),
            ReferenceOr::Item(_) => None,
        };
        let (response, response_at) = refs::resolve_response(doc, response, &at)?;
        // `default` describes the successes too when no 2xx is listed.
        let as_success = is_2xx(Some(status)) || (status == StatusMatch::Default && !has_2xx);
        let hint = match &component {
            Some(component) => component.clone(),
            None if as_success => naming::hint::success_body(type_prefix, status),
            None => naming::hint::error_body(type_prefix, status),
        };
        let body = bodies::lower_response_body(schemas, &response.content, &response_at, &hint)?;
        let docs = Some(response.description.clone()).filter(|d| !d.trim().is_empty());
        let variant = naming::response_variant(status);
        if as_success {
            success.push(SuccessResponse {
                status,
                variant: variant.clone(),
                docs: docs.clone(),
                body: body.clone(),
            });
        }
        if !is_2xx(Some(status)) {
            errors.push(ErrorResponse {
                status,
                variant,
                docs,
                coded: bodies::is_coded(&schemas.types, &body),
                documented_code: bodies::documented_code(&schemas.types, &body),
                body,
                pointer: response_at,
            });
        }
    }
    let success_enum = if success.iter().any(|s| s.body != success[0].body) {
        let name = naming::operation_success_type(type_prefix);
        Some(schemas.claim_derived_type_name(&name, &op.pointer, "the success enum of this operation"))
    } else {
        None
    };
    Ok(Responses {
        success,
        errors,
        success_enum,
    })
}

fn status_match(status: &StatusCode) -> Option<StatusMatch> {
    match status {
        StatusCode::Code(code) if (100..600).contains(code) => Some(StatusMatch::Exact(*code)),
        StatusCode::Range(digit) if (1..=5).contains(digit) => Some(StatusMatch::Range(*digit)),
        _ => None,
    }
}

fn is_2xx(status: Option<StatusMatch>) -> bool {
    match status {
        Some(StatusMatch::Exact(code)) => (200..300).contains(&code),
        Some(StatusMatch::Range(digit)) => digit == 2,
        _ => false,
    }
}
