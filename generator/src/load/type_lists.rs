//! 3.1's `type: [string, integer, …]`: one 3.0 schema per type, each with the keywords that
//! apply to that type (`items` to the array, `pattern` to the string) and the `enum` values of
//! that type, so that the union the generator makes of it keeps what the document says.

use yaml_serde::{Mapping, Value};

/// Keywords that say something about one JSON type only; the others (a description, a default)
/// stay on the schema that holds the union.
fn applies_to(keyword: &str, format: Option<&str>, ty: &str) -> bool {
    match keyword {
        "format" => match format {
            Some(f) if is_numeric_format(f) => matches!(ty, "integer" | "number"),
            _ => ty == "string",
        },
        "pattern" | "minLength" | "maxLength" | "contentEncoding" | "contentMediaType" | "contentSchema" => {
            ty == "string"
        }
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            matches!(ty, "integer" | "number")
        }
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" | "minContains"
        | "maxContains" | "unevaluatedItems" => ty == "array",
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "propertyNames"
        | "minProperties"
        | "maxProperties"
        | "unevaluatedProperties"
        | "discriminator" => ty == "object",
        _ => false,
    }
}

/// Every keyword [`applies_to`] knows.
const TYPED_KEYWORDS: &[&str] = &[
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "unevaluatedProperties",
    "discriminator",
];

fn is_numeric_format(format: &str) -> bool {
    matches!(
        format,
        "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "float"
            | "double"
            | "decimal"
    )
}

/// Whether `value` is of the JSON type `ty` (an integer is a number too; `2.0` is an integer).
fn is_of_type(value: &Value, ty: &str) -> bool {
    match (value, ty) {
        (Value::String(_), "string") | (Value::Bool(_), "boolean") | (Value::Number(_), "number") => true,
        (Value::Number(n), "integer") => n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0),
        (Value::Sequence(_), "array") | (Value::Mapping(_), "object") => true,
        _ => false,
    }
}

/// One branch of the union: its type and the keywords moved into it.
pub struct Branch {
    pub schema: Value,
    /// The keywords it took from the schema as written (their pointers move with them).
    pub keywords: Vec<String>,
}

impl Branch {
    /// The JSON type the branch holds.
    pub fn ty(&self) -> Option<&str> {
        self.schema.as_mapping()?.get("type")?.as_str()
    }
}

/// Splits `members` (a schema whose `type` listed `types`, none of them `null`, `type` already
/// removed) into one branch per type that can hold a value. Keywords of one type move into its
/// branch; an `enum` is split by the type of its values, and a type none of its values has is
/// left out. Returns the branches, in the order of `types`; `members` keeps the rest. When no
/// type holds an `enum` value (a contradiction), every type is kept and the `enum` stays where it
/// was, for the lowering to report.
pub fn split(members: &mut Mapping, types: &[&str]) -> Vec<Branch> {
    let format = members.get("format").and_then(Value::as_str).map(str::to_owned);
    let values = match members.get("enum") {
        Some(Value::Sequence(values)) => Some(values.clone()),
        _ => None,
    };
    let holds_a_value = |ty: &str| {
        values
            .as_ref()
            .is_none_or(|values| values.iter().any(|v| is_of_type(v, ty)))
    };
    let kept: Vec<&str> = match types.iter().copied().filter(|ty| holds_a_value(ty)).collect::<Vec<_>>() {
        none if none.is_empty() => types.to_vec(),
        some => some,
    };
    let split_enum = kept.iter().any(|ty| holds_a_value(ty)) && values.is_some();
    let mut branches = Vec::with_capacity(kept.len());
    for ty in &kept {
        let mut schema = Mapping::new();
        schema.insert(Value::String("type".to_owned()), Value::String((*ty).to_owned()));
        let mut keywords = Vec::new();
        for keyword in TYPED_KEYWORDS {
            if applies_to(keyword, format.as_deref(), ty)
                && let Some(value) = members.get(*keyword)
            {
                schema.insert(Value::String((*keyword).to_owned()), value.clone());
                keywords.push((*keyword).to_owned());
            }
        }
        if split_enum && let Some(values) = &values {
            let own = values.iter().filter(|v| is_of_type(v, ty)).cloned().collect();
            schema.insert(Value::String("enum".to_owned()), Value::Sequence(own));
        }
        branches.push(Branch {
            schema: Value::Mapping(schema),
            keywords,
        });
    }
    for keyword in TYPED_KEYWORDS {
        members.shift_remove(*keyword);
    }
    if split_enum {
        members.shift_remove("enum");
    }
    branches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_json(schema: serde_json::Value, types: &[&str]) -> (serde_json::Value, Vec<serde_json::Value>) {
        let Ok(Value::Mapping(mut members)) = yaml_serde::to_value(schema) else {
            panic!("a mapping");
        };
        let branches = split(&mut members, types);
        let rest = yaml_serde::from_value(Value::Mapping(members)).expect("json");
        let branches = branches
            .into_iter()
            .map(|b| yaml_serde::from_value(b.schema).expect("json"))
            .collect();
        (rest, branches)
    }

    #[test]
    fn keywords_go_to_the_type_they_constrain() {
        let (rest, branches) = split_json(
            serde_json::json!({
                "description": "a name or a list",
                "maxLength": 5, "format": "email",
                "items": {"type": "integer"}, "minItems": 1,
            }),
            &["string", "array"],
        );
        assert_eq!(rest, serde_json::json!({"description": "a name or a list"}));
        assert_eq!(
            branches,
            vec![
                serde_json::json!({"type": "string", "format": "email", "maxLength": 5}),
                serde_json::json!({"type": "array", "items": {"type": "integer"}, "minItems": 1}),
            ]
        );
    }

    #[test]
    fn an_enum_is_split_by_the_type_of_its_values() {
        let (rest, branches) = split_json(
            serde_json::json!({"enum": ["small", 2, "large"], "format": "int32"}),
            &["string", "integer", "boolean"],
        );
        assert_eq!(rest, serde_json::json!({}));
        assert_eq!(
            branches,
            vec![
                serde_json::json!({"type": "string", "enum": ["small", "large"]}),
                serde_json::json!({"type": "integer", "format": "int32", "enum": [2]}),
            ],
            "no value is a boolean, so that type holds none"
        );
    }

    #[test]
    fn an_enum_no_type_holds_stays_for_the_lowering_to_report() {
        let (rest, branches) = split_json(serde_json::json!({"enum": [true]}), &["string", "integer"]);
        assert_eq!(rest, serde_json::json!({"enum": [true]}));
        assert_eq!(branches.len(), 2);
    }
}
