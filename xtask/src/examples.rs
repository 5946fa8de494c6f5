//! A document's own examples, decoded into the generated types and encoded again: what is lost.
//!
//! The generator names every place whose examples are values of one generated type
//! ([`clientgen::example_targets`]); this module finds the examples there, writes a program that
//! decodes each into its type and encodes it back, and reads what the program reports.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use clientgen::example_targets::{ExampleTarget, TargetPlace};
use serde_json::Value;

/// One example and the type it should decode into.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Where the example is (`/components/schemas/Pet/example`).
    pub at: String,
    pub rust_type: String,
    pub value: Value,
}

/// Every example at the targets' places, each once per type.
pub fn samples(document: &Value, targets: &[ExampleTarget]) -> Vec<Sample> {
    let mut out: Vec<Sample> = Vec::new();
    for target in targets {
        // A document may spell a range `2xx`; the generator reads it as `2XX`.
        let lower_range = || walk(document, &target.pointer.replace("XX", "xx"));
        let node = walk(document, &target.pointer)
            .or_else(|| (target.place == TargetPlace::Response).then(lower_range).flatten());
        let Some(node) = node else { continue };
        let found = match target.place {
            // Not through a `$ref`: the referenced schema's examples are its own type's.
            TargetPlace::Schema => schema_examples(node, &target.pointer),
            TargetPlace::Media => media_examples(document, resolve(document, node), &target.pointer),
            TargetPlace::Response => response_examples(document, resolve(document, node), &target.pointer),
        };
        for (at, value) in found {
            let sample = Sample {
                at,
                rust_type: target.rust_type.clone(),
                value: value.clone(),
            };
            if !out.contains(&sample) {
                out.push(sample);
            }
        }
    }
    out
}

/// `per_type` random values of each generated named type's schema ([`crate::random_values`]),
/// placed at `random:<pointer>/<n>`.
pub fn random_samples(document: &Value, targets: &[ExampleTarget], per_type: usize) -> Vec<Sample> {
    let mut out = Vec::new();
    // A named type's Rust type is its bare name; fields of plain types are `::std::…`.
    let named = targets
        .iter()
        .filter(|t| t.place == TargetPlace::Schema && !t.rust_type.contains("::"));
    for target in named {
        // A type made of one entry of a 3.1 `type` list points at that entry, a string, not a
        // schema: the union it belongs to is drawn from instead.
        let Some(schema) = walk(document, &target.pointer).filter(|s| s.is_object() || s.is_boolean()) else {
            continue;
        };
        for n in 0..per_type {
            let at = format!("{RANDOM}{}/{n}", target.pointer);
            let mut sampler = crate::random_values::Sampler::new(document, &at);
            if let Some(value) = sampler.value(schema) {
                out.push(Sample {
                    at,
                    rust_type: target.rust_type.clone(),
                    value,
                });
            }
        }
    }
    out
}

/// How the places of random samples start.
const RANDOM: &str = "random:";

/// A schema's `example` (unless `null`, which 3.0 cannot tell from none) and its 3.1 `examples`.
fn schema_examples<'a>(schema: &'a Value, pointer: &str) -> Vec<(String, &'a Value)> {
    let mut out = Vec::new();
    if let Some(example) = schema.get("example").filter(|v| !v.is_null()) {
        out.push((format!("{pointer}/example"), example));
    }
    if let Some(Value::Array(examples)) = schema.get("examples") {
        out.extend((examples.iter().enumerate()).map(|(i, example)| (format!("{pointer}/examples/{i}"), example)));
    }
    out
}

