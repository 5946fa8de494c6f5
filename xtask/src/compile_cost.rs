//! `cargo xtask bench-compile`: how long `cargo check` takes on generated crates from a warm
//! dependency cache, as a ratio to the floor of a crate with the same runtime and no operations.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use clientgen::OperationSelector;

use crate::{project_config, write_standalone_crate};

const RUNS: usize = 5;

/// Generates the three crates, warms the dependency cache, then times `cargo check` of each crate
/// alone (its own sources touched) `RUNS` times, interleaved, and prints the medians and ratios.
pub fn run(root: &Path) -> Result<(), String> {
    let spec_path = root.join("spec/katapult-core-openapi.json");
    let spec = std::fs::read_to_string(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let project = project_config(root)?;
    let variants: [(&str, Vec<OperationSelector>); 3] = [
        ("no operations (floor)", Vec::new()),
        ("one endpoint", project.operations.clone()),
        ("whole API", vec![OperationSelector::All]),
    ];
    let base = root.join("target/compile-cost");
    let target_dir = base.join("target");
    let mut crates = Vec::new();
    for (index, (label, operations)) in variants.iter().enumerate() {
        let mut config = project.clone();
        config.operations = operations.clone();
        // The floor has no operations, so no secrets and nothing to wait out either.
        if operations.is_empty() {
            config.wait_while.clear();
            config.secrets.clear();
        }
        let files =
            clientgen::generate(&spec, &config, "spec/katapult-core-openapi.json").map_err(|e| e.to_string())?;
        let dir = base.join(format!("crate-{index}"));
        write_standalone_crate(root, &dir, &format!("compile-cost-{index}"), &files, "")?;
        check(&dir, &target_dir)?; // warm-up: dependencies compiled once, shared by all three
        crates.push((*label, dir));
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); crates.len()];
    for _ in 0..RUNS {
        for (i, (_, dir)) in crates.iter().enumerate() {
            let lib = dir.join("src/lib.rs");
            let file = std::fs::File::options()
                .append(true)
                .open(&lib)
                .map_err(|e| format!("{}: {e}", lib.display()))?;
            file.set_modified(std::time::SystemTime::now())
                .map_err(|e| e.to_string())?;
            let started = Instant::now();
            check(dir, &target_dir)?;
            times[i].push(started.elapsed());
        }
    }
    let medians: Vec<Duration> = times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t[t.len() / 2]
        })
        .collect();
    println!("\n`cargo check` of the generated crate, warm dependencies (median of {RUNS})");
    for ((label, dir), median) in crates.iter().zip(&medians) {
        let operations = std::fs::read_dir(dir.join("src/generated/operations"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path());
        let lines: usize = std::iter::once(dir.join("src/generated/types.rs"))
            .chain(operations)
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .map(|text| text.lines().count())
            .sum();
        println!(
            "  {label:<22} {:>7.2} s  {:>6.2}x the floor  ({lines} generated lines)",
            median.as_secs_f64(),
            median.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
    Ok(())
}

fn check(dir: &Path, target_dir: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo check failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
