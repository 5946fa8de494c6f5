//! Random OpenAPI documents, written to a folder for `cargo xtask corpus` to measure: the shapes
//! real documents combine (formats, enums of awkward values, unions with and without a
//! discriminator, `allOf` refinements, maps, nullability both ways, every parameter location and
//! style, non-JSON bodies and answers, names that collide or are keywords), drawn at random so
//! that the generator meets combinations nobody wrote a fixture for.
//!
//! `cargo xtask random-documents DIR [--count N] [--seed S]`; then `cargo xtask corpus DIR`.
//! A run is reproducible from its seed.

use std::fs;
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::rng::Xorshift;

/// Writes `count` documents named `random-<seed>-<n>.json` into `dir`.
pub fn write(dir: &Path, count: usize, seed: &str) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for n in 0..count {
        let document = Maker::new(&format!("{seed}-{n}")).document();
        let path = dir.join(format!("random-{seed}-{n}.json"));
        let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Names of schemas, properties and parameters that real documents use and that a generator has
/// to respell: keywords, prelude names, case and separator collisions, leading digits, symbols.
const NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "match",
    "ref",
    "box",
    "async",
    "_",
    "__",
    "16x16",
    "2fa",
    "@id",
    "$ref",
    "a.b",
    "a-b",
    "a_b",
    "aB",
    "AB",
    "A",
    "a",
    "name",
    "Name",
    "NAME",
    "ünïcode",
    "foo bar",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
    "Client",
    "Error",
    "Value",
    "Default",
    "Some",
    "None",
    "Ok",
    "Err",
    "std",
    "serde",
    "status",
    "created_at",
    "createdAt",
    "data",
    "items",
    "next",
    "kind",
    "value",
    "key",
    "body",
    "request",
    "response",
    "",
    "🙂",
    "__proto__",
    "Ω",
    "filter[status]",
    "x-rate-limit",
    "aVeryLongNameThatSomeGeneratorsProduceFromPathsAndVerbsAndKeepGoingForeverAndEverAndEver",
];

/// Enum values as documents write them: case twins, separators, empty, digits, words that are
/// keywords once cased, symbols.
const ENUM_VALUES: &[&str] = &[
    "",
    "a",
    "A",
    "active",
    "Active",
    "ACTIVE",
    "in-progress",
    "in_progress",
    "inProgress",
    "1",
    "1.0",
    "-",
    "+1",
    "-1",
    "-2.5",
    "self",
    "Self",
    "type",
    "null",
    "true",
    "none",
    "None",
    "a b",
    "ünï",
    "*",
    ">=",
    "foo.bar",
    "foo/bar",
    "_",
    "v1",
    "V1",
];

const STRING_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "uuid",
    "email",
    "uri",
    "url",
    "hostname",
    "ipv4",
    "ipv6",
    "byte",
    "password",
    "int64",
    "int32",
    "decimal",
    "duration",
    "uri-reference",
    "unknown-format",
];

const DESCRIPTIONS: &[&str] = &[
    "Plain words.",
    "Has `code`, *emphasis* and a [link](https://example.com).",
    "```\nfenced code, not Rust\n```",
    "Brackets [x] and <b>html</b> and a */ that ends a comment.",
    "A backslash \\ and a quote \" and a # hash.",
    "    indented like code\n\nthen prose",
    "Line one\nline two\n\n- a list\n- of items",
    "See https://example.com/docs?x=1&y=2 for more.",
];

struct Maker {
    rng: Xorshift,
    v31: bool,
    /// The component schemas' names and shapes, decided before any schema is drawn so that any
    /// may name any.
    components: Vec<(String, Shape)>,
}

/// What a component is, so that an `allOf` extends only objects and a union's members are not
/// unions themselves: a loop of those would be a document no value satisfies, not a test.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Object,
    TaggedUnion,
    Union,
    Enum,
    AllOf,
    Array,
    Other,
}

/// Nesting beyond which schemas are scalars or references only.
const DEEPEST: usize = 3;

impl Maker {
    fn new(seed: &str) -> Maker {
        let mut rng = Xorshift::new(seed);
        let v31 = rng.chance(3);
        let mut components = Vec::new();
        let count = 6 + rng.index(14);
        while components.len() < count {
            // A component named `$ref` would make `components/schemas` read as a reference, and
            // one named `` cannot be named by one (`#/components/schemas/` is the map).
            let base = rng
                .pick(NAMES)
                .copied()
                .filter(|n| !matches!(*n, "$ref" | ""))
                .unwrap_or("Thing");
            let name = if components.iter().any(|(c, _)| c == base) {
                format!("{base}{}", components.len())
            } else {
                base.to_owned()
            };
            let shapes = [
                Shape::Object,
                Shape::Object,
                Shape::Object,
                Shape::Object,
                Shape::TaggedUnion,
            ];
            let more = [Shape::Union, Shape::Enum, Shape::AllOf, Shape::Array, Shape::Other];
            let shape = match rng.chance(2) {
                true => rng.pick(&shapes),
                false => rng.pick(&more),
            };
            components.push((name, shape.copied().unwrap_or(Shape::Object)));
        }
        Maker { rng, v31, components }
    }

