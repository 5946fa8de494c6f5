//! Random values drawn from a document's schemas, to be decoded and encoded again like its examples.
//!
//! Values follow what the generated types are expected to honour: `type` (3.1 lists too), `enum`
//! and `const`, `nullable`, `format`, bounds, `required`, `allOf` merged, one member of a `oneOf`
//! or `anyOf` (with its `discriminator` value), `additionalProperties`, `minProperties` and
//! `maxProperties` of one. A `pattern` is not honoured (the types do not check one). The generator
//! is a small xorshift seeded from the schema's pointer, so that a run is reproducible without a
//! dependency for it.

use serde_json::{Map, Value, json};

use crate::rng::Xorshift;

/// Draws values from the schemas of one document.
pub struct Sampler<'a> {
    document: &'a Value,
    rng: Xorshift,
}

/// Nesting below which optional members are left out, and beyond which no value is made.
const SHALLOW: usize = 4;
const DEEPEST: usize = 10;

impl<'a> Sampler<'a> {
    pub fn new(document: &'a Value, seed: &str) -> Sampler<'a> {
        Sampler {
            document,
            rng: Xorshift::new(seed),
        }
    }

    /// A value of the schema, never `null` at the top (a named type does not hold the `null` its
    /// schema allows: the fields that hold it are options), or `None` where the sampler cannot
    /// make one (a binary string, nesting too deep).
    pub fn value(&mut self, schema: &Value) -> Option<Value> {
        for _ in 0..8 {
            match self.draw(schema, 0) {
                Some(Value::Null) => {}
                value => return value,
            }
        }
        None
    }

    fn below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }

    fn chance(&mut self, one_in: u64) -> bool {
        self.rng.chance(one_in)
    }

    fn draw(&mut self, schema: &Value, depth: usize) -> Option<Value> {
        if depth > DEEPEST {
            return None;
        }
        // `nullable: true` beside a `$ref` (3.0): that use may be `null`.
        let beside_ref = schema.get("$ref").is_some() && schema.get("nullable") == Some(&Value::Bool(true));
        // Owned, so that `$ref` targets and the members of `allOf` can be merged into one schema.
        let schema = self.flatten(schema, 0);
        let types = types_of(&schema);
        let nullable =
            beside_ref || schema.get("nullable") == Some(&Value::Bool(true)) || types.iter().any(|t| t == "null");
        if nullable && self.chance(5) {
            return Some(Value::Null);
        }
        if let Some(value) = schema.get("const") {
            return Some(value.clone());
        }
        if let Some(Value::Array(values)) = schema.get("enum") {
            // A value the `type` beside the enum does not allow is no valid value (`type: string,
            // enum: [on, false]`: YAML 1.1 read `off` as a boolean): never drawn.
            let values: Vec<&Value> = values
                .iter()
                .filter(|v| !v.is_null() || nullable)
                .filter(|v| v.is_null() || types.is_empty() || types.iter().any(|t| is_of_type(v, t)))
                .collect();
            let len = u64::try_from(values.len()).ok()?;
            let index = usize::try_from(self.below(len)).ok()?;
            return values.get(index).map(|v| (*v).clone());
        }
        if types.iter().all(|t| t == "null") && !types.is_empty() {
            return Some(Value::Null);
        }
        for union in ["oneOf", "anyOf"] {
            // Members that only say which properties must be present add no shape.
            if let Some(Value::Array(members)) = schema.get(union)
                && !members.iter().all(only_constrains)
            {
                // A member's `null` is the union's only where the union's own `type` admits it.
                let admits = schema.as_object().is_none_or(type_admits_null);
                // Properties and `required` beside the union (an `allOf` of an object and a
                // choice, merged): every value has them as well as a member's.
                let mut rest = schema.clone();
                if let Value::Object(rest) = &mut rest {
                    for keyword in ["oneOf", "anyOf", "discriminator", "nullable"] {
                        rest.remove(keyword);
                    }
                }
                let beside = rest.get("properties").is_some() || rest.get("required").is_some();
                let members: Vec<Value> = match beside {
                    true => members.iter().map(|member| json!({"allOf": [rest, member]})).collect(),
                    false => members.clone(),
                };
                for _ in 0..8 {
                    match self.member(&schema, &members, depth)? {
                        Value::Null if !admits => {}
                        value => return Some(value),
                    }
                }
                return None;
            }
        }
        let kinds: Vec<&str> = types.iter().map(String::as_str).filter(|t| *t != "null").collect();
        let kind = match kinds.len() {
            0 if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() => "object",
            0 if schema.get("items").is_some() => "array",
            0 => "string",
            n => kinds
                .get(usize::try_from(self.below(u64::try_from(n).ok()?)).ok()?)
                .copied()?,
        };
        match kind {
            "object" => self.object(&schema, depth),
            "array" => self.array(&schema, depth),
            "integer" => Some(self.integer(&schema)),
            "number" => Some(self.number(&schema)),
            "boolean" => Some(Value::Bool(self.chance(2))),
            _ => self.string(&schema),
        }
    }

