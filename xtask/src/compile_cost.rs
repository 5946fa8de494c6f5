//! `cargo xtask bench-compile`: how long `cargo check` takes on generated crates from a warm
//! dependency cache, as a ratio to the floor of a crate with the same runtime and no operations.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{project_config, write_standalone_crate};

const RUNS: usize = 3;

/// Generates two crates (no operations; the whole API with one feature per tag), warms the
/// dependency cache, then times `cargo check` of the floor and of the whole-API crate with the
/// default features, one large tag, every tag, and every tag with the typed mocks, `RUNS` times
/// interleaved, and prints the medians and their ratios to the floor.
pub fn run(root: &Path) -> Result<(), String> {
    let spec_path = root.join("spec/katapult-core-openapi.json");
    let spec = std::fs::read_to_string(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let project = project_config(root)?;
    let base = root.join("target/compile-cost");
    let target_dir = base.join("target");

    let mut floor = project.clone();
    floor.operations.clear();
    floor.wait_while.clear();
    floor.secrets.clear();
    floor.features = Default::default();
    floor.mock_feature = None;
    let floor_dir = base.join("floor");
    let files = clientgen::generate(&spec, &floor, "spec/katapult-core-openapi.json").map_err(|e| e.to_string())?;
    write_standalone_crate(root, &floor_dir, "compile-cost-floor", &files, "")?;

    let whole_dir = base.join("whole-api");
    let generated =
        clientgen::generate_report(&spec, &project, "spec/katapult-core-openapi.json").map_err(|e| e.to_string())?;
    crate::write_featured_crate(root, &whole_dir, "compile-cost-whole-api", &generated)?;

    let variants: [(&str, &Path, &[&str]); 5] = [
        ("no operations (floor)", &floor_dir, &[]),
        ("default features", &whole_dir, &[]),
        (
            "one tag (virtual-machines)",
            &whole_dir,
            &["--no-default-features", "--features", "virtual-machines"],
        ),
        ("every tag (full)", &whole_dir, &["--features", "full"]),
        ("every tag and the mocks", &whole_dir, &["--features", "full,mock"]),
    ];
    for (_, dir, args) in &variants {
        check(dir, &target_dir, args)?; // warm-up: dependencies compiled once, shared by all
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); variants.len()];
    for _ in 0..RUNS {
        for (i, (_, dir, args)) in variants.iter().enumerate() {
            let lib = dir.join("src/lib.rs");
            let file = std::fs::File::options()
                .append(true)
                .open(&lib)
                .map_err(|e| format!("{}: {e}", lib.display()))?;
            file.set_modified(std::time::SystemTime::now())
                .map_err(|e| e.to_string())?;
            let started = Instant::now();
            check(dir, &target_dir, args)?;
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
    for ((label, _, _), median) in variants.iter().zip(&medians) {
        println!(
            "  {label:<28} {:>7.2} s  {:>6.2}x the floor",
            median.as_secs_f64(),
            median.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
    Ok(())
}

fn check(dir: &Path, target_dir: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--quiet"])
        .args(args)
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
