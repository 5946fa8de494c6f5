//! `cargo xtask semver`: cargo-semver-checks between the client generated from Katapult's 2.61.1
//! document and the one generated from `spec/` (2.68.0), every feature on: regenerating must not
//! break a user's code.

use std::path::Path;
use std::process::Command;

use crate::project_config;

/// The older published document the check starts from (verbatim, as the regeneration test uses it).
const BASELINE: &str = "xtask/tests/fixtures/katapult-core-openapi-2.61.1.json";

/// Writes both crates under `target/semver/` (same package name, the whole API, one feature per
/// tag and the mocks), then runs `cargo semver-checks check-release` on them.
pub fn run(root: &Path) -> Result<(), String> {
    let base = root.join("target/semver");
    let current = root.join("spec").join(project_config(root)?.spec);
    for (dir, spec) in [("baseline", root.join(BASELINE)), ("current", current)] {
        write_client(root, &base.join(dir), &spec)?;
    }
    let status = Command::new("cargo")
        .args([
            "semver-checks",
            "check-release",
            "--all-features",
            "--release-type",
            "minor",
        ])
        .arg("--manifest-path")
        .arg(base.join("current/Cargo.toml"))
        .arg("--baseline-root")
        .arg(base.join("baseline"))
        .env("CARGO_TARGET_DIR", base.join("target"))
        .status()
        .map_err(|e| {
            format!(
                "cannot run `cargo semver-checks` ({e}); install it with `cargo install cargo-semver-checks --locked`"
            )
        })?;
    if status.success() {
        Ok(())
    } else {
        Err("cargo semver-checks found breaking changes (above)".to_owned())
    }
}

fn write_client(root: &Path, dir: &Path, spec_path: &Path) -> Result<(), String> {
    let spec = std::fs::read_to_string(spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let config = project_config(root)?;
    let generated =
        clientgen::generate_report(&spec, &config, "spec/katapult-core-openapi.json").map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(dir.join("src"));
    crate::write_featured_crate(root, dir, "katapult-client", &generated)
}
