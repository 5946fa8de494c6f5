//! OpenAPI 3.2 read as 3.1: 3.2 keeps every 3.1 construct, and adds some the generator has no
//! client for yet. Those are taken out here, each with a located warning, before the 3.1 rewrite:
//! `additionalOperations` (no method is generated for them), parameters
//! `in: querystring` (the method does not send them), and `style: cookie` (read as `form`, which
//! sends one cookie per value as 3.1 did). Media types under `components/mediaTypes` are put where
//! they are referenced. A `query` operation (the HTTP QUERY method) is kept in the slot of
//! `trace`, which the 3.0 model has, marked so that it is read back as QUERY. The rest of 3.2 (tags' `parent` and `kind`, `itemSchema`, `$self`, the
//! OAuth device flow) names nothing a client sends or decodes differently, and is ignored.

use yaml_serde::{Mapping, Value};

use crate::diagnostic::pointer_join;

/// Marks an operation that stands in `trace`'s slot for a `query` one.
pub const QUERY_MARK: &str = "x-clientgen-method";

/// A located warning, as the 3.1 rewrite records them.
pub type Warn<'a> = &'a mut dyn FnMut(&str, String);

/// Rewrites a 3.2 document's root into 3.1.
pub fn downgrade(root: &mut Mapping, warn: Warn<'_>) {
    let media_types = root
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
        .and_then(|components| components.shift_remove("mediaTypes"));
    let querystring_parameters = take_querystring_components(root, warn);
    for (key, value) in root.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        match key {
            "paths" | "webhooks" => path_items(value, &pointer_join("#", key), &querystring_parameters, warn),
            "components" => {
                if let Value::Mapping(components) = value {
                    for kind in ["pathItems", "callbacks"] {
                        if let Some(items) = components.get_mut(kind) {
                            let at = pointer_join("#/components", kind);
                            path_items(items, &at, &querystring_parameters, warn);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(Value::Mapping(media_types)) = &media_types {
        for (_, value) in root.iter_mut() {
            inline_media_types(value, media_types);
        }
    }
}

/// `components/parameters` of `in: querystring`: taken out, by the references that name them.
fn take_querystring_components(root: &mut Mapping, warn: Warn<'_>) -> Vec<String> {
    let Some(Value::Mapping(parameters)) = root
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
        .and_then(|components| components.get_mut("parameters"))
    else {
        return Vec::new();
    };
    let mut taken = Vec::new();
    parameters.retain(|name, parameter| {
        let Some(name) = name.as_str() else { return true };
        if !is_querystring(parameter) {
            return true;
        }
        let at = pointer_join("#/components/parameters", name);
        warn(&at, querystring_warning());
        taken.push(at);
        false
    });
    taken
}

fn is_querystring(parameter: &Value) -> bool {
    parameter.get("in").and_then(Value::as_str) == Some("querystring")
}

fn querystring_warning() -> String {
    "a parameter `in: querystring` (the whole query string as one value, OpenAPI 3.2) is not sent: \
     the method has no argument for it"
        .to_owned()
}

/// Every path item under `items` (a map of them, or of callbacks' expressions to them).
fn path_items(items: &mut Value, at: &str, querystring_parameters: &[String], warn: Warn<'_>) {
    let Value::Mapping(items) = items else { return };
    for (key, item) in items.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        path_item(item, &pointer_join(at, key), querystring_parameters, warn);
    }
}

fn path_item(item: &mut Value, at: &str, querystring_parameters: &[String], warn: Warn<'_>) {
    let Value::Mapping(item) = item else { return };
    // The 3.0 model has no slot for `query`: it takes `trace`'s, marked, and `select` reads it
    // back as QUERY at its place as written (`…/query`).
    if let Some(mut query) = item.shift_remove("query") {
        match (item.contains_key("trace"), &mut query) {
            (false, Value::Mapping(operation)) => {
                operation.insert(Value::String(QUERY_MARK.to_owned()), Value::String("QUERY".to_owned()));
                item.insert(Value::String("trace".to_owned()), query);
            }
            _ => warn(
                &pointer_join(at, "query"),
                "a `query` operation beside a `trace` one (the model has room for one of them): no method \
                 is generated for it"
                    .to_owned(),
            ),
        }
    }
    if let Some(Value::Mapping(others)) = item.shift_remove("additionalOperations") {
        for method in others.keys().filter_map(Value::as_str) {
            warn(
                &pointer_join(&pointer_join(at, "additionalOperations"), method),
                format!("an operation of the HTTP method `{method}` (OpenAPI 3.2): no method is generated for it"),
            );
        }
    }
    parameters(item, at, querystring_parameters, warn);
    for (key, operation) in item.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        if let Value::Mapping(operation) = operation
            && !matches!(key, "parameters" | "servers" | "summary" | "description" | "$ref")
        {
            let here = pointer_join(at, key);
            parameters(operation, &here, querystring_parameters, warn);
            if let Some(Value::Mapping(callbacks)) = operation.get_mut("callbacks") {
                for (name, callback) in callbacks.iter_mut() {
                    let Some(name) = name.as_str() else { continue };
                    let callback_at = pointer_join(&pointer_join(&here, "callbacks"), name);
                    path_items(callback, &callback_at, querystring_parameters, warn);
                }
            }
        }
    }
}

/// The `parameters` of a path item or an operation: `in: querystring` ones (and references to
/// them) taken out, `style: cookie` read as `form`.
fn parameters(owner: &mut Mapping, at: &str, querystring_parameters: &[String], warn: Warn<'_>) {
    let Some(Value::Sequence(parameters)) = owner.get_mut("parameters") else {
        return;
    };
    let at = pointer_join(at, "parameters");
    let mut index = 0usize;
    parameters.retain_mut(|parameter| {
        let here = pointer_join(&at, &index.to_string());
        index = index.saturating_add(1);
        let reference = parameter.get("$ref").and_then(Value::as_str);
        if is_querystring(parameter) || reference.is_some_and(|r| querystring_parameters.iter().any(|p| p == r)) {
            if reference.is_none() {
                warn(&here, querystring_warning());
            }
            return false;
        }
        if let Value::Mapping(parameter) = parameter
            && parameter.get("style").and_then(Value::as_str) == Some("cookie")
        {
            parameter.insert(Value::String("style".to_owned()), Value::String("form".to_owned()));
        }
        true
    });
}

/// Every `$ref` to `#/components/mediaTypes/<name>` replaced by that media type.
fn inline_media_types(value: &mut Value, media_types: &Mapping) {
    match value {
        Value::Mapping(members) => {
            let target = members
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/mediaTypes/"))
                .map(|name| name.replace("~1", "/").replace("~0", "~"))
                .and_then(|name| media_types.get(name.as_str()));
            if let Some(target) = target {
                *value = target.clone();
                return;
            }
            for (_, member) in members.iter_mut() {
                inline_media_types(member, media_types);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|item| inline_media_types(item, media_types)),
        _ => {}
    }
}