/// A media type object's `example` and the `value` of each of its `examples` (an example object
/// may be a `$ref`; one with only an `externalValue` is not read).
fn media_examples<'a>(document: &'a Value, media: &'a Value, pointer: &str) -> Vec<(String, &'a Value)> {
    let mut out = Vec::new();
    if let Some(example) = media.get("example").filter(|v| !v.is_null()) {
        out.push((format!("{pointer}/example"), example));
    }
    if let Some(Value::Object(examples)) = media.get("examples") {
        for (name, example) in examples {
            if let Some(value) = resolve(document, example).get("value") {
                out.push((format!("{pointer}/examples/{}", escape(name)), value));
            }
        }
    }
    out
}

/// The examples of a response's JSON media type (`application/json` first, else the first whose
/// name says JSON, as the generator chooses).
fn response_examples<'a>(document: &'a Value, response: &'a Value, pointer: &str) -> Vec<(String, &'a Value)> {
    let Some(Value::Object(content)) = response.get("content") else {
        return Vec::new();
    };
    let chosen = content
        .get_key_value("application/json")
        .or_else(|| content.iter().find(|(name, _)| name.contains("json")));
    match chosen {
        Some((name, media)) => media_examples(
            document,
            resolve(document, media),
            &format!("{pointer}/content/{}", escape(name)),
        ),
        None => Vec::new(),
    }
}

/// Follows a chain of local `$ref`s (a bounded number: a cycle of references ends somewhere): JSON
/// pointers, and 3.1 anchors (`#node`) that a component schema, or one of its `$defs`, declares.
pub(crate) fn resolve<'a>(document: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let target = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|fragment| match fragment.starts_with('/') || fragment.is_empty() {
                true => document.pointer(fragment),
                false => anchored(document, fragment),
            });
        match target {
            Some(target) => node = target,
            None => break,
        }
    }
    node
}

/// The component schema (or a `$defs` member of one) that declares the anchor `name`.
fn anchored<'a>(document: &'a Value, name: &str) -> Option<&'a Value> {
    let declares = |schema: &Value| {
        ["$anchor", "$dynamicAnchor"]
            .iter()
            .any(|k| schema.get(*k).and_then(Value::as_str) == Some(name))
    };
    let schemas = document.pointer("/components/schemas")?.as_object()?;
    schemas.values().find_map(|schema| {
        let defs = schema.get("$defs").and_then(Value::as_object);
        std::iter::once(schema)
            .chain(defs.into_iter().flat_map(|defs| defs.values()))
            .find(|candidate| declares(candidate))
    })
}

/// The node at a JSON pointer, following `$ref`s on the way (not at the end).
fn walk<'a>(document: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = document;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match resolve(document, node) {
            Value::Object(members) => members.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The program (`examples/round_trip.rs` of the crate `crate_name`) that tries every sample and
/// prints one line per sample: `kind<TAB>where<TAB>detail`.
pub fn program(crate_name: &str, samples: &[Sample]) -> String {
    let mut out = String::from(HARNESS);
    let _ = writeln!(out, "\nuse {}::*;\n\nfn main() {{", crate_name.replace('-', "_"));
    out.push_str("    let mut tally = harness::Tally;\n");
    for sample in samples {
        let _ = writeln!(
            out,
            "    tally.check::<{}>({}, {});",
            sample.rust_type,
            raw_string(&sample.at),
            raw_string(&sample.value.to_string())
        );
    }
    out.push_str("}\n");
    out
}

/// A raw string literal of `text`, with as many `#` as it needs.
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// What the program reported, by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// How many samples came back the same, or the same but spelled otherwise.
    pub same: usize,
    pub respelled: usize,
    /// Every other kind (`decode`, `dropped`, `changed`, …) with its lines' places and details.
    pub problems: BTreeMap<String, Vec<String>>,
}

/// The report of one program: the examples', and the random values'.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcomes {
    pub examples: Outcome,
    pub random: Outcome,
}

