//! A parse error brought to the schema, and the keyword, that caused it. The model's schemas are
//! untagged enums, inside which serde cannot say where it was: a wrong keyword deep in a path's
//! request body was reported at `#/paths`. The subtree serde stopped at is searched for the
//! deepest schema that does not parse alone, and then for the keyword without which it does.

use serde::de::DeserializeOwned;
use yaml_serde::{Mapping, Value};

use crate::diagnostic::{Diagnostic, pointer_join};

/// `error` with its pointer moved to the schema (and keyword) inside its node that fails, when
/// one does; otherwise `error` as it was.
pub fn narrowed(tree: &Value, error: Diagnostic) -> Diagnostic {
    let Some(at) = error.pointer().map(str::to_owned) else {
        return error;
    };
    let Some(node) = node_at(tree, &at) else {
        return error;
    };
    let mut deepest = None;
    // The node itself may be a schema (`#/components/schemas/A`).
    let itself = at.starts_with("#/components/schemas/") && at.matches('/').count() == 3;
    search(node, &at, itself, 0, &mut deepest);
    match deepest {
        Some((pointer, message)) => Diagnostic::spec(pointer, format!("not a valid OpenAPI document here: {message}")),
        None => error,
    }
}

/// The node at a JSON pointer (`#/a/b~1c/0`).
fn node_at<'a>(tree: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = tree;
    for raw in pointer.strip_prefix('#')?.split('/').skip(1) {
        let key = raw.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Mapping(members) => members.get(key.as_str())?,
            Value::Sequence(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Keys whose values are schemas, in an operation's parts and inside a schema.
const SCHEMA_KEYS: &[&str] = &["schema", "items", "not", "additionalProperties"];
/// Keys whose values are maps or lists of schemas.
const SCHEMA_COLLECTIONS: &[&str] = &["properties", "allOf", "anyOf", "oneOf"];

/// Depth first: records the deepest schema that fails to parse alone, with the pointer of the
/// keyword that makes it fail when taking one out makes it parse.
fn search(node: &Value, at: &str, is_schema: bool, depth: usize, deepest: &mut Option<(String, String)>) {
    // The document's depth was checked before it was parsed; this bounds the search anyway.
    if depth > 256 {
        return;
    }
    if is_schema && let Some(message) = failure::<openapiv3::ReferenceOr<openapiv3::Schema>>(node) {
        let found = match node {
            Value::Mapping(members) => culprit(members, at).unwrap_or_else(|| at.to_owned()),
            _ => at.to_owned(),
        };
        // The deepest; of two as deep, the first in the document.
        let segments = |pointer: &str| pointer.matches('/').count();
        let deeper = deepest
            .as_ref()
            .is_none_or(|(pointer, _)| segments(&found) > segments(pointer));
        if deeper {
            *deepest = Some((found, message));
        }
    }
    let Value::Mapping(members) = node else {
        if let Value::Sequence(items) = node {
            for (index, item) in items.iter().enumerate() {
                search(item, &pointer_join(at, &index.to_string()), false, depth + 1, deepest);
            }
        }
        return;
    };
    for (key, child) in members {
        let Some(key) = key.as_str() else { continue };
        if super::is_data(key) {
            continue;
        }
        let here = pointer_join(at, key);
        if SCHEMA_KEYS.contains(&key) {
            search(child, &here, true, depth + 1, deepest);
        } else if SCHEMA_COLLECTIONS.contains(&key) && (is_schema || key != "properties") {
            match child {
                Value::Mapping(schemas) => {
                    for (name, schema) in schemas {
                        if let Some(name) = name.as_str() {
                            search(schema, &pointer_join(&here, name), true, depth + 1, deepest);
                        }
                    }
                }
                Value::Sequence(schemas) => {
                    for (index, schema) in schemas.iter().enumerate() {
                        search(
                            schema,
                            &pointer_join(&here, &index.to_string()),
                            true,
                            depth + 1,
                            deepest,
                        );
                    }
                }
                _ => {}
            }
        } else if !is_schema || !matches!(key, "properties" | "required" | "type" | "format") {
            let components_schemas = at == "#/components" && key == "schemas";
            if components_schemas && let Value::Mapping(schemas) = child {
                for (name, schema) in schemas {
                    if let Some(name) = name.as_str() {
                        search(schema, &pointer_join(&here, name), true, depth + 1, deepest);
                    }
                }
                continue;
            }
            search(child, &here, false, depth + 1, deepest);
        }
    }
}

/// The message when `node` does not parse as `T`.
fn failure<T: DeserializeOwned>(node: &Value) -> Option<String> {
    yaml_serde::from_value::<T>(node.clone()).err().map(|e| e.to_string())
}

/// The keyword of a failing schema without which it parses: where the fault is.
fn culprit(members: &Mapping, at: &str) -> Option<String> {
    members.keys().filter_map(Value::as_str).find_map(|key| {
        let mut without = members.clone();
        without.shift_remove(key);
        failure::<openapiv3::ReferenceOr<openapiv3::Schema>>(&Value::Mapping(without))
            .is_none()
            .then(|| pointer_join(at, key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointer_for(yaml: &str, at: &str) -> Option<String> {
        let tree: Value = yaml_serde::from_str(yaml).expect("yaml");
        narrowed(&tree, Diagnostic::spec(at, "not a valid OpenAPI document here: x"))
            .pointer()
            .map(str::to_owned)
    }

    #[test]
    fn a_wrong_keyword_deep_in_a_path_is_found() {
        let yaml = "paths:\n  /users:\n    post:\n      requestBody:\n        content:\n          application/json:\n            \
                    schema: {type: object, properties: {id: {type: string}, age: {type: integer, nullable: maybe}}}\n";
        assert_eq!(
            pointer_for(yaml, "#/paths").as_deref(),
            Some("#/paths/~1users/post/requestBody/content/application~1json/schema/properties/age/nullable")
        );
    }

    #[test]
    fn a_node_without_a_failing_schema_keeps_the_error() {
        assert_eq!(pointer_for("paths: {}\n", "#/paths").as_deref(), Some("#/paths"));
        assert_eq!(pointer_for("paths: {}\n", "#/nowhere").as_deref(), Some("#/nowhere"));
    }
}
