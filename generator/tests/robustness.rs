//! Mutates real documents (slices of the Katapult Core API, and the mini fixture) and asserts that
//! the generator never panics and that every error names a JSON pointer that exists in its input.
//!
//! `robustness_in_ci` runs 10,000 cases; `robustness_long` (ignored) runs
//! `ROBUSTNESS_CASES` (default 200,000): `cargo test --release -p clientgen --test generator robustness -- --ignored`.
//! A failure prints the seed and case number; `ROBUSTNESS_SEED` replays a run.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use clientgen::{Config, Location, OperationSelector};
use serde_json::{Map, Value, json};

const KATAPULT: &str = include_str!("../../spec/katapult-core-openapi.json");
const MINI: &str = include_str!("fixtures/mini.yaml");

/// Every `$ref` string below `node`.
fn refs_in(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => refs_in(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs_in(v, out)),
        _ => {}
    }
}

/// A real document cut down to `paths` and the components they reach, so each case is small.
fn slice(doc: &Value, paths: &[&str]) -> Value {
    let mut kept_paths = Map::new();
    for p in paths {
        kept_paths.insert((*p).to_owned(), doc["paths"][*p].clone());
    }
    let mut pending = Vec::new();
    refs_in(&Value::Object(kept_paths.clone()), &mut pending);
    let mut seen = BTreeSet::new();
    let mut components = json!({});
    while let Some(reference) = pending.pop() {
        if !seen.insert(reference.clone()) {
            continue;
        }
        let Some(pointer) = reference.strip_prefix('#') else {
            continue;
        };
        let Some(target) = doc.pointer(pointer) else { continue };
        let parts: Vec<&str> = pointer.trim_start_matches('/').splitn(3, '/').collect();
        if let [_, kind, name] = parts.as_slice() {
            components[*kind][*name] = target.clone();
        }
        refs_in(target, &mut pending);
    }
    components["securitySchemes"] = doc["components"]["securitySchemes"].clone();
    json!({
        "openapi": doc["openapi"], "info": doc["info"], "servers": doc["servers"],
        "paths": kept_paths, "components": components,
    })
}

fn bases() -> Vec<Value> {
    let katapult: Value = serde_json::from_str(KATAPULT).expect("spec is JSON");
    let paths: Vec<String> = katapult["paths"].as_object().expect("paths").keys().cloned().collect();
    let mut bases: Vec<Value> = paths
        .chunks(16)
        .map(|chunk| {
            let chunk: Vec<&str> = chunk.iter().map(String::as_str).take(2).collect();
            slice(&katapult, &chunk)
        })
        .collect();
    bases.push(slice(
        &katapult,
        &["/object_storage/access_keys/access_key/generate_credentials"],
    ));
    for fixture in [
        MINI,
        include_str!("fixtures/constructs.yaml"),
        include_str!("fixtures/collisions.yaml"),
        include_str!("fixtures/openapi-examples/petstore-expanded.yaml"),
        include_str!("fixtures/openapi-examples/uspto.yaml"),
        include_str!("fixtures/openapi-examples/link-example.yaml"),
        include_str!("fixtures/constructs-3.1.yaml"),
        include_str!("fixtures/openapi-examples/v3.1/mega.yaml"),
        include_str!("fixtures/openapi-examples/v3.1/schema.yaml"),
        include_str!("fixtures/names.yaml"),
        // Shapes the loader rewrites (a choice among `allOf` members, rules beside properties).
        include_str!("../../xtask/probes/compositions.yaml"),
    ] {
        bases.push(yaml_serde::from_str(fixture).expect("fixture"));
    }
    bases
}