    /// The schema with its `$ref` followed and its `allOf` members merged in: properties and
    /// `required` joined, the first definition of each keyword kept.
    fn flatten(&self, schema: &Value, depth: usize) -> Value {
        let resolved = crate::examples::resolve(self.document, schema).clone();
        let Some(Value::Array(members)) = resolved.get("allOf") else {
            return resolved;
        };
        let mut merged = match resolved.clone() {
            Value::Object(mut own) => {
                own.remove("allOf");
                own
            }
            _ => Map::new(),
        };
        if depth > DEEPEST {
            return Value::Object(merged);
        }
        // `null` is a value when one of them says so and the wrapper and every member admit it:
        // a wrapper's own `type: object` without `nullable` refuses it, whatever a member says.
        let mut said = says_null(&merged);
        let mut nullable = admits_null(self.document, &merged, 0);
        for member in members {
            let Value::Object(member) = self.flatten(member, depth + 1) else {
                continue;
            };
            nullable &= admits_null(self.document, &member, 0);
            said |= says_null(&member);
            for (key, value) in member {
                match (key.as_str(), merged.get_mut(&key)) {
                    ("properties", Some(Value::Object(properties))) => {
                        if let Value::Object(more) = value {
                            for (name, property) in more {
                                // Defined twice (a base's `type: string`, a refinement's `enum`):
                                // a value must satisfy both.
                                // No value is allowed by `false` (3.1), whatever the other says.
                                let both = match properties.remove(&name) {
                                    Some(Value::Bool(false)) => Value::Bool(false),
                                    Some(_) if property == Value::Bool(false) => property,
                                    Some(earlier) => json!({"allOf": [earlier, property]}),
                                    None => property,
                                };
                                properties.insert(name, both);
                            }
                        }
                    }
                    ("required", Some(Value::Array(required))) => {
                        if let Value::Array(more) = value {
                            for name in more {
                                if !required.contains(&name) {
                                    required.push(name);
                                }
                            }
                        }
                    }
                    // Both list values: a value must be in both lists.
                    ("enum", Some(Value::Array(values))) => {
                        if let Value::Array(more) = value {
                            let common: Vec<Value> = values.iter().filter(|v| more.contains(v)).cloned().collect();
                            if !common.is_empty() {
                                *values = common;
                            }
                        }
                    }
                    (_, Some(_)) => {}
                    (_, None) => {
                        merged.insert(key, value);
                    }
                }
            }
        }
        if nullable && said {
            merged.insert("nullable".to_owned(), Value::Bool(true));
        } else {
            merged.remove("nullable");
            if let Some(Value::Array(types)) = merged.get_mut("type") {
                types.retain(|t| t != "null");
            }
        }
        Value::Object(merged)
    }

    /// One member of a union; with a `discriminator`, its property holds the member's value.
    fn member(&mut self, union: &Value, members: &[Value], depth: usize) -> Option<Value> {
        let len = u64::try_from(members.len()).ok()?;
        let index = usize::try_from(self.below(len)).ok()?;
        let member = members.get(index)?;
        let mut value = self.draw(member, depth + 1)?;
        if let (Some(discriminator), Value::Object(object)) = (union.get("discriminator"), &mut value)
            && let Some(property) = discriminator.get("propertyName").and_then(Value::as_str)
            // The member, or the member beside the union's own properties (`allOf: [rest, member]`).
            && let Some(reference) = (member.get("$ref"))
                .or_else(|| member.get("allOf").and_then(|all| all.get(1)).and_then(|m| m.get("$ref")))
                .and_then(Value::as_str)
        {
            let mapped = discriminator
                .get("mapping")
                .and_then(Value::as_object)
                .and_then(|mapping| mapping.iter().find(|(_, target)| target.as_str() == Some(reference)))
                .map(|(key, _)| key.clone());
            let named = reference.rsplit('/').next().map(str::to_owned);
            if let Some(tag) = mapped.or(named) {
                object.insert(property.to_owned(), Value::String(tag));
            }
        }
        Some(value)
    }

