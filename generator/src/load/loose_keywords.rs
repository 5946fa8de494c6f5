//! Schema keywords written loosely, read as meant rather than refusing the document: JSON Schema
//! draft 3's `required: true` on a property (Swagger 1 and hand-written documents still write it),
//! and booleans or numbers written as strings (`nullable: "true"`, `minimum: "0"`). Each repair
//! is a located warning; only a document that failed to read is read again this way (a 3.1
//! one before its rewrite).

use yaml_serde::{Mapping, Value};

use crate::diagnostic::{Diagnostic, pointer_join};

const BOOLEAN_KEYWORDS: &[&str] = &[
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "uniqueItems",
    "exclusiveMinimum",
    "exclusiveMaximum",
];

const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];

/// Repairs every schema of the document. Returns whether anything changed.
pub fn fix_everywhere(value: &mut Value, at: &str, warnings: &mut Vec<Diagnostic>) -> bool {
    let mut changed = false;
    // (node, its pointer, whether it is a schema: a member of some `properties`)
    let mut pending = vec![(value, at.to_owned(), false)];
    // A work list, not recursion: the document's depth was checked, but this keeps the stack flat.
    while let Some((value, at, is_property)) = pending.pop() {
        match value {
            Value::Mapping(members) => {
                if is_property || members.get("type").is_some_and(Value::is_string) {
                    changed |= coerce(members, &at, warnings);
                }
                changed |= lift_required(members, &at, warnings);
                for (key, child) in members.iter_mut() {
                    let Some(key) = key.as_str() else { continue };
                    if super::is_data(key) {
                        continue;
                    }
                    let child_at = pointer_join(&at, key);
                    if key == "properties"
                        && let Value::Mapping(properties) = child
                    {
                        for (name, property) in properties.iter_mut() {
                            if let Some(name) = name.as_str() {
                                pending.push((property, pointer_join(&child_at, name), true));
                            }
                        }
                        continue;
                    }
                    pending.push((child, child_at, false));
                }
            }
            Value::Sequence(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    pending.push((item, pointer_join(&at, &index.to_string()), false));
                }
            }
            Value::Tagged(tagged) => pending.push((&mut tagged.value, at, is_property)),
            _ => {}
        }
    }
    changed
}

/// A schema's properties that say `required: true` (draft 3) join its `required` list; the
/// boolean is taken out of each (`false` too: it is the default).
fn lift_required(schema: &mut Mapping, at: &str, warnings: &mut Vec<Diagnostic>) -> bool {
    let Some(Value::Mapping(properties)) = schema.get_mut("properties") else {
        return false;
    };
    let mut lifted = Vec::new();
    let mut changed = false;
    for (name, property) in properties.iter_mut() {
        let (Some(name), Value::Mapping(property)) = (name.as_str(), property) else {
            continue;
        };
        let Some(Value::Bool(required)) = property.get("required") else {
            continue;
        };
        let required = *required;
        property.shift_remove("required");
        changed = true;
        let here = pointer_join(&pointer_join(&pointer_join(at, "properties"), name), "required");
        warnings.push(Diagnostic::spec(
            here,
            format!(
                "`required: {required}` on a property is JSON Schema draft 3; read as {}",
                if required {
                    "the property listed in the object's `required`"
                } else {
                    "an optional property"
                }
            ),
        ));
        if required {
            lifted.push(Value::String(name.to_owned()));
        }
    }
    if !lifted.is_empty() {
        let key = Value::String("required".to_owned());
        match schema.get_mut("required") {
            Some(Value::Sequence(required)) => {
                for name in lifted {
                    if !required.contains(&name) {
                        required.push(name);
                    }
                }
            }
            _ => {
                schema.insert(key, Value::Sequence(lifted));
            }
        }
    }
    changed
}

/// Booleans and numbers of a schema's keywords written as strings, made what they say.
fn coerce(schema: &mut Mapping, at: &str, warnings: &mut Vec<Diagnostic>) -> bool {
    let mut changed = false;
    for (key, value) in schema.iter_mut() {
        let (Some(key), Value::String(text)) = (key.as_str(), &*value) else {
            continue;
        };
        let repaired = if BOOLEAN_KEYWORDS.contains(&key) {
            match text.trim() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            }
        } else if NUMBER_KEYWORDS.contains(&key) {
            yaml_serde::from_str::<yaml_serde::Number>(text.trim())
                .ok()
                .map(Value::Number)
        } else {
            None
        };
        if let Some(repaired) = repaired {
            warnings.push(Diagnostic::spec(
                pointer_join(at, key),
                format!("`{key}` is the string `{text}`; read as the value it spells"),
            ));
            *value = repaired;
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(yaml: &str) -> (Value, Vec<Diagnostic>) {
        let mut value: Value = yaml_serde::from_str(yaml).expect("yaml");
        let mut warnings = Vec::new();
        fix_everywhere(&mut value, "#", &mut warnings);
        (value, warnings)
    }

    #[test]
    fn a_draft_3_required_property_joins_the_objects_required_list() {
        let (value, warnings) = fixed(
            "User: {type: object, required: [name], properties: {id: {type: string, required: true}, \
             name: {type: string}, nick: {type: string, required: false}}}",
        );
        let user = &value["User"];
        assert_eq!(
            user["required"],
            yaml_serde::from_str::<Value>("[name, id]").expect("yaml")
        );
        assert!(user["properties"]["id"].get("required").is_none());
        assert!(user["properties"]["nick"].get("required").is_none());
        let at: Vec<&str> = warnings.iter().filter_map(|w| w.pointer()).collect();
        assert_eq!(at, ["#/User/properties/id/required", "#/User/properties/nick/required"]);
    }

    #[test]
    fn booleans_and_numbers_written_as_strings_are_what_they_spell() {
        let (value, warnings) = fixed(
            "S: {type: object, properties: {a: {type: integer, nullable: 'true', minimum: '0'}, \
             b: {type: string, pattern: '1', maxLength: 'ten'}}}",
        );
        let a = &value["S"]["properties"]["a"];
        assert_eq!(a["nullable"], Value::Bool(true));
        assert_eq!(a["minimum"], yaml_serde::from_str::<Value>("0").expect("yaml"));
        let b = &value["S"]["properties"]["b"];
        assert_eq!(b["pattern"], Value::String("1".to_owned()), "not a numeric keyword");
        assert_eq!(
            b["maxLength"],
            Value::String("ten".to_owned()),
            "not a number: left to fail"
        );
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn examples_are_data() {
        let (value, warnings) = fixed("S: {type: object, example: {properties: {a: {required: true}}}}");
        assert_eq!(value["S"]["example"]["properties"]["a"]["required"], Value::Bool(true));
        assert!(warnings.is_empty());
    }
}
