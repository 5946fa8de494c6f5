//! The whole Katapult Core API generates deterministically, and small fixtures with the
//! constructs it lacks (and names that collide with generated code) compile clean.

use std::fs;

use clientgen::OperationSelector;
use xtask::{project_config, project_root};

/// The generated crate holds every operation (it is compiled, linted and tested with
/// `--all-features` by the workspace's own CI, not here); what this checks is the generator's
/// side: deterministic output, one request per operation, one module and one feature per tag.
#[test]
fn every_operation_of_the_core_api_generates_deterministically() {
    let root = project_root();
    let spec = fs::read_to_string(root.join("spec/katapult-core-openapi.json")).expect("spec");
    let config = project_config(&root).expect("config");
    assert_eq!(config.operations, vec![OperationSelector::All]);
    let generated =
        clientgen::generate_report(&spec, &config, "spec/katapult-core-openapi.json").unwrap_or_else(|e| panic!("{e}"));
    let again = clientgen::generate_report(&spec, &config, "spec/katapult-core-openapi.json").expect("again");
    assert_eq!(generated, again, "deterministic");
    assert!(generated.warnings.is_empty(), "{:#?}", generated.warnings);
    let files = &generated.files;
    let requests: usize = files
        .iter()
        .filter(|f| f.path.starts_with("operations/"))
        .map(|f| f.contents.matches("__private::Request::new(").count())
        .sum();
    assert_eq!(requests, 189, "one request per operation");
    let modules = files.iter().filter(|f| f.path.starts_with("operations/")).count();
    assert_eq!(
        modules,
        generated.features.len() + 1,
        "one module per tag, each a feature, and mod.rs"
    );
    let types = files.iter().find(|f| f.path == "types.rs").expect("types.rs");
    assert_eq!(
        types
            .contents
            .matches("Unknown(::clientgen_runtime::UnknownVariant)")
            .count(),
        39,
        "8 distinct 403 unions and 31 other error unions"
    );
}

fn cargo_in(dir: &std::path::Path, args: &[&str]) {
    xtask::cargo_in(&project_root(), dir, args).unwrap_or_else(|e| panic!("{e}"));
}

/// The fixture with the constructs the Core API lacks (path parameters, an explicit
/// `discriminator`, a recursive type, a secret in a response) generates a crate that builds
/// cleanly, with its typed mocks and without.
#[test]
fn the_mini_fixture_generates_and_compiles_cleanly() {
    let dir = fixture_crate("mini");
    cargo_in(&dir, &["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    cargo_in(&dir, &CLIPPY_ALL_FEATURES);
}

/// Schemas, parameters, properties and operations named like prelude items, the crate root's
/// items, the locals of generated methods and the client's and mock server's own functions still
/// give a crate that passes `clippy -D warnings`, mocks included.
#[test]
fn names_that_collide_with_generated_code_compile_cleanly() {
    let dir = fixture_crate("collisions");
    cargo_in(&dir, &CLIPPY_ALL_FEATURES);
}

const CLIPPY_ALL_FEATURES: [&str; 7] = [
    "clippy",
    "--all-targets",
    "--all-features",
    "--quiet",
    "--",
    "-D",
    "warnings",
];

/// `generator/tests/fixtures/<name>.yaml` generated with `<name>-config.yaml` into a crate of its
/// own, whose manifest declares the features the modules use (the mocks').
fn fixture_crate(name: &str) -> std::path::PathBuf {
    let root = project_root();
    let fixtures = root.join("generator/tests/fixtures");
    let spec = fs::read_to_string(fixtures.join(format!("{name}.yaml"))).expect("fixture");
    let config_text = fs::read_to_string(fixtures.join(format!("{name}-config.yaml"))).expect("config");
    let config = clientgen::Config::from_yaml(&config_text).expect("config parses");
    let source = format!("generator/tests/fixtures/{name}.yaml");
    let generated = clientgen::generate_report(&spec, &config, &source).unwrap_or_else(|e| panic!("{e}"));
    let dir = root.join(format!("target/{name}-fixture"));
    xtask::write_featured_crate(&root, &dir, &format!("{name}-client"), &generated).expect("written");
    dir
}
