//! 3.1 references by a schema's `$id`: `$ref: https://example.com/schemas/pet` names the schema
//! of the document that declares `$id: https://example.com/schemas/pet`, so it is local.
//!
//! Each such reference is rewritten to the JSON pointer of the schema that declares the `$id`
//! (with the reference's fragment after it: `…/pet#/$defs/Tag`), before `$defs` are hoisted, so
//! that the rest of the load sees pointers only. Only absolute `$id`s are matched; a reference to
//! a URI no schema declares stays external, and is refused as such later.

use yaml_serde::{Mapping, Value};

use crate::diagnostic::pointer_join;

/// Rewrites every `$ref` that names a schema of `root` by its absolute `$id`.
pub fn resolve(root: &mut Mapping) {
    let mut ids = Vec::new();
    for (key, value) in root.iter() {
        if let Some(key) = key.as_str() {
            collect(value, &pointer_join("#", key), &mut ids);
        }
    }
    if ids.is_empty() {
        return;
    }
    for (_, value) in root.iter_mut() {
        super::v31::rewrite_references_by(value, &|reference| local(reference, &ids));
    }
}

/// An absolute URI (it has a scheme): a relative `$id` would need the base it resolves against.
fn absolute(uri: &str) -> bool {
    uri.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// (`$id` without a trailing `#`, the pointer of the schema that declares it), depth first.
fn collect(value: &Value, at: &str, ids: &mut Vec<(String, String)>) {
    match value {
        Value::Mapping(members) => {
            if let Some(id) = members.get("$id").and_then(Value::as_str) {
                let id = id.strip_suffix('#').unwrap_or(id);
                if absolute(id) && !id.contains('#') && !ids.iter().any(|(known, _)| known == id) {
                    ids.push((id.to_owned(), at.to_owned()));
                }
            }
            for (key, member) in members {
                let Some(key) = key.as_str() else { continue };
                if !super::is_data(key) {
                    collect(member, &pointer_join(at, key), ids);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, &pointer_join(at, &index.to_string()), ids);
            }
        }
        _ => {}
    }
}

/// The pointer a reference by `$id` names, if a schema declares that `$id`.
fn local(reference: &str, ids: &[(String, String)]) -> Option<String> {
    let (uri, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let (_, pointer) = ids.iter().find(|(id, _)| id == uri)?;
    // `#/…` is a JSON pointer inside that schema; an anchor name (`#pet`) is not matched.
    (fragment.is_empty() || fragment.starts_with('/')).then(|| format!("{pointer}{fragment}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(yaml: &str) -> Value {
        let mut value: Value = yaml_serde::from_str(yaml).expect("yaml");
        if let Value::Mapping(root) = &mut value {
            resolve(root);
        }
        value
    }

    fn reference_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
        let mut node = value;
        for key in path {
            node = node.get(*key).unwrap_or_else(|| panic!("{key} in {node:?}"));
        }
        node.get("$ref").and_then(Value::as_str).expect("a $ref")
    }

    #[test]
    fn a_reference_by_id_names_the_schema_that_declares_it() {
        let value = resolved(
            r#"
components:
  schemas:
    Pet:
      $id: https://example.com/schemas/pet
      $defs: {Tag: {type: string}}
    Owner:
      properties:
        pet: {$ref: "https://example.com/schemas/pet"}
        again: {$ref: "https://example.com/schemas/pet#"}
        tag: {$ref: "https://example.com/schemas/pet#/$defs/Tag"}
        anchor: {$ref: "https://example.com/schemas/pet#tag"}
        other: {$ref: "https://example.com/schemas/owner"}
        relative: {$ref: "pet"}
"#,
        );
        let at = |property: &str| reference_at(&value, &["components", "schemas", "Owner", "properties", property]);
        assert_eq!(at("pet"), "#/components/schemas/Pet");
        assert_eq!(at("again"), "#/components/schemas/Pet");
        assert_eq!(at("tag"), "#/components/schemas/Pet/$defs/Tag");
        assert_eq!(at("anchor"), "https://example.com/schemas/pet#tag");
        assert_eq!(at("other"), "https://example.com/schemas/owner");
        assert_eq!(at("relative"), "pet");
    }

    #[test]
    fn an_id_in_an_example_or_a_relative_id_declares_nothing() {
        let value = resolved(
            r#"
components:
  schemas:
    Pet:
      $id: pet
      example: {$id: "https://example.com/x"}
    Owner: {$ref: "https://example.com/x"}
"#,
        );
        assert_eq!(
            reference_at(&value, &["components", "schemas", "Owner"]),
            "https://example.com/x"
        );
    }
}
