//! `cargo test` catches a `generated/` that is not what the generator makes of `spec/`.

use xtask::{Inputs, Mode, codegen, drift_report, project_root};

#[test]
fn generated_crate_matches_spec() {
    let drift = codegen(&project_root(), &Inputs::default(), Mode::Check).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        drift.is_empty(),
        "{}",
        drift_report(&drift, clientgen::format::REGENERATE_COMMAND)
    );
}

/// The generated crate's hand-written manifest declares exactly the features the generated
/// modules use, with the config's default tags on by default.
#[test]
fn the_manifest_declares_the_features_of_the_generated_modules() {
    let root = project_root();
    let expected = xtask::features(&root).unwrap_or_else(|e| panic!("{e}"));
    let manifest = std::fs::read_to_string(root.join("generated/Cargo.toml")).expect("manifest");
    assert!(
        manifest.contains(&expected),
        "generated/Cargo.toml must contain this [features] section (`cargo xtask features` prints it):\n{expected}"
    );
}
