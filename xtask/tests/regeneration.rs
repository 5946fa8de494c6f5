//! Regenerating from a newer document does not break users' code: a program written against the
//! client from Katapult's 2.61.1 document (`tests/fixtures/`, copied verbatim from Katapult's
//! published history) compiles unchanged against the client from 2.68.0 (`spec/`), although the
//! newer document adds optional members to request types (`DNSRecordContentArguments` gains
//! `HTTPRedirect`), a string enum value and schemas.

use std::fs;

use clientgen::OperationSelector;
use xtask::{project_config, project_root, write_standalone_crate};

fn generate_into(dir: &std::path::Path, spec_path: &std::path::Path) {
    let root = project_root();
    let spec = fs::read_to_string(spec_path).unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
    let mut config = project_config(&root).expect("config");
    // The tags the program calls (names do not depend on the selection), compiled without
    // declaring features in the test crate's manifest.
    config.operations = ["Records", "Access keys", "Virtual machines"]
        .into_iter()
        .map(|tag| OperationSelector::Tag(tag.to_owned()))
        .collect();
    config.features.per_tag = false;
    config.mock_feature = None;
    let files = clientgen::generate(&spec, &config, "spec").unwrap_or_else(|e| panic!("{e}"));
    write_standalone_crate(&root, dir, "katapult", &files, "").expect("written");
    // The user's program is another crate: it sees only what the client exports.
    fs::create_dir_all(dir.join("tests")).expect("tests dir");
    fs::write(dir.join("tests/uses.rs"), include_str!("regeneration/uses.rs")).expect("uses.rs");
}

#[test]
fn a_program_written_against_2_61_1_compiles_unchanged_against_2_68_0() {
    let root = project_root();
    let dir = root.join("target/regeneration");
    let _ = fs::remove_dir_all(&dir);
    let old = root.join("xtask/tests/fixtures/katapult-core-openapi-2.61.1.json");
    let new = root.join("spec/katapult-core-openapi.json");
    // The documents differ where it matters to this test.
    let old_text = fs::read_to_string(&old).expect("old");
    let new_text = fs::read_to_string(&new).expect("new");
    assert!(!old_text.contains("\"HTTPRedirect\"") && new_text.contains("\"HTTPRedirect\""));
    for spec in [&old, &new] {
        generate_into(&dir, spec);
        xtask::cargo_in(&root, &dir, &["check", "--quiet", "--tests"])
            .unwrap_or_else(|e| panic!("against {}: {e}", spec.display()));
    }
}