    fn document(&mut self) -> Value {
        let mut schemas = Map::new();
        for (name, shape) in self.components.clone() {
            let schema = self.named_schema(shape);
            schemas.insert(name, schema);
        }
        let mut paths = Map::new();
        let operations = 3 + self.rng.index(10);
        for n in 0..operations {
            let (path, parameters) = self.path(n);
            let entry = paths.entry(path).or_insert_with(|| json!({}));
            let methods = ["get", "post", "put", "patch", "delete"];
            let method = methods[self.rng.index(methods.len())];
            if let Value::Object(item) = entry
                && !item.contains_key(method)
            {
                // Path parameters declared once for the path, or on each operation.
                let parameters = match !item.contains_key("parameters") && self.rng.chance(3) {
                    true => {
                        item.insert("parameters".to_owned(), Value::Array(parameters));
                        Vec::new()
                    }
                    false => parameters,
                };
                let operation = self.operation(n, method, parameters);
                item.insert(method.to_owned(), operation);
            }
        }
        // Now and then 3.2, read as 3.1: with a `query` operation and a parameter of the whole
        // query string, which the generator leaves out with warnings.
        let v32 = self.v31 && self.rng.chance(3);
        if v32 && let Some(Value::Object(item)) = paths.values_mut().next() {
            let mut search = self.operation(9999, "post", Vec::new());
            search["parameters"] = json!([{"name": "raw", "in": "querystring",
                "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}}]);
            item.insert("query".to_owned(), search);
        }
        // In 3.1, now and then some components are named by an anchor (`$ref: "#node2"`).
        if self.v31 && self.rng.chance(3) {
            self.anchor_some(&mut schemas, &mut paths);
        }
        json!({
            "openapi": if v32 { "3.2.0" } else if self.v31 { "3.1.0" } else { "3.0.3" },
            "info": {"title": "Random", "version": "1.0.0", "description": self.description()},
            "servers": self.servers(),
            "paths": paths,
            "components": {
                "schemas": schemas,
                "responses": {
                    "Problem": {
                        "description": "A problem.",
                        "content": {"application/problem+json": {"schema": {"type": "object", "properties": {"title": {"type": "string"}, "status": {"type": "integer"}}}}},
                    },
                },
                "requestBodies": {
                    "Shared": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": self.reference()}}}},
                },
                "headers": {
                    "Next": {"description": "The next page.", "schema": {"type": "string", "format": "uri"}},
                },
                "parameters": {
                    "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
                    "RequestId": {"name": "X-Request-Id", "in": "header", "schema": {"type": "string", "format": "uuid"}},
                },
                "securitySchemes": {
                    "token": {"type": "http", "scheme": "bearer"},
                    "key": {"type": "apiKey", "in": self.rng.pick(&["header", "query", "cookie"]).copied().unwrap_or("header"), "name": "X-Api-Key"},
                    "basic": {"type": "http", "scheme": "basic"},
                    "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://example.com/token", "scopes": {"read": "read", "write:all": "write"}}}},
                },
            },
            "security": self.security(),
        })
    }

    /// Gives about a third of the object-like components an `$anchor`, and every `$ref` to one
    /// of them (in the components and the paths) names it by the anchor instead.
    fn anchor_some(&mut self, schemas: &mut Map<String, Value>, paths: &mut Map<String, Value>) {
        let mut anchored = Vec::new();
        for (index, (name, schema)) in schemas.iter_mut().enumerate() {
            if let Value::Object(members) = schema
                && !members.contains_key("$ref")
                && self.rng.chance(3)
            {
                let anchor = format!("node{index}");
                members.insert("$anchor".to_owned(), Value::String(anchor.clone()));
                anchored.push((
                    format!("#/components/schemas/{}", escape_pointer(name)),
                    format!("#{anchor}"),
                ));
            }
        }
        fn rewrite(node: &mut Value, anchored: &[(String, String)]) {
            match node {
                Value::Object(members) => {
                    for (key, value) in members.iter_mut() {
                        match (key.as_str(), value) {
                            ("$ref", Value::String(reference)) => {
                                if let Some((_, anchor)) = anchored.iter().find(|(pointer, _)| pointer == reference) {
                                    *reference = anchor.clone();
                                }
                            }
                            (_, value) => rewrite(value, anchored),
                        }
                    }
                }
                Value::Array(items) => items.iter_mut().for_each(|item| rewrite(item, anchored)),
                _ => {}
            }
        }
        for value in schemas.values_mut().chain(paths.values_mut()) {
            rewrite(value, &anchored);
        }
    }

