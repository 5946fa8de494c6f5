//! `cargo test` catches a `generated/` that is not what the generator makes of `spec/`.

use xtask::{Inputs, Mode, codegen, drift_report, project_root};

#[test]
fn generated_crate_matches_spec() {
    let drift = codegen(&project_root(), &Inputs::default(), Mode::Check).unwrap_or_else(|e| panic!("{e}"));
    assert!(drift.is_empty(), "{}", drift_report(&drift));
}
