//! Which operations of the document the config asks for, in document order.

use openapiv3::{OpenAPI, Operation, PathItem, ReferenceOr};

use crate::config::OperationSelector;
use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::HttpMethod;

pub struct SelectedOperation<'a> {
    pub path: &'a str,
    pub path_item: &'a PathItem,
    pub path_pointer: String,
    /// Lower-case method as the document spells it.
    pub method: &'a str,
    pub http_method: HttpMethod,
    pub operation: &'a Operation,
    pub pointer: String,
}

/// Every operationId in the document, for names that must not depend on the selection.
pub fn all_operation_ids(doc: &OpenAPI) -> Vec<&str> {
    doc.paths
        .paths
        .values()
        .filter_map(ReferenceOr::as_item)
        .flat_map(PathItem::iter)
        .filter_map(|(_, op)| op.operation_id.as_deref())
        .collect()
}

/// A path item's operations with their methods as the document spells them: a 3.2 `query`
/// operation, which `load` keeps in `trace`'s slot, marked, is `query`.
pub(crate) fn operations(item: &PathItem) -> impl Iterator<Item = (&str, &Operation)> {
    item.iter().map(|(method, operation)| {
        let query = method == "trace"
            && operation
                .extensions
                .get(crate::load::QUERY_MARK)
                .and_then(|m| m.as_str())
                == Some("QUERY");
        (if query { "query" } else { method }, operation)
    })
}

/// An operation before selection: path, path item, its pointer, method, operation, its pointer.
type Candidate<'a> = (&'a str, &'a PathItem, String, &'a str, &'a Operation, String);

/// A warning at each operationId used again: the document is wrong (they must be unique), but
/// each operation is still generated, its method named apart from the first's.
pub fn repeated_operation_ids(doc: &OpenAPI) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut seen_ids: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for (path, item) in &doc.paths.paths {
        let Some(item) = item.as_item() else { continue };
        let path_pointer = pointer_join("#/paths", path);
        for (method, operation) in operations(item) {
            let pointer = pointer_join(&path_pointer, method);
            let Some(id) = operation.operation_id.as_deref() else {
                continue;
            };
            match seen_ids.get(id) {
                Some(first) => warnings.push(Diagnostic::spec(
                    pointer_join(&pointer, "operationId"),
                    format!(
                        "operationId `{id}` is used again (first at {first}); operationIds must be unique: \
                         this operation's method is named apart, and a config that names `{id}` means both"
                    ),
                )),
                None => {
                    seen_ids.insert(id, pointer);
                }
            }
        }
    }
    warnings
}

fn every_operation(doc: &OpenAPI) -> Result<Vec<Candidate<'_>>> {
    let mut all = Vec::new();
    for (path, item) in &doc.paths.paths {
        let path_pointer = pointer_join("#/paths", path);
        let ReferenceOr::Item(item) = item else {
            return Err(Diagnostic::spec(
                path_pointer,
                "path items given by `$ref` are not supported",
            ));
        };
        for (method, operation) in operations(item) {
            let pointer = pointer_join(&path_pointer, method);
            all.push((path.as_str(), item, path_pointer.clone(), method, operation, pointer));
        }
    }
    Ok(all)
}

fn matches(selector: &OperationSelector, path: &str, method: &str, operation: &Operation) -> bool {
    match selector {
        OperationSelector::All => true,
        OperationSelector::Id(id) => operation.operation_id.as_deref() == Some(id.as_str()),
        OperationSelector::Tag(tag) => operation.tags.iter().any(|t| t == tag),
        OperationSelector::Route(route) => match route.trim().split_once(char::is_whitespace) {
            Some((m, p)) => m.eq_ignore_ascii_case(method) && p.trim() == path,
            None => false,
        },
    }
}

/// The operations `selectors` select and `excluded` does not, each once, in document order; a
/// selector that matches nothing is an error.
pub fn select<'a>(
    doc: &'a OpenAPI,
    selectors: &[OperationSelector],
    excluded: &[OperationSelector],
) -> Result<Vec<SelectedOperation<'a>>> {
    let all = every_operation(doc)?;
    let lists = [("operations", selectors), ("exclude", excluded)];
    for (key, list) in lists {
        for (i, selector) in list.iter().enumerate() {
            // `all` of a document without operations (only webhooks, or only components) is an
            // empty client, not a mistake in the config.
            if *selector == OperationSelector::All {
                continue;
            }
            if !all
                .iter()
                .any(|(path, _, _, method, op, _)| matches(selector, path, method, op))
            {
                return Err(Diagnostic::config(
                    format!("{key}[{i}]"),
                    format!("`{selector}` matches no operation in the document; check the operationId, route or tag"),
                ));
            }
        }
    }
    let mut selected = Vec::new();
    for (path, path_item, path_pointer, method, operation, pointer) in all {
        if !selectors.iter().any(|s| matches(s, path, method, operation))
            || excluded.iter().any(|s| matches(s, path, method, operation))
        {
            continue;
        }
        let http_method = HttpMethod::from_openapi(method).ok_or_else(|| {
            Diagnostic::spec(
                &pointer,
                format!("`{method}` operations are not supported (GET, POST, PUT, PATCH, DELETE, QUERY are)"),
            )
        })?;
        selected.push(SelectedOperation {
            path,
            path_item,
            path_pointer,
            method,
            http_method,
            operation,
            pointer,
        });
    }
    Ok(selected)
}