    fn servers(&mut self) -> Value {
        match self.rng.below(3) {
            0 => json!([{"url": "https://api.example.com/v1"}]),
            1 => json!([{
                "url": "https://{region}.example.com/{version}",
                "variables": {"region": {"default": "eu", "enum": ["eu", "us"]}, "version": {"default": "v2"}},
            }]),
            _ => json!([{"url": "/api"}, {"url": "https://sandbox.example.com/api"}]),
        }
    }

    fn security(&mut self) -> Value {
        match self.rng.below(4) {
            0 => json!([{"token": []}]),
            1 => json!([{"key": []}, {"basic": []}]),
            2 => json!([{"oauth": ["read"]}]),
            _ => json!([{"token": [], "key": []}]),
        }
    }

    fn description(&mut self) -> &'static str {
        self.rng.pick(DESCRIPTIONS).copied().unwrap_or("")
    }

    fn name(&mut self) -> &'static str {
        self.rng.pick(NAMES).copied().unwrap_or("x")
    }

    /// A reference to any component.
    fn reference(&mut self) -> Value {
        self.reference_to(&[])
    }

    /// A reference to a component of one of `shapes` (any when empty; an object when there is
    /// none of them).
    fn reference_to(&mut self, shapes: &[Shape]) -> Value {
        let fitting: Vec<&String> = self
            .components
            .iter()
            .filter(|(_, shape)| shapes.is_empty() || shapes.contains(shape))
            .map(|(name, _)| name)
            .collect();
        let name = match self.rng.pick(&fitting) {
            Some(name) => (*name).clone(),
            None => return self.object(DEEPEST),
        };
        json!({"$ref": format!("#/components/schemas/{}", escape_pointer(&name))})
    }

    fn named_schema(&mut self, shape: Shape) -> Value {
        match shape {
            Shape::Object => {
                // What `deep_reference` may name inside it.
                let mut object = self.object(0);
                if let Some(Value::Object(properties)) = object.get_mut("properties") {
                    // One schema in every object: an `allOf` of two of them must not contradict.
                    properties.insert(
                        "deep".into(),
                        json!({"type": "object", "properties": {"x": {"type": "integer"}}}),
                    );
                }
                if self.v31 {
                    object["$defs"] = json!({"Kept": {"type": "object", "properties": {"x": {"type": "number"}}}});
                }
                object
            }
            Shape::TaggedUnion => self.tagged_union(0),
            Shape::Union => self.union(0),
            Shape::Enum => self.enumeration(),
            Shape::AllOf => self.all_of(0),
            Shape::Array => self.array(0),
            // Not a bare reference: a chain of aliases may come back to itself.
            Shape::Other => match self.rng.below(4) {
                0 => self.scalar(),
                1 => self.map(1),
                2 => self.nullable(1),
                _ => json!({"description": self.description()}),
            },
        }
    }

    fn schema(&mut self, depth: usize) -> Value {
        let mut schema = if depth >= DEEPEST {
            match self.rng.below(3) {
                0 => self.reference(),
                _ => self.scalar(),
            }
        } else {
            match self.rng.below(17) {
                16 => self.rare_schema(depth + 1),
                0..=3 => self.scalar(),
                4 | 5 => self.reference(),
                6 => self.enumeration(),
                7 => self.object(depth + 1),
                8 => self.array(depth + 1),
                9 => self.map(depth + 1),
                10 => self.all_of(depth + 1),
                11 => self.union(depth + 1),
                12 => self.tagged_union(depth + 1),
                13 => json!({}),
                14 => json!({"description": self.description()}),
                _ => self.nullable(depth + 1),
            }
        };
        if self.rng.chance(6)
            && let Value::Object(map) = &mut schema
            && !map.contains_key("$ref")
        {
            map.insert("description".into(), json!(self.description()));
        }
        schema
    }

    fn scalar(&mut self) -> Value {
        match self.rng.below(8) {
            0 | 1 => json!({"type": "string"}),
            2 => {
                let format = self.rng.pick(STRING_FORMATS).copied().unwrap_or("uuid");
                json!({"type": "string", "format": format})
            }
            3 => json!({"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-z]+$"}),
            4 => {
                let formats = [None, Some("int32"), Some("int64")];
                let mut schema = json!({"type": "integer"});
                if let Some(Some(format)) = self.rng.pick(&formats) {
                    schema["format"] = json!(format);
                }
                match self.rng.below(4) {
                    0 => schema["minimum"] = json!(0),
                    1 => {
                        schema["minimum"] = json!(1);
                        schema["maximum"] = json!(65535);
                    }
                    2 => schema["maximum"] = json!(9_007_199_254_740_991_u64),
                    _ => {}
                }
                schema
            }
            5 => json!({"type": "number", "format": if self.rng.chance(2) { "float" } else { "double" }}),
            6 => json!({"type": "boolean", "default": false}),
            _ => self.odd_scalar(),
        }
    }

    /// Scalars as fewer documents write them: defaults, unusual formats, `const`, several types.
    fn odd_scalar(&mut self) -> Value {
        match self.rng.below(9) {
            0 => json!({"type": "integer", "format": "int64", "example": 42, "default": 10}),
            1 => json!({"type": "integer", "format": "uint64"}),
            2 => json!({"type": "integer", "format": "uint8", "maximum": 255}),
            3 => {
                json!({"type": "number", "multipleOf": 0.01, "minimum": 0, "maximum": 100, "exclusiveMaximum": self.exclusive(100)})
            }
            4 => json!({"type": "string", "default": "a b", "deprecated": true}),
            5 if self.v31 => json!({"const": self.rng.pick(ENUM_VALUES).copied().unwrap_or("a")}),
            6 if self.v31 => json!({"type": ["string", "integer"]}),
            7 => json!({"type": "string", "format": "binary"}),
            _ => json!({"type": "string", "nullable": !self.v31, "readOnly": true}),
        }
    }

    /// Shapes few documents have, each of which some real one does: `not`, closed tuples,
    /// enums of booleans, numbers or several kinds, closed empty objects, conditionals, members
    /// the object must not have, references into another schema's properties.
    fn rare_schema(&mut self, depth: usize) -> Value {
        match self.rng.below(11) {
            0 => json!({"not": self.scalar()}),
            1 if self.v31 => {
                json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false, "minItems": 2})
            }
            2 => json!({"type": "boolean", "enum": [true]}),
            3 => json!({"enum": [1, "one", null]}),
            4 => json!({"type": "number", "enum": [0.5, 1.5, 2]}),
            5 => json!({"type": "object", "additionalProperties": false}),
            6 if self.v31 => {
                let mut object = self.object(depth);
                object["if"] = json!({"properties": {"kind": {"const": "a"}}});
                object["then"] = json!({"required": ["a"]});
                object["else"] = json!({"required": ["b"]});
                object
            }
            7 if self.v31 => {
                let mut object = self.object(depth);
                if let Some(Value::Object(properties)) = object.get_mut("properties") {
                    properties.insert("forbidden".into(), json!(false));
                }
                object
            }
            8 => self.deep_reference(),
            9 => self.union_of_tagged_unions(),
            _ => json!({"type": "string", "format": "byte", "writeOnly": true}),
        }
    }

    /// An id, or one of two unions of objects tagged by `object` whose tags overlap (Stripe's
    /// live and deleted accounts): the deleted ones have the live ones' tags and one shape.
    fn union_of_tagged_unions(&self) -> Value {
        let object = |tag: &str, more: &str, required_more: bool| {
            let mut required = vec!["id", "object"];
            if required_more {
                required.push(more);
            }
            json!({"type": "object", "required": required, "properties": {
                "id": {"type": "string"},
                "object": {"type": "string", "enum": [tag]},
                more: match more {
                    "deleted" => json!({"type": "boolean", "enum": [true]}),
                    _ => json!({"type": "string"}),
                }
            }})
        };
        json!({"anyOf": [
            {"type": "string", "maxLength": 5000},
            {"anyOf": [object("bank_account", "country", true), object("card", "brand", true)]},
            {"anyOf": [object("bank_account", "deleted", true), object("card", "deleted", true)]}
        ]})
    }

    /// A reference into a component's own schema: a property of an object (`…/X/properties/p`),
    /// or a definition kept beside it (3.1's `$defs`).
    fn deep_reference(&mut self) -> Value {
        let objects: Vec<String> = self
            .components
            .iter()
            .filter(|(_, shape)| *shape == Shape::Object)
            .map(|(name, _)| name.clone())
            .collect();
        match self.rng.pick(&objects) {
            Some(name) => {
                let inside = if self.v31 && self.rng.chance(2) {
                    "$defs/Kept"
                } else {
                    "properties/deep"
                };
                json!({"$ref": format!("#/components/schemas/{}/{inside}", escape_pointer(name))})
            }
            None => self.scalar(),
        }
    }

    /// An exclusive bound as the version writes it: a number in 3.1, a flag beside `maximum` in 3.0.
    fn exclusive(&self, bound: i64) -> Value {
        match self.v31 {
            true => json!(bound),
            false => json!(true),
        }
    }

    fn enumeration(&mut self) -> Value {
        if self.rng.chance(5) {
            let values: Vec<i64> = (0..1 + self.rng.index(4)).map(|n| [0, 1, 2, -1, 100][n]).collect();
            return json!({"type": "integer", "enum": values});
        }
        let mut values: Vec<Value> = Vec::new();
        for _ in 0..1 + self.rng.index(5) {
            let value = json!(self.rng.pick(ENUM_VALUES).copied().unwrap_or("a"));
            if !values.contains(&value) {
                values.push(value);
            }
        }
        if self.rng.chance(6) {
            // An open enum: the known values, or any other string.
            return json!({"anyOf": [{"type": "string", "enum": values}, {"type": "string"}]});
        }
        let mut schema = json!({"type": "string", "enum": values});
        if self.rng.chance(6) {
            schema["default"] = schema["enum"][0].clone();
        }
        if self.rng.chance(4) {
            self.make_nullable(&mut schema);
            if let Some(Value::Array(values)) = schema.get_mut("enum") {
                values.push(Value::Null);
            }
        }
        schema
    }

    fn object(&mut self, depth: usize) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for _ in 0..self.rng.index(7) {
            let name = self.name();
            if properties.contains_key(name) {
                continue;
            }
            let mut property = self.schema(depth);
            if self.rng.chance(8)
                && let Value::Object(map) = &mut property
                && !map.contains_key("$ref")
            {
                let which = if self.rng.chance(2) { "readOnly" } else { "writeOnly" };
                map.insert(which.into(), json!(true));
            }
            if self.rng.chance(2) {
                required.push(json!(name));
            }
            properties.insert(name.to_owned(), property);
        }
        let mut schema = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            schema["required"] = json!(required);
        } else if properties_count(&schema) > 1 && self.rng.chance(6) {
            // "Exactly one of these members".
            schema["minProperties"] = json!(1);
            schema["maxProperties"] = json!(1);
        }
        match self.rng.below(6) {
            0 => schema["additionalProperties"] = json!(true),
            1 => schema["additionalProperties"] = json!(false),
            2 if depth < DEEPEST => schema["additionalProperties"] = self.schema(depth + 1),
            _ => {}
        }
        if self.rng.chance(5) {
            self.make_nullable(&mut schema);
        }
        if self.rng.chance(8) {
            self.validation_keywords(&mut schema);
        }
        schema
    }

    /// Keywords that constrain without changing the shape, as newer documents write them.
    fn validation_keywords(&mut self, schema: &mut Value) {
        let Value::Object(map) = schema else { return };
        match (self.v31, self.rng.below(4)) {
            (true, 0) => map.insert("unevaluatedProperties".into(), json!(false)),
            (true, 1) => map.insert("patternProperties".into(), json!({"^x-": {"type": "string"}})),
            (true, 2) => map.insert("dependentRequired".into(), json!({"a": ["b"]})),
            (false, 0) => map.insert("x-extensible-enum".into(), json!(["a", "b"])),
            (false, 1) => map.insert("x-nullable".into(), json!(true)),
            _ => map.insert("deprecated".into(), json!(true)),
        };
    }

    fn array(&mut self, depth: usize) -> Value {
        let mut schema = json!({"type": "array", "items": self.schema(depth)});
        if self.rng.chance(4) {
            schema["minItems"] = json!(1);
        }
        if self.rng.chance(5) {
            schema["uniqueItems"] = json!(true);
        }
        if self.v31 && self.rng.chance(10) {
            schema["prefixItems"] = json!([{"type": "string"}]);
        }
        schema
    }

    fn map(&mut self, depth: usize) -> Value {
        json!({"type": "object", "additionalProperties": self.schema(depth)})
    }

    /// A `$ref` refined by an `allOf`: an object extended by an object or by another, or any
    /// component narrowed by siblings.
    fn all_of(&mut self, depth: usize) -> Value {
        let base = self.reference_to(&[Shape::Object]);
        match self.rng.below(4) {
            // A base and a choice that is a component of its own: a choice of bases.
            3 if self.components.iter().any(|(_, shape)| *shape == Shape::TaggedUnion) => {
                json!({"allOf": [base, self.reference_to(&[Shape::TaggedUnion])]})
            }
            0 => {
                let mut extension = self.object(depth);
                if let Value::Object(map) = &mut extension {
                    map.remove("nullable");
                    // Names of their own: the base's properties are drawn from the same names,
                    // and a redefinition of another type is a contradiction, which is refused.
                    for key in ["properties", "required"] {
                        if let Some(value) = map.get_mut(key) {
                            *value = suffixed(value);
                        }
                    }
                }
                json!({"allOf": [base, extension]})
            }
            1 => {
                let base = self.reference_to(&[Shape::Object, Shape::Enum, Shape::Array, Shape::TaggedUnion]);
                let mut schema = json!({"allOf": [base], "description": self.description()});
                if self.rng.chance(2) {
                    self.make_nullable(&mut schema);
                }
                schema
            }
            _ => json!({"allOf": [base, self.reference_to(&[Shape::Object])]}),
        }
    }

    /// A `oneOf` or `anyOf` without a discriminator: references, scalars, arrays, `null`.
    fn union(&mut self, depth: usize) -> Value {
        let mut members = Vec::new();
        for _ in 0..2 + self.rng.index(3) {
            let member = match self.rng.below(5) {
                0 | 1 => self.reference_to(&[Shape::Object, Shape::Enum, Shape::Array]),
                2 => self.scalar(),
                3 if depth < DEEPEST => self.array(depth + 1),
                _ => self.object(DEEPEST),
            };
            members.push(member);
        }
        if self.rng.chance(4) {
            members.push(json!({"type": "null"}));
            if !self.v31 {
                members.pop();
                let keyword = if self.rng.chance(2) { "oneOf" } else { "anyOf" };
                return json!({keyword: members, "nullable": true});
            }
        }
        let keyword = if self.rng.chance(2) { "oneOf" } else { "anyOf" };
        json!({keyword: members})
    }

    /// A union of objects told apart by a one-value property, with or without a `discriminator`.
    fn tagged_union(&mut self, depth: usize) -> Value {
        let tag = if self.rng.chance(2) { "type" } else { self.name() };
        let mut members = Vec::new();
        let mut mapping = Map::new();
        let mut used = Vec::new();
        for _ in 0..2 + self.rng.index(3) {
            let value = self.rng.pick(ENUM_VALUES).copied().unwrap_or("a");
            if used.contains(&value) {
                continue;
            }
            used.push(value);
            let mut member = self.object(depth.max(DEEPEST - 1));
            if let Some(Value::Object(properties)) = member.get_mut("properties") {
                properties.insert(tag.to_owned(), json!({"type": "string", "enum": [value]}));
            }
            let required = member
                .as_object_mut()
                .map(|m| m.entry("required").or_insert_with(|| json!([])));
            if let Some(Value::Array(required)) = required
                && !required.contains(&json!(tag))
            {
                required.push(json!(tag));
            }
            if let Value::Object(map) = &mut member {
                map.remove("nullable");
                map.remove("minProperties");
                map.remove("maxProperties");
                map.insert("type".into(), json!("object"));
                map.insert("title".into(), json!(format!("{value} member")));
            }
            mapping.insert(value.to_owned(), member.clone());
            members.push(member);
        }
        let keyword = if self.rng.chance(3) { "anyOf" } else { "oneOf" };
        let mut schema = json!({keyword: members});
        if self.rng.chance(2) {
            schema["discriminator"] = json!({"propertyName": tag});
        }
        schema
    }

    fn nullable(&mut self, depth: usize) -> Value {
        let mut schema = match self.rng.below(3) {
            0 => self.scalar(),
            1 => self.array(depth),
            _ => {
                let base = self.reference_to(&[Shape::Object, Shape::Enum]);
                // 3.0 documents also write `nullable` beside the `$ref` itself.
                if !self.v31
                    && self.rng.chance(2)
                    && let Value::Object(mut reference) = base
                {
                    reference.insert("nullable".to_owned(), json!(true));
                    return Value::Object(reference);
                }
                return json!({"allOf": [base], "nullable": !self.v31});
            }
        };
        self.make_nullable(&mut schema);
        schema
    }

    /// `nullable: true` in 3.0; `"null"` among the types in 3.1.
    fn make_nullable(&mut self, schema: &mut Value) {
        if !self.v31 {
            schema["nullable"] = json!(true);
        } else if let Some(Value::String(kind)) = schema.get("type") {
            schema["type"] = json!([kind.clone(), "null"]);
        }
    }

    /// A path with 0 to 2 parameters in it, and their definitions.
    fn path(&mut self, n: usize) -> (String, Vec<Value>) {
        let segments = ["things", "Things", "thing-groups", "v2", "a.b", "users"];
        let mut path = format!("/{}", segments[self.rng.index(segments.len())]);
        let mut parameters = Vec::new();
        for _ in 0..self.rng.index(3) {
            let name = self.name();
            if parameters.iter().any(|p: &Value| p["name"] == name) {
                continue;
            }
            path.push_str(&format!("/{{{name}}}"));
            let schema = match self.rng.below(4) {
                0 => json!({"type": "integer", "format": "int64"}),
                1 => json!({"type": "string", "format": "uuid"}),
                2 => self.enumeration(),
                _ => json!({"type": "string"}),
            };
            parameters.push(json!({"name": name, "in": "path", "required": true, "schema": schema}));
        }
        if n.is_multiple_of(3) {
            path.push_str(&format!("/n{n}"));
        }
        (path, parameters)
    }

    fn operation(&mut self, n: usize, method: &str, mut parameters: Vec<Value>) -> Value {
        for _ in 0..self.rng.index(5) {
            let name = self.name();
            if parameters.iter().any(|p| p["name"] == name) {
                continue;
            }
            let location = ["query", "query", "query", "header", "cookie"][self.rng.index(5)];
            let mut parameter = json!({"name": name, "in": location, "required": self.rng.chance(3)});
            let schema = match self.rng.below(6) {
                0 => json!({"type": "array", "items": self.scalar()}),
                1 => self.enumeration(),
                2 if location == "query" => {
                    parameter["style"] = json!(if self.rng.chance(2) { "deepObject" } else { "form" });
                    self.object(DEEPEST)
                }
                _ => self.scalar(),
            };
            if location == "query" && self.rng.chance(4) {
                parameter["explode"] = json!(false);
            }
            if location == "query" && schema["type"] == "array" && self.rng.chance(3) {
                let style = if self.rng.chance(2) {
                    "pipeDelimited"
                } else {
                    "spaceDelimited"
                };
                parameter["style"] = json!(style);
            }
            if location == "query" && self.rng.chance(10) {
                // A value sent as one serialized JSON text.
                parameter["content"] = json!({"application/json": {"schema": schema}});
                parameters.push(parameter);
                continue;
            }
            parameter["schema"] = schema;
            parameters.push(parameter);
        }
        if self.rng.chance(4) {
            let shared = self.rng.pick(&["Limit", "RequestId"]).copied().unwrap_or("Limit");
            if !parameters
                .iter()
                .any(|p| p["$ref"].as_str().is_some_and(|r| r.ends_with(shared)))
            {
                parameters.push(json!({"$ref": format!("#/components/parameters/{shared}")}));
            }
        }
        let mut operation = json!({
            "summary": self.description(),
            "parameters": parameters,
            "responses": self.responses(),
        });
        if !self.rng.chance(8) {
            let ids = [
                "listThings",
                "list_things",
                "get-thing",
                "Thing.Get",
                "123go",
                "do it",
                "ünï",
            ];
            // Now and then a bare name that the client or its mock already has (its own functions,
            // trait methods, the runtime mock's methods): one operation per document may take it.
            let bare = [
                "clone", "into", "new", "builder", "http", "verify", "uri", "fmt", "deref", "default",
            ];
            let id = ids[self.rng.index(ids.len())];
            operation["operationId"] = if self.rng.chance(6) {
                json!(bare[self.rng.index(bare.len())])
            } else {
                json!(format!("{id}{n}"))
            };
        }
        if self.rng.chance(2) {
            let tags = [self.name(), "Café Orders", "123 numbers", "a/b"];
            operation["tags"] = json!([tags[self.rng.index(tags.len())]]);
        }
        match self.rng.below(8) {
            0 => operation["security"] = json!([]),
            1 => operation["security"] = json!([{"oauth": ["write:all"]}, {}]),
            2 => operation["deprecated"] = json!(true),
            _ => {}
        }
        // Now and then a GET or DELETE with a body, as some documents have.
        if (method != "get" && method != "delete" && !self.rng.chance(4)) || self.rng.chance(20) {
            operation["requestBody"] = match self.rng.chance(6) {
                true => json!({"$ref": "#/components/requestBodies/Shared"}),
                false => self.request_body(),
            };
        }
        if self.rng.chance(10) {
            // What the server calls back: not the client's to send.
            operation["callbacks"] = json!({"done": {"{$request.body#/callbackUrl}": {"post": {
                "requestBody": {"content": {"application/json": {"schema": self.reference()}}},
                "responses": {"200": {"description": "ok"}},
            }}}});
        }
        operation
    }

    fn request_body(&mut self) -> Value {
        let (media, schema) = match self.rng.below(8) {
            0 => {
                let mut schema = self.object(DEEPEST - 1);
                if let Some(Value::Object(properties)) = schema.get_mut("properties") {
                    properties.insert("name".into(), json!({"type": "string"}));
                }
                if let Value::Object(map) = &mut schema {
                    for keyword in ["nullable", "minProperties", "maxProperties"] {
                        map.remove(keyword);
                    }
                    map.insert("type".into(), json!("object"));
                }
                ("application/x-www-form-urlencoded", schema)
            }
            1 => {
                let file = json!({"type": "string", "format": "binary"});
                let mut schema = self.object(DEEPEST);
                if let Some(Value::Object(properties)) = schema.get_mut("properties") {
                    properties.insert("file".into(), file);
                }
                if let Value::Object(map) = &mut schema {
                    for keyword in ["nullable", "minProperties", "maxProperties"] {
                        map.remove(keyword);
                    }
                    map.insert("type".into(), json!("object"));
                }
                ("multipart/form-data", schema)
            }
            2 => (
                "application/octet-stream",
                json!({"type": "string", "format": "binary"}),
            ),
            // Several media types for one body: JSON under a parameterised name beside XML.
            3 if self.rng.chance(2) => {
                let schema = self.schema(1);
                return json!({"required": true, "content": {
                    "application/xml": {"schema": {"type": "string"}},
                    "application/json; charset=utf-8": {"schema": schema},
                }});
            }
            3 => ("text/plain", json!({"type": "string"})),
            _ => ("application/json", self.schema(1)),
        };
        json!({"required": self.rng.chance(2), "content": {media: {"schema": schema}}})
    }

    fn responses(&mut self) -> Value {
        let mut responses = Map::new();
        let codes = ["200", "201", "202", "204", "400", "404", "409", "4XX", "5XX", "default"];
        for _ in 0..1 + self.rng.index(4) {
            let code = codes[self.rng.index(codes.len())];
            let mut response = json!({"description": self.description()});
            if code != "204" {
                match self.rng.below(7) {
                    6 => {
                        // Streams: server-sent events, JSON lines, anything.
                        let media = ["text/event-stream", "application/x-ndjson", "*/*", "application/jsonl"];
                        let media = media[self.rng.index(media.len())];
                        response["content"] = json!({media: {"schema": self.schema(2)}});
                    }
                    0 => response["content"] = json!({"text/plain": {"schema": {"type": "string"}}}),
                    1 => {
                        response["content"] =
                            json!({"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}})
                    }
                    2 => {}
                    _ => response["content"] = json!({"application/json": {"schema": self.schema(1)}}),
                }
            }
            if code != "204" && !code.starts_with('2') && self.rng.chance(4) {
                responses.insert(code.to_owned(), json!({"$ref": "#/components/responses/Problem"}));
                continue;
            }
            if self.rng.chance(5) {
                let header = self.name();
                response["headers"] = json!({header: {"schema": self.scalar()}});
                if self.rng.chance(2) {
                    response["headers"]["Link"] = json!({"$ref": "#/components/headers/Next"});
                }
            }
            if self.rng.chance(10) {
                response["links"] =
                    json!({"self": {"operationId": "missing", "parameters": {"id": "$response.body#/id"}}});
            }
            responses.insert(code.to_owned(), response);
        }
        Value::Object(responses)
    }
}

fn properties_count(schema: &Value) -> usize {
    schema.get("properties").and_then(Value::as_object).map_or(0, Map::len)
}

/// Property names (the keys of `properties`, or the names `required` lists) with `_more` added.
fn suffixed(names: &Value) -> Value {
    match names {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (format!("{k}_more"), v.clone())).collect()),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| item.as_str().map_or(item.clone(), |name| json!(format!("{name}_more"))))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A component name as it is written in a `$ref` (RFC 6901).
fn escape_pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::Maker;

    fn references(node: &Value, out: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("$ref", Value::String(reference)) => out.push(reference.clone()),
                        _ => references(value, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| references(item, out)),
            _ => {}
        }
    }

    #[test]
    fn documents_are_reproducible_and_their_references_resolve() {
        for n in 0..50 {
            let seed = format!("test-{n}");
            let document = Maker::new(&seed).document();
            assert_eq!(document, Maker::new(&seed).document());
            let mut found = Vec::new();
            references(&document, &mut found);
            for reference in found {
                let pointer = reference.trim_start_matches('#');
                let anchored = || {
                    let schemas = document["components"]["schemas"].as_object();
                    schemas.is_some_and(|s| s.values().any(|schema| schema["$anchor"] == pointer))
                };
                let resolves = match pointer.starts_with('/') {
                    true => document.pointer(pointer).is_some(),
                    false => anchored(),
                };
                assert!(resolves, "{reference} in {seed}");
            }
            assert!(document["paths"].as_object().is_some_and(|p| !p.is_empty()), "{seed}");
        }
    }
}
