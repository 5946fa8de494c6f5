//! Documents that are not Katapult's: the six OpenAPI Initiative examples, a fixture with the
//! constructs other companies' APIs use (header parameters, form and binary bodies, several 2xx,
//! non-JSON responses, status ranges and `default`, `allOf` inheritance), a fixture of types that
//! mean what the document means (formats, closed sets, unions), and an OpenAPI 3.1 fixture with
//! what 3.1 changed. Each generates, the
//! crates pass `clippy -D warnings`, and the constructs are exercised on a loopback server.

use std::fs;
use std::path::Path;

use clientgen::{Config, GeneratedFile, OperationSelector};
use xtask::{project_root, write_crate_of_modules};

const EXAMPLES: &[(&str, &str)] = &[
    ("api_with_examples", "api-with-examples.yaml"),
    ("callback_example", "callback-example.yaml"),
    ("link_example", "link-example.yaml"),
    ("petstore", "petstore.yaml"),
    ("petstore_expanded", "petstore-expanded.yaml"),
    ("uspto", "uspto.yaml"),
];

fn generate(path: &Path, config: &Config) -> Vec<GeneratedFile> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    clientgen::generate(&text, config, &path.display().to_string())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_openapi_initiative_examples_and_the_constructs_fixture_generate_compile_and_work() {
    let root = project_root();
    let fixtures = root.join("generator/tests/fixtures");
    let all = Config::new().operation(OperationSelector::All);
    let mut modules: Vec<(&str, Vec<GeneratedFile>)> = EXAMPLES
        .iter()
        .map(|(module, file)| (*module, generate(&fixtures.join("openapi-examples").join(file), &all)))
        .collect();
    modules.push(("constructs", generate(&fixtures.join("constructs.yaml"), &all)));
    // OpenAPI 3.1: every construct 3.1 changed, and a document with webhooks only (an empty client).
    modules.push(("constructs_31", generate(&fixtures.join("constructs-3.1.yaml"), &all)));
    // Types that mean what the document means, with one field retyped by the config; every type
    // both ways (`both_ways`), so that a response can be encoded again and compared.
    let mut types_config = all.clone();
    types_config.both_ways = true;
    types_config
        .types
        .insert("Place.latitude".to_owned(), "number_or_string".to_owned());
    modules.push(("typed", generate(&fixtures.join("types.yaml"), &types_config)));
    // Names that collide with the generator's own, and a tree that refers to itself every way.
    modules.push(("names", generate(&fixtures.join("names.yaml"), &all)));
    // OpenAPI 3.2: a `query` operation, sent as QUERY.
    modules.push(("openapi_32", generate(&fixtures.join("openapi-3.2.yaml"), &all)));
    let webhooks_only = fixtures.join("openapi-examples/v3.1/webhook-example.yaml");
    modules.push(("webhooks_only", generate(&webhooks_only, &all)));
    let modules: Vec<(&str, &[GeneratedFile])> = modules.iter().map(|(m, f)| (*m, f.as_slice())).collect();

    let dir = root.join("target/other-documents");
    // The runtime with every feature, as the workspace's tests build it, so that this crate reuses
    // that build (its third-party dependencies are aligned by `write_crate_of_modules`).
    let dev_dependencies = format!(
        "clientgen-runtime = {{ path = {:?}, features = [\"mock\", \"native-tls\", \"rustls-ring\"] }}\n\
         futures-util = {{ version = \"0.3\", default-features = false }}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\nwiremock = \"0.6\"\n",
        root.join("runtime")
    );
    write_crate_of_modules(&root, &dir, "other-documents", &modules, &dev_dependencies).expect("written");
    fs::create_dir_all(dir.join("tests")).expect("tests dir");
    fs::write(dir.join("tests/wire.rs"), include_str!("other-documents-tests/wire.rs")).expect("test file");
    cargo_in(&dir, &["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    cargo_in(&dir, &["test", "--quiet", "--test", "wire"]);
}

fn cargo_in(dir: &std::path::Path, args: &[&str]) {
    xtask::cargo_in(&project_root(), dir, args).unwrap_or_else(|e| panic!("{e}"));
}