impl Outcomes {
    pub fn read(stdout: &str) -> Outcomes {
        let mut outcomes = Outcomes::default();
        for line in stdout.lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(kind), Some(at), detail) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let outcome = if at.starts_with(RANDOM) {
                &mut outcomes.random
            } else {
                &mut outcomes.examples
            };
            match kind {
                "same" => outcome.same += 1,
                "respelled" => outcome.respelled += 1,
                kind => outcome
                    .problems
                    .entry(kind.to_owned())
                    .or_default()
                    .push(format!("{at}: {}", detail.unwrap_or(""))),
            }
        }
        outcomes
    }
}

impl Outcome {
    pub fn failed(&self) -> usize {
        self.problems.values().map(Vec::len).sum()
    }
}

/// The part of the program that does not depend on the document. It imports nothing from the
/// crate into the harness's module, so that a generated type named `Value` is no trouble.
const HARNESS: &str = r##"//! The document's own examples, decoded into the generated types and encoded again
//! (written by `cargo xtask corpus --examples`).
#![allow(clippy::all, unused_imports)]

mod harness {
    use ::serde_json::Value;

    pub struct Tally;

    impl Tally {
        pub fn check<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(&mut self, at: &str, json: &str) {
            let report = |kind: &str, detail: &str| println!("{kind}\t{at}\t{}", detail.replace(['\n', '\t'], " "));
            let Ok(original) = ::serde_json::from_str::<Value>(json) else {
                return report("unread", "");
            };
            let decoded = match ::serde_json::from_str::<T>(json) {
                Ok(decoded) => decoded,
                // Some documents write an example as JSON text in a string: judge that JSON.
                Err(e) => match &original {
                    Value::String(text) if text.starts_with(['{', '[']) && ::serde_json::from_str::<Value>(text).is_ok() => {
                        return self.check::<T>(at, text);
                    }
                    _ => return report("decode", &e.to_string()),
                },
            };
            let encoded = match ::serde_json::to_value(&decoded) {
                Ok(encoded) => encoded,
                Err(e) => return report("encode", &e.to_string()),
            };
            let mut respelled = false;
            match difference(&original, &encoded, "", &mut respelled) {
                Some((kind, detail)) => report(kind, &detail),
                None if respelled => report("respelled", ""),
                None => report("same", ""),
            }
        }
    }

    fn short(value: &Value) -> String {
        value.to_string().chars().take(80).collect()
    }

