//! 3.1 references by a schema's `$id` or anchor: `$ref: https://example.com/schemas/pet` names
//! the schema of the document that declares `$id: https://example.com/schemas/pet`, and
//! `$ref: "#node"` the one that declares `$anchor: node` (or `$dynamicAnchor: node`), so both are
//! local.
//!
//! Each such reference is rewritten to the JSON pointer of the schema that declares the `$id`
//! (with the reference's fragment after it: `…/pet#/$defs/Tag`) or the anchor, before `$defs`
//! are hoisted, so that the rest of the load sees pointers only. Only absolute `$id`s are matched;
//! a reference to a URI no schema declares stays external, and is refused as such later.

use yaml_serde::{Mapping, Value};

use crate::diagnostic::pointer_join;

/// What the document's schemas declare: `$id`s and anchors.
#[derive(Default)]
struct Declared {
    /// (`$id` without a trailing `#`, the pointer of the schema that declares it), depth first.
    ids: Vec<(String, String)>,
    anchors: Vec<Anchor>,
}

/// `$anchor: node` (or `$dynamicAnchor`) on the schema at `pointer`, inside the schema resource
/// whose `$id` is `resource` (`""`: the document itself).
struct Anchor {
    resource: String,
    name: String,
    pointer: String,
}

/// Rewrites every `$ref` that names a schema of `root` by its absolute `$id` or by an anchor.
pub fn resolve(root: &mut Mapping) {
    let mut declared = Declared::default();
    for (key, value) in root.iter() {
        if let Some(key) = key.as_str() {
            collect(value, &pointer_join("#", key), "", &mut declared);
        }
    }
    if declared.ids.is_empty() && declared.anchors.is_empty() {
        return;
    }
    for (_, value) in root.iter_mut() {
        super::v31::rewrite_references_by(value, &|reference| local(reference, &declared));
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

/// Gathers the `$id`s and anchors under `value`, which is at `at`, inside the resource `resource`.
fn collect(value: &Value, at: &str, resource: &str, declared: &mut Declared) {
    match value {
        Value::Mapping(members) => {
            let mut resource = resource;
            if let Some(id) = members.get("$id").and_then(Value::as_str) {
                let id = id.strip_suffix('#').unwrap_or(id);
                if absolute(id) && !id.contains('#') {
                    resource = id;
                    if !declared.ids.iter().any(|(known, _)| known == id) {
                        declared.ids.push((id.to_owned(), at.to_owned()));
                    }
                }
            }
            for keyword in ["$anchor", "$dynamicAnchor"] {
                if let Some(name) = members.get(keyword).and_then(Value::as_str) {
                    let known = declared
                        .anchors
                        .iter()
                        .any(|anchor| anchor.resource == resource && anchor.name == name);
                    if !known {
                        declared.anchors.push(Anchor {
                            resource: resource.to_owned(),
                            name: name.to_owned(),
                            pointer: at.to_owned(),
                        });
                    }
                }
            }
            for (key, member) in members {
                let Some(key) = key.as_str() else { continue };
                if !super::is_data(key) {
                    collect(member, &pointer_join(at, key), resource, declared);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, &pointer_join(at, &index.to_string()), resource, declared);
            }
        }
        _ => {}
    }
}

/// The pointer a reference by `$id` or anchor names, if a schema declares it.
fn local(reference: &str, declared: &Declared) -> Option<String> {
    let (uri, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return anchored(uri, fragment, &declared.anchors);
    }
    if uri.is_empty() {
        return None;
    }
    let (_, pointer) = declared.ids.iter().find(|(id, _)| id == uri)?;
    Some(format!("{pointer}{fragment}"))
}

/// The schema an anchor names: in the resource `uri` names, or for `#name` alone, in the document
/// itself, else the one schema anywhere that declares it (a reference from inside a resource
/// with an `$id` of its own means that resource's; two such anchors are left unresolved).
fn anchored(uri: &str, name: &str, anchors: &[Anchor]) -> Option<String> {
    let named = || anchors.iter().filter(|anchor| anchor.name == name);
    let in_resource = named().find(|anchor| anchor.resource == uri);
    let only = || {
        let mut all = named();
        match (all.next(), all.next()) {
            (Some(one), None) if uri.is_empty() => Some(one),
            _ => None,
        }
    };
    in_resource.or_else(only).map(|anchor| anchor.pointer.clone())
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
        assert_eq!(
            at("anchor"),
            "https://example.com/schemas/pet#tag",
            "no schema declares it"
        );
        assert_eq!(at("other"), "https://example.com/schemas/owner");
        assert_eq!(at("relative"), "pet");
    }

    #[test]
    fn a_reference_by_anchor_names_the_schema_that_declares_it() {
        let value = resolved(
            r##"
components:
  schemas:
    Meta: {$anchor: meta, type: object}
    Pet:
      $id: https://example.com/schemas/pet
      $defs:
        Tag: {$anchor: tag, type: string}
        Node: {$dynamicAnchor: node, type: object}
    Owner:
      properties:
        meta: {$ref: "#meta"}
        tag: {$ref: "https://example.com/schemas/pet#tag"}
        node: {$ref: "#node"}
        unknown: {$ref: "#nothing"}
        pointer: {$ref: "#/components/schemas/Meta"}
"##,
        );
        let at = |property: &str| reference_at(&value, &["components", "schemas", "Owner", "properties", property]);
        assert_eq!(at("meta"), "#/components/schemas/Meta");
        assert_eq!(at("tag"), "#/components/schemas/Pet/$defs/Tag");
        assert_eq!(
            at("node"),
            "#/components/schemas/Pet/$defs/Node",
            "the one schema with that anchor"
        );
        assert_eq!(at("unknown"), "#nothing");
        assert_eq!(at("pointer"), "#/components/schemas/Meta");
    }

    #[test]
    fn an_anchor_two_resources_declare_is_not_guessed() {
        let value = resolved(
            r##"
components:
  schemas:
    A: {$id: "https://example.com/a", $defs: {X: {$anchor: x}}}
    B: {$id: "https://example.com/b", $defs: {X: {$anchor: x}}}
    C: {$ref: "#x"}
"##,
        );
        assert_eq!(reference_at(&value, &["components", "schemas", "C"]), "#x");
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