    fn object(&mut self, schema: &Value, depth: usize) -> Option<Value> {
        let empty = Map::new();
        let properties = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut object = Map::new();
        // "Exactly one of these members".
        let one_member = schema.get("maxProperties").and_then(Value::as_u64) == Some(1) && required.is_empty();
        if one_member && !properties.is_empty() {
            let len = u64::try_from(properties.len()).ok()?;
            let index = usize::try_from(self.below(len)).ok()?;
            let (name, property) = properties.iter().nth(index)?;
            object.insert(name.clone(), self.draw(property, depth + 1)?);
            return Some(Value::Object(object));
        }
        for (name, property) in properties {
            // A member no value is allowed for (`false`, `not: {}`) is never drawn.
            if *property == Value::Bool(false) || property.get("not").is_some_and(|not| *not == json!({})) {
                continue;
            }
            let wanted = required.contains(&name.as_str()) || (depth < SHALLOW && self.chance(2));
            if wanted {
                match self.draw(property, depth + 1) {
                    Some(value) => {
                        object.insert(name.clone(), value);
                    }
                    None if required.contains(&name.as_str()) => return None,
                    None => {}
                }
            }
        }
        // Required members the properties do not describe: any value.
        for name in required.iter().filter(|name| !properties.contains_key(**name)) {
            object.insert((*name).to_owned(), json!("x"));
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) | None => {}
            Some(extra) if depth < SHALLOW && self.chance(3) => {
                let value = match extra {
                    Value::Bool(true) => Some(json!("extra")),
                    schema => self.draw(schema, depth + 1),
                };
                if let Some(value) = value {
                    object.insert("extra_member".to_owned(), value);
                }
            }
            Some(_) => {}
        }
        Some(Value::Object(object))
    }

    fn array(&mut self, schema: &Value, depth: usize) -> Option<Value> {
        let items = schema.get("items").cloned().unwrap_or(Value::Object(Map::new()));
        let least = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        let most = schema.get("maxItems").and_then(Value::as_u64).unwrap_or(u64::MAX);
        let extra = if depth < SHALLOW { self.below(3) } else { 0 };
        let count = least.saturating_add(extra).min(most).min(least.max(4));
        let mut out = Vec::new();
        for _ in 0..count {
            out.push(self.draw(&items, depth + 1)?);
        }
        Some(Value::Array(out))
    }

    fn integer(&mut self, schema: &Value) -> Value {
        let (low, high) = bounds(schema, 0.0, 1000.0);
        // Within the range of the type the format gives.
        let (least, most) = match schema.get("format").and_then(Value::as_str) {
            Some("int8") => (-128.0, 127.0),
            Some("uint8") => (0.0, 255.0),
            Some("int16") => (-32768.0, 32767.0),
            Some("uint16") => (0.0, 65535.0),
            Some("int32") => (-2_147_483_648.0, 2_147_483_647.0),
            Some("uint32" | "uint64") => (0.0, 4_294_967_295.0),
            _ => (f64::MIN, f64::MAX),
        };
        let (low, high) = (low.clamp(least, most), high.clamp(least, most));
        let (low, high) = (low.ceil() as i64, high.floor() as i64);
        let span = u64::try_from(high.saturating_sub(low)).unwrap_or(0);
        let offset = i64::try_from(self.below(span.saturating_add(1))).unwrap_or(0);
        json!(low.saturating_add(offset))
    }

    fn number(&mut self, schema: &Value) -> Value {
        let (low, high) = bounds(schema, 0.0, 1000.0);
        let fraction = (self.below(1000) as f64) / 1000.0;
        let value = low + (high - low) * fraction;
        json!(if value.is_finite() { value } else { 0.5 })
    }

    fn string(&mut self, schema: &Value) -> Option<Value> {
        let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
        let n = self.below(100);
        let text = match format {
            "date-time" => format!("2024-0{}-1{}T0{}:1{}:2{}Z", 1 + n % 9, n % 10, n % 10, n % 6, n % 10),
            "date" => format!("2024-0{}-1{}", 1 + n % 9, n % 10),
            "uuid" => format!("00000000-0000-4000-8000-0000000000{n:02}"),
            "ipv4" => format!("10.0.0.{n}"),
            "ipv6" => format!("2001:db8::{n}"),
            "ip" if n.is_multiple_of(2) => format!("10.0.0.{n}"),
            "ip" => format!("2001:db8::{n}"),
            "email" => format!("user{n}@example.com"),
            "uri" | "url" => format!("https://example.com/{n}"),
            "byte" => "aGVsbG8=".to_owned(),
            "binary" => return None,
            _ => {
                let least = schema.get("minLength").and_then(Value::as_u64).unwrap_or(1);
                let most = schema.get("maxLength").and_then(Value::as_u64).unwrap_or(12);
                let length = (least + self.below(4)).min(most).min(64);
                (0..length)
                    .map(|i| char::from(b'a' + u8::try_from((n + i) % 26).unwrap_or(0)))
                    .collect()
            }
        };
        Some(Value::String(text))
    }
}