    /// The first difference that loses something; `respelled` is set where a value comes back
    /// meaning the same, spelled otherwise (a date-time's offset, a uuid's case, `1.0` as `1`).
    fn difference(sent: &Value, back: &Value, path: &str, respelled: &mut bool) -> Option<(&'static str, String)> {
        match (sent, back) {
            (Value::Object(sent), Value::Object(back)) => {
                for (key, value) in sent {
                    let at = format!("{path}/{key}");
                    match back.get(key) {
                        Some(came) => {
                            if let Some(found) = difference(value, came, &at, respelled) {
                                return Some(found);
                            }
                        }
                        None if value.is_null() => return Some(("null-dropped", at)),
                        None => return Some(("dropped", format!("{at}: {}", short(value)))),
                    }
                }
                let added = back.iter().find(|(key, _)| !sent.contains_key(*key));
                added.map(|(key, value)| ("added", format!("{path}/{key}: {}", short(value))))
            }
            (Value::Array(sent), Value::Array(back)) if sent.len() == back.len() => sent
                .iter()
                .zip(back)
                .enumerate()
                .find_map(|(i, (a, b))| difference(a, b, &format!("{path}/{i}"), respelled)),
            (Value::Number(a), Value::Number(b)) if a != b => match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) if x == y || (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs()) * 4.0 => {
                    *respelled = true;
                    None
                }
                _ => Some(("changed", format!("{path}: {a} → {b}"))),
            },
            (Value::String(a), Value::String(b)) if a != b => {
                if same_meaning(a, b) {
                    *respelled = true;
                    None
                } else {
                    Some(("changed", format!("{path}: {} → {}", short(sent), short(back))))
                }
            }
            _ if sent == back => None,
            _ => Some(("changed", format!("{path}: {} → {}", short(sent), short(back)))),
        }
    }

    /// The same instant, uuid or IP address, spelled two ways.
    fn same_meaning(a: &str, b: &str) -> bool {
        use ::clientgen_runtime::chrono::DateTime;
        let instant = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
                .ok()
        };
        if let (Some(x), Some(y)) = (instant(a), instant(b)) {
            return x == y;
        }
        let uuid = |s: &str| ::clientgen_runtime::uuid::Uuid::parse_str(s).ok();
        if let (Some(x), Some(y)) = (uuid(a), uuid(b)) {
            return x == y;
        }
        let ip = |s: &str| s.parse::<::std::net::IpAddr>().ok();
        matches!((ip(a), ip(b)), (Some(x), Some(y)) if x == y)
    }
}
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn target(pointer: &str, place: TargetPlace) -> ExampleTarget {
        ExampleTarget {
            pointer: pointer.to_owned(),
            place,
            rust_type: "Pet".to_owned(),
        }
    }

    #[test]
    fn examples_are_found_through_refs_and_example_objects() {
        let document = json!({
            "paths": {"/pets": {"post": {
                "requestBody": {"$ref": "#/components/requestBodies/NewPet"},
                "responses": {"200": {"$ref": "#/components/responses/Pet"}}
            }}},
            "components": {
                "schemas": {"Pet": {"example": {"name": "a"}, "examples": [{"name": "b"}],
                    "properties": {"owner": {"$ref": "#/components/schemas/Owner"}}},
                    "Owner": {"example": {"id": 1}}},
                "requestBodies": {"NewPet": {"content": {"application/json": {
                    "examples": {"one": {"$ref": "#/components/examples/One"}, "far": {"externalValue": "x"}}}}}},
                "responses": {"Pet": {"content": {"text/plain": {"example": "no"},
                    "application/problem+json": {"example": {"name": "c"}}}}},
                "examples": {"One": {"value": {"name": "d"}}}
            }
        });
        let targets = [
            target("/components/schemas/Pet", TargetPlace::Schema),
            target("/components/schemas/Pet/properties/owner", TargetPlace::Schema),
            target(
                "/paths/~1pets/post/requestBody/content/application~1json",
                TargetPlace::Media,
            ),
            target("/paths/~1pets/post/responses/200", TargetPlace::Response),
        ];
        let found: Vec<(String, Value)> = samples(&document, &targets)
            .into_iter()
            .map(|s| (s.at, s.value))
            .collect();
        assert_eq!(
            found,
            vec![
                ("/components/schemas/Pet/example".to_owned(), json!({"name": "a"})),
                ("/components/schemas/Pet/examples/0".to_owned(), json!({"name": "b"})),
                (
                    "/paths/~1pets/post/requestBody/content/application~1json/examples/one".to_owned(),
                    json!({"name": "d"})
                ),
                (
                    "/paths/~1pets/post/responses/200/content/application~1problem+json/example".to_owned(),
                    json!({"name": "c"})
                ),
            ]
        );
    }

    #[test]
    fn raw_strings_hold_any_text() {
        assert_eq!(raw_string("a"), "r#\"a\"#");
        assert_eq!(raw_string("say \"#hi\""), "r##\"say \"#hi\"\"##");
    }

    #[test]
    fn the_report_is_read_by_kind() {
        let outcomes = Outcomes::read(
            "same\t/a\t\nrespelled\t/b\t\ndecode\t/c\tmissing field `x`\nsame\t/d\t\nsame\trandom:/e/0\t\n",
        );
        let outcome = &outcomes.examples;
        assert_eq!((outcome.same, outcome.respelled, outcome.failed()), (2, 1, 1));
        assert_eq!(outcome.problems["decode"], vec!["/c: missing field `x`".to_owned()]);
        assert_eq!((outcomes.random.same, outcomes.random.failed()), (1, 0));
    }
}
