//! A response that is a `$ref` to a request body component, or a request body that is a `$ref`
//! to a response component: the wrong kind of component, but the same shape where it counts (a
//! description and content by media type). The reference is replaced by a copy of the component
//! read as the right kind, with a located warning, so that later stages resolve only references
//! of the kind the place expects.

use openapiv3::{OpenAPI, ReferenceOr, RequestBody, Response};

use crate::diagnostic::{Diagnostic, pointer_join};

/// Replaces every crossed reference in the operations; one warning for each.
pub fn uncross(document: &mut OpenAPI, warnings: &mut Vec<Diagnostic>) {
    // Taken out while the paths change (and put back): a clone would copy every schema.
    let Some(components) = document.components.take() else {
        return;
    };
    uncross_paths(document, &components, warnings);
    document.components = Some(components);
}

fn uncross_paths(document: &mut OpenAPI, components: &openapiv3::Components, warnings: &mut Vec<Diagnostic>) {
    for (path, item) in document.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else { continue };
        let path_at = pointer_join("#/paths", path);
        let operations = super::operations_mut(item);
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            let at = pointer_join(&path_at, method);
            if let Some(body @ ReferenceOr::Reference { .. }) = &mut operation.request_body
                && let Some((name, response)) = target(body_reference(body), "responses", &components.responses)
            {
                warnings.push(crossed(
                    &pointer_join(&at, "requestBody"),
                    "request body",
                    "response",
                    &name,
                ));
                *body = ReferenceOr::Item(RequestBody {
                    description: response.description.clone().into(),
                    content: response.content.clone(),
                    required: false,
                    extensions: response.extensions.clone(),
                });
            }
            let responses = &mut operation.responses;
            let all = responses
                .default
                .iter_mut()
                .map(|r| ("default".to_owned(), r))
                .chain(responses.responses.iter_mut().map(|(code, r)| (code.to_string(), r)));
            for (code, response) in all {
                if let ReferenceOr::Reference { reference } = response
                    && let Some((name, body)) = target(Some(reference), "requestBodies", &components.request_bodies)
                {
                    let response_at = pointer_join(&pointer_join(&at, "responses"), &code);
                    warnings.push(crossed(&response_at, "response", "request body", &name));
                    *response = ReferenceOr::Item(Response {
                        description: body.description.clone().unwrap_or_default(),
                        content: body.content.clone(),
                        extensions: body.extensions.clone(),
                        ..Response::default()
                    });
                }
            }
        }
    }
}

fn body_reference(body: &ReferenceOr<RequestBody>) -> Option<&String> {
    match body {
        ReferenceOr::Reference { reference } => Some(reference),
        ReferenceOr::Item(_) => None,
    }
}

/// The component `reference` names when it is `#/components/<kind>/<name>` and is written out
/// (not itself a reference).
fn target<'a, T>(
    reference: Option<&String>,
    kind: &str,
    components: &'a indexmap::IndexMap<String, ReferenceOr<T>>,
) -> Option<(String, &'a T)> {
    let name = reference?
        .strip_prefix("#/components/")?
        .strip_prefix(kind)?
        .strip_prefix('/')?;
    let name = name.replace("~1", "/").replace("~0", "~");
    match components.get(&name)? {
        ReferenceOr::Item(found) => Some((name, found)),
        ReferenceOr::Reference { .. } => None,
    }
}

fn crossed(at: &str, place: &str, kind: &str, name: &str) -> Diagnostic {
    Diagnostic::spec(
        at,
        format!(
            "this {place} is a `$ref` to the {kind} component `{name}`; it is read as a {place} with that \
             component's description and content (point it at a {place} component to silence this)"
        ),
    )
}