/// A schema that says only which members must be present (`{required: [a]}`), with words.
fn only_constrains(schema: &Value) -> bool {
    schema.as_object().is_some_and(|keys| {
        keys.keys().all(|k| {
            matches!(
                k.as_str(),
                "required" | "minProperties" | "maxProperties" | "not" | "description" | "title"
            )
        })
    })
}

/// The schema's `type`, as a list (3.0 gives one name, 3.1 may give several).
fn types_of(schema: &Value) -> Vec<String> {
    match schema.get("type") {
        Some(Value::String(name)) => vec![name.clone()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// Whether `value` is of the JSON Schema type `name` (an integer is a number too).
fn is_of_type(value: &Value, name: &str) -> bool {
    match name {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        // A type this reader does not know says nothing.
        _ => true,
    }
}

/// `minimum`/`maximum` (3.0's boolean or 3.1's numeric exclusive ones moved in by one), within a
/// range the default types hold; defaults where the schema says nothing.
fn bounds(schema: &Value, low: f64, high: f64) -> (f64, f64) {
    let number = |key: &str| schema.get(key).and_then(Value::as_f64);
    let exclusive = |key: &str| schema.get(key) == Some(&Value::Bool(true));
    let mut least = number("minimum").unwrap_or(low);
    let mut most = number("maximum").unwrap_or(least.max(low) + (high - low));
    if exclusive("exclusiveMinimum") {
        least += 1.0;
    }
    if exclusive("exclusiveMaximum") {
        most -= 1.0;
    }
    if let Some(bound) = number("exclusiveMinimum") {
        least = bound + 1.0;
    }
    if let Some(bound) = number("exclusiveMaximum") {
        most = bound - 1.0;
    }
    let limit = 9.0e15;
    let least = least.clamp(-limit, limit);
    (least, most.clamp(least, limit))
}

/// Whether a schema lets a value be `null`: no `type` at all, `nullable: true`, or a 3.1 type
/// list with `"null"`.
/// Whether the schema's own `type` (none, a list with `"null"`, or `nullable`) lets `null` be a value.
fn type_admits_null(schema: &Map<String, Value>) -> bool {
    match schema.get("type") {
        None => true,
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        Some(Value::String(t)) => t == "null" || schema.get("nullable") == Some(&Value::Bool(true)),
        Some(_) => false,
    }
}

/// [`type_admits_null`], and a union without a `type` of its own admits `null` only where a
/// member does (or it says so).
fn admits_null(document: &Value, schema: &Map<String, Value>, depth: usize) -> bool {
    if !type_admits_null(schema) {
        return false;
    }
    let says_so = schema.contains_key("type") || schema.get("nullable") == Some(&Value::Bool(true));
    let members = ["oneOf", "anyOf"]
        .iter()
        .find_map(|keyword| schema.get(*keyword).and_then(Value::as_array));
    match members {
        Some(members) if !says_so && depth < 8 => {
            members
                .iter()
                .any(|member| match crate::examples::resolve(document, member) {
                    Value::Object(member) => admits_null(document, member, depth + 1),
                    _ => true,
                })
        }
        _ => true,
    }
}

/// Whether a schema says that `null` is a value (`nullable: true`, a 3.1 type list with `"null"`).
fn says_null(schema: &Map<String, Value>) -> bool {
    schema.get("nullable") == Some(&Value::Bool(true))
        || matches!(schema.get("type"), Some(Value::Array(types)) if types.iter().any(|t| t == "null"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_is_drawn_for_an_all_of_only_where_every_member_admits_it() {
        let document = json!({"components": {"schemas": {
            "Open": {"nullable": true, "properties": {"a": {"type": "string"}}},
            "Objects": {"anyOf": [{"type": "object", "properties": {"b": {"type": "string"}}}]},
            "OrNull": {"anyOf": [{"type": "object", "nullable": true, "properties": {"b": {"type": "string"}}}]},
            "Never": {"allOf": [{"$ref": "#/components/schemas/Open"}, {"$ref": "#/components/schemas/Objects"}]},
            "Sometimes": {"allOf": [{"$ref": "#/components/schemas/Open"}, {"$ref": "#/components/schemas/OrNull"}]}
        }}});
        // As a member (a named type itself is never drawn `null`: its fields hold the `null`).
        let nulls = |name: &str| {
            let holder = json!({"type": "object", "required": ["p"],
                "properties": {"p": {"$ref": format!("#/components/schemas/{name}")}}});
            let mut sampler = Sampler::new(&document, name);
            (0..200)
                .filter(|_| sampler.value(&holder).is_some_and(|v| v["p"].is_null()))
                .count()
        };
        assert_eq!(nulls("Never"), 0, "a union of objects none of which is nullable");
        assert!(nulls("Sometimes") > 0, "a member of the union is nullable");
    }

    #[test]
    fn values_follow_the_schema() {
        let document = json!({"components": {"schemas": {
            "Pet": {"type": "object", "required": ["name", "kind"], "properties": {
                "name": {"type": "string", "minLength": 2, "maxLength": 3},
                "kind": {"type": "string", "enum": ["cat", "dog"]},
                "age": {"type": "integer", "minimum": 1, "maximum": 3},
                "born": {"type": "string", "format": "date"}
            }},
            "Shape": {"oneOf": [{"$ref": "#/components/schemas/Circle"}],
                "discriminator": {"propertyName": "shape", "mapping": {"round": "#/components/schemas/Circle"}}},
            "Circle": {"type": "object", "properties": {"shape": {"type": "string"}}},
            "Refined": {"allOf": [{"$ref": "#/components/schemas/Circle"},
                {"properties": {"shape": {"enum": ["square", "round", "oval"]}}},
                {"required": ["shape"], "properties": {"shape": {"enum": ["square"]}}},
                {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}]},
            "Both": {"allOf": [{"$ref": "#/components/schemas/Circle"},
                {"type": "object", "required": ["r"], "properties": {"r": {"type": "number", "maximum": 2}}}]}
        }}});
        for seed in ["a", "b", "c", "d", "e"] {
            let mut sampler = Sampler::new(&document, seed);
            let pet = sampler
                .value(&json!({"$ref": "#/components/schemas/Pet"}))
                .expect("a pet");
            let name = pet["name"].as_str().expect("a name");
            assert!((2..=3).contains(&name.len()), "{pet}");
            assert!(["cat", "dog"].contains(&pet["kind"].as_str().expect("a kind")), "{pet}");
            if let Some(age) = pet.get("age") {
                assert!((1..=3).contains(&age.as_i64().expect("an integer")), "{pet}");
            }
            let shape = sampler
                .value(&json!({"$ref": "#/components/schemas/Shape"}))
                .expect("a shape");
            assert_eq!(shape["shape"], "round");
            let refined = sampler
                .value(&json!({"$ref": "#/components/schemas/Refined"}))
                .expect("refined");
            assert_eq!(refined["shape"], "square", "{refined}");
            let number_or_null = sampler.value(&json!({"anyOf": [{"type": "integer"}, {"type": "null"}]}));
            assert!(number_or_null.is_some_and(|v| v.is_i64() || v.is_null()));
            let both = sampler
                .value(&json!({"$ref": "#/components/schemas/Both"}))
                .expect("both");
            assert!(both["r"].as_f64().is_some_and(|r| r <= 2.0), "{both}");
        }
    }

    #[test]
    fn an_enum_value_its_type_does_not_allow_is_never_drawn() {
        let document = json!({});
        for seed in ["a", "b", "c", "d", "e", "f", "g", "h"] {
            let mut sampler = Sampler::new(&document, seed);
            let status = sampler.value(&json!({"type": "string", "enum": ["new", false, "active"]}));
            assert!(status.as_ref().is_some_and(Value::is_string), "{status:?}");
            assert_eq!(sampler.value(&json!({"type": "string", "enum": [false]})), None);
            let size = sampler.value(&json!({"type": "integer", "enum": [1, 2.5, "3"]}));
            assert_eq!(size, Some(json!(1)));
        }
    }

    /// A member no value is allowed for (`false`) stays so when `allOf` members both define it.
    #[test]
    fn a_member_no_value_is_allowed_for_is_never_drawn_after_a_merge() {
        let document = json!({"components": {"schemas": {
            "Base": {"type": "object", "properties": {"forbidden": false, "kept": {"type": "string"}}},
            "Twice": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/Base"}]}
        }}});
        let mut sampler = Sampler::new(&document, "merge");
        let twice = json!({"$ref": "#/components/schemas/Twice"});
        let values: Vec<Value> = (0..40).filter_map(|_| sampler.value(&twice)).collect();
        assert!(values.iter().any(|v| v.get("kept").is_some()), "{values:?}");
        assert!(values.iter().all(|v| v.get("forbidden").is_none()), "{values:?}");
    }

    /// Properties and `required` beside a union (an `allOf` of an object and a choice): every
    /// value has them as well as a member's.
    #[test]
    fn what_stands_beside_a_union_is_in_every_value() {
        let document = json!({"components": {"schemas": {
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Both": {"allOf": [{"$ref": "#/components/schemas/Base"},
                {"oneOf": [{"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
                           {"type": "object", "required": ["b"], "properties": {"b": {"type": "boolean"}}}]}]}
        }}});
        let mut sampler = Sampler::new(&document, "beside");
        let both = json!({"$ref": "#/components/schemas/Both"});
        let values: Vec<Value> = (0..30).filter_map(|_| sampler.value(&both)).collect();
        assert_eq!(values.len(), 30);
        assert!(values.iter().all(|v| v["id"].is_string()), "{values:?}");
        assert!(
            values.iter().all(|v| v.get("a").is_some() || v.get("b").is_some()),
            "{values:?}"
        );
    }

    #[test]
    fn a_binary_string_has_no_value() {
        let document = json!({});
        let mut sampler = Sampler::new(&document, "x");
        assert_eq!(sampler.value(&json!({"type": "string", "format": "binary"})), None);
    }

    /// An `allOf` or a `oneOf` of a nullable base is `null` only when the wrapper lets it be: its
    /// own `type: object` refuses `null` (3.0: `nullable` counts where `type` is).
    #[test]
    fn an_all_of_or_a_union_is_null_only_when_its_own_type_allows_it() {
        let document = json!({"components": {"schemas": {
            "Base": {"type": "object", "nullable": true, "properties": {"id": {"type": "string"}}},
            "Typed": {"type": "object", "allOf": [{"$ref": "#/components/schemas/Base"}]},
            "Untyped": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"n": {"type": "integer"}}}]},
            "Union": {"type": "object", "oneOf": [{"$ref": "#/components/schemas/Base"}]},
            "Holder": {"type": "object", "required": ["typed", "untyped", "union"], "properties": {
                "typed": {"$ref": "#/components/schemas/Typed"},
                "untyped": {"$ref": "#/components/schemas/Untyped"},
                "union": {"$ref": "#/components/schemas/Union"}
            }}
        }}});
        let mut sampler = Sampler::new(&document, "nulls");
        let holder = json!({"$ref": "#/components/schemas/Holder"});
        let values: Vec<Value> = (0..60).filter_map(|_| sampler.value(&holder)).collect();
        assert_eq!(values.len(), 60);
        assert!(
            values.iter().all(|v| v["typed"].is_object()),
            "a typed wrapper refuses null"
        );
        assert!(values.iter().all(|v| v["union"].is_object()), "so does a typed union");
        assert!(
            values.iter().any(|v| v["untyped"].is_null()),
            "an untyped one lets the base's null through"
        );
        assert!(values.iter().any(|v| v["untyped"].is_object()));
    }
}
