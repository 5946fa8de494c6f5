//! The descriptions a 3.0 document writes beside a `$ref` (`{$ref: …, description: …}`), by the
//! pointer of the object that holds both; `openapiv3` reads such an object as the bare reference.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostic::pointer_join;

/// Every object in `document` with a `$ref` and a `description` (both strings), by its pointer.
pub fn collect(document: &Value) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    // Depth first, without recursion: the tree check has bounded the depth, but this needs no stack.
    let mut pending = vec![("#".to_owned(), document)];
    while let Some((pointer, node)) = pending.pop() {
        match node {
            Value::Object(members) => {
                if let (Some(Value::String(_)), Some(Value::String(description))) =
                    (members.get("$ref"), members.get("description"))
                {
                    found.insert(pointer.clone(), description.clone());
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
    fn finds_described_references_wherever_they_are_and_escapes_their_pointers() {
        let document = serde_json::json!({
            "components": {"schemas": {
                "A/B": {"properties": {
                    "owner": {"$ref": "#/components/schemas/Id", "description": "Who owns it."},
                    "plain": {"$ref": "#/components/schemas/Id"},
                    "list": {"items": [{"$ref": "#/x", "description": "First."}]}
                }},
                "Id": {"type": "string", "description": "Not beside a reference."}
            }}
        });
        let found = collect(&document);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [
                (
                    "#/components/schemas/A~1B/properties/list/items/0".to_owned(),
                    "First.".to_owned()
                ),
                (
                    "#/components/schemas/A~1B/properties/owner".to_owned(),
                    "Who owns it.".to_owned()
                ),
            ]
        );
    }
}