/// Paths (as pointer tokens) of every node, for picking one at random.
fn all_pointers(node: &Value, here: &str, out: &mut Vec<String>) {
    out.push(here.to_owned());
    match node {
        Value::Object(map) => {
            for (k, v) in map {
                all_pointers(v, &format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                all_pointers(v, &format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn parent_and_key(pointer: &str) -> Option<(&str, String)> {
    let (parent, key) = pointer.rsplit_once('/')?;
    Some((parent, key.replace("~1", "/").replace("~0", "~")))
}

const ODD_NAMES: &[&str] = &[
    "",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "fn",
    "r#type",
    "_",
    "名前",
    "größe",
    "émoji😀",
    "1st",
    "a-b",
    "a_b",
    "A B",
    "Error",
    "Client",
    "foo[]",
    "x:y",
    "~",
    "/",
];

fn random_value(rng: &mut fastrand::Rng) -> Value {
    match rng.usize(0..11) {
        // What 3.1 added: type arrays, `const`, boolean schemas.
        8 => json!({"type": ["string", "null"]}),
        9 => json!({"const": ODD_NAMES[rng.usize(0..ODD_NAMES.len())]}),
        10 => json!(rng.bool()),
        0 => Value::Null,
        1 => json!(rng.i64(..)),
        2 => json!(rng.bool()),
        3 => json!(ODD_NAMES[rng.usize(0..ODD_NAMES.len())]),
        4 => json!({}),
        5 => json!([]),
        6 => {
            let types = ["string", "integer", "object", "array", "boolean", "number", "nonsense"];
            json!({"type": types[rng.usize(0..types.len())]})
        }
        _ => json!({"$ref": "#/components/schemas/Missing"}),
    }
}

/// Applies one random mutation; returns a short description of it.
fn mutate(doc: &mut Value, rng: &mut fastrand::Rng) -> String {
    let mut pointers = Vec::new();
    all_pointers(doc, "", &mut pointers);
    let target = pointers[rng.usize(1..pointers.len())].clone();
    match rng.usize(0..9) {
        // Delete a node.
        0 => {
            let Some((parent, key)) = parent_and_key(&target) else {
                return "noop".into();
            };
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&key);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = key.parse::<usize>()
                        && i < items.len()
                    {
                        items.remove(i);
                    }
                }
                _ => {}
            }
            format!("delete {target}")
        }
        // Retype a node.
        1 | 2 => {
            if let Some(node) = doc.pointer_mut(&target) {
                *node = random_value(rng);
            }
            format!("retype {target}")
        }
        // Dangle or loop a `$ref`.
        3 => {
            let refs: Vec<&String> = pointers.iter().filter(|p| p.ends_with("/$ref")).collect();
            let Some(at) = refs.get(rng.usize(0..refs.len().max(1))).map(|at| (*at).clone()) else {
                return "noop".into();
            };
            let (component, _) = at.trim_start_matches('/').split_once('/').unwrap_or(("", ""));
            let replacement = match rng.usize(0..4) {
                0 => "#/components/schemas/DoesNotExist".to_owned(),
                1 => "other.json#/Foo".to_owned(),
                2 => format!("#{}", at.trim_end_matches("/$ref")),
                _ => format!("#/{component}"),
            };
            if let Some(node) = doc.pointer_mut(&at) {
                *node = json!(replacement);
            }
            format!("re-point {at} to {replacement}")
        }
        // A component schema that refers to itself, or two that refer to each other.
        4 => {
            let names: Vec<String> = doc["components"]["schemas"]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            if names.len() < 2 {
                return "noop".into();
            }
            let a = &names[rng.usize(0..names.len())];
            let b = &names[rng.usize(0..names.len())];
            doc["components"]["schemas"][a] = json!({"$ref": format!("#/components/schemas/{b}")});
            doc["components"]["schemas"][b] = json!({"$ref": format!("#/components/schemas/{a}")});
            format!("loop {a} <-> {b}")
        }
        // Rename a key: empty, keyword, non-ASCII, colliding.
        5 | 6 => {
            let Some((parent, key)) = parent_and_key(&target) else {
                return "noop".into();
            };
            let Some(Value::Object(map)) = doc.pointer_mut(parent) else {
                return "noop".into();
            };
            let Some(value) = map.remove(&key) else {
                return "noop".into();
            };
            let new_key = match rng.usize(0..3) {
                0 => ODD_NAMES[rng.usize(0..ODD_NAMES.len())].to_owned(),
                1 => heck::ToUpperCamelCase::to_upper_camel_case(key.as_str()),
                _ => format!("{key}_"),
            };
            map.insert(new_key.clone(), value);
            format!("rename {target} to {new_key:?}")
        }
        // Duplicate an operationId.
        7 => {
            let ids: Vec<&String> = pointers.iter().filter(|p| p.ends_with("/operationId")).collect();
            if ids.len() < 2 {
                return "noop".into();
            }
            let from = ids[rng.usize(0..ids.len())];
            let to = ids[rng.usize(0..ids.len())];
            let value = doc.pointer(from).cloned().unwrap_or(Value::Null);
            if let Some(node) = doc.pointer_mut(to) {
                *node = value;
            }
            format!("copy {from} to {to}")
        }
        // A huge enum: more variants than a byte counts, and than most real enums have. (Up to
        // 3,000 made this tenth of the mutations two fifths of the test's time, all in formatting.)
        _ => {
            let values: Vec<String> = (0..rng.usize(100..1000)).map(|i| format!("value_{i}")).collect();
            if let Some(node) = doc.pointer_mut(&target) {
                *node = json!({"type": "string", "enum": values});
            }
            format!("huge enum at {target}")
        }
    }
}

fn run(cases: usize) {
    let seed = std::env::var("ROBUSTNESS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6b61_7461);
    let mut rng = fastrand::Rng::with_seed(seed);
    let bases = bases();
    let config = Config::new().operation(OperationSelector::All).error_envelope("error");
    let mut skipping = config.clone();
    skipping.unsupported = clientgen::Unsupported::Skip;
    let (mut generated, mut refused) = (0usize, 0usize);
    for case in 0..cases {
        let mut doc = bases[rng.usize(0..bases.len())].clone();
        let steps: Vec<String> = (0..rng.usize(1..4)).map(|_| mutate(&mut doc, &mut rng)).collect();
        let text = doc.to_string();
        // Half the cases leave unsupported operations out instead of failing.
        let config = if case % 2 == 0 { &config } else { &skipping };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            clientgen::generate_report(&text, config, "fuzzed.json")
        }));
        match outcome {
            Err(_) => panic!("seed {seed} case {case}: the generator panicked after {steps:?}"),
            Ok(Ok(report)) => {
                generated += 1;
                for problem in &report.skipped {
                    let pointer = problem
                        .pointer()
                        .unwrap_or_else(|| panic!("skipped without a pointer: {problem}"));
                    assert!(
                        doc.pointer(pointer.trim_start_matches('#')).is_some(),
                        "seed {seed} case {case}: skipped at {pointer}, which is not in the input\n{problem}"
                    );
                }
            }
            Ok(Err(err)) => {
                refused += 1;
                match &err.location {
                    Location::Spec(pointer) => {
                        let path = pointer
                            .strip_prefix('#')
                            .unwrap_or_else(|| panic!("pointer without #: {err}"));
                        assert!(
                            doc.pointer(path).is_some(),
                            "seed {seed} case {case}: error points at {pointer}, which is not in the input\n{err}\nafter {steps:?}"
                        );
                    }
                    Location::Config(_) => {}
                    Location::File(_) => panic!("seed {seed} case {case}: generator bug: {err} after {steps:?}"),
                }
                assert!(!err.message.is_empty());
            }
        }
    }
    eprintln!("{cases} cases: {generated} generated, {refused} refused with a located error");
    assert!(
        generated > cases / 10 && refused > cases / 10,
        "mutations should both keep and break documents"
    );
}

#[test]
fn robustness_in_ci() {
    run(10_000);
}

#[test]
#[ignore = "long run: cargo test --release -p clientgen --test generator robustness -- --ignored"]
fn robustness_long() {
    let cases = std::env::var("ROBUSTNESS_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    run(cases);
}
