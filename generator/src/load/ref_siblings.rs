//! What a 3.0 document writes beside a `$ref` (`{$ref: …, description: …, nullable: true}`), by
//! the pointer of the object that holds them; `openapiv3` reads such an object as the bare
//! reference.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostic::pointer_join;

/// The siblings of one `$ref` that say what this use of the referenced type means.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefSiblings {
    /// `description`: what the value is here (a property's doc).
    pub description: Option<String>,
    /// `nullable: true`: `null` may stand here. 3.0 ignores a `$ref`'s siblings, but an author who
    /// writes it means it, and a client that refused the `null` would fail on the whole answer.
    pub nullable: bool,
}

/// Every object in `document` with a `$ref` (a string) and a string `description` or
/// `nullable: true` beside it, by its pointer.
pub fn collect(document: &Value) -> BTreeMap<String, RefSiblings> {
    let mut found = BTreeMap::new();
    // Depth first, without recursion: the tree check has bounded the depth, but this needs no stack.
    let mut pending = vec![("#".to_owned(), document)];
    while let Some((pointer, node)) = pending.pop() {
        match node {
            Value::Object(members) => {
                if let Some(Value::String(_)) = members.get("$ref") {
                    let siblings = RefSiblings {
                        description: members.get("description").and_then(Value::as_str).map(str::to_owned),
                        nullable: members.get("nullable") == Some(&Value::Bool(true)),
                    };
                    if siblings != RefSiblings::default() {
                        found.insert(pointer.clone(), siblings);
                    }
                }
                for (key, value) in members {
                    if value.is_object() || value.is_array() {
                        pending.push((pointer_join(&pointer, key), value));
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if item.is_object() || item.is_array() {
                        pending.push((pointer_join(&pointer, &index.to_string()), item));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_stands_beside_references_wherever_they_are_and_escapes_their_pointers() {
        let document = serde_json::json!({
            "components": {"schemas": {
                "A/B": {"properties": {
                    "owner": {"$ref": "#/components/schemas/Id", "description": "Who owns it."},
                    "plain": {"$ref": "#/components/schemas/Id"},
                    "gone": {"$ref": "#/components/schemas/Id", "nullable": true},
                    "kept": {"$ref": "#/components/schemas/Id", "nullable": false},
                    "list": {"items": [{"$ref": "#/x", "description": "First."}]}
                }},
                "Id": {"type": "string", "description": "Not beside a reference.", "nullable": true}
            }}
        });
        let found = collect(&document);
        let described = |text: &str| RefSiblings {
            description: Some(text.to_owned()),
            nullable: false,
        };
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [
                (
                    "#/components/schemas/A~1B/properties/gone".to_owned(),
                    RefSiblings {
                        description: None,
                        nullable: true
                    }
                ),
                (
                    "#/components/schemas/A~1B/properties/list/items/0".to_owned(),
                    described("First.")
                ),
                (
                    "#/components/schemas/A~1B/properties/owner".to_owned(),
                    described("Who owns it.")
                ),
            ]
        );
    }
}
