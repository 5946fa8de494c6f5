//! `cargo xtask msrv`: the published crates' `rust-version` holds for what they depend on. Every
//! dependency a user builds (normal and build dependencies, every platform, every feature) must
//! declare a `rust-version` no newer than ours; clippy's `incompatible_msrv` checks our own use
//! of the standard library against it. (Only one toolchain is installed where CI runs, so the
//! crates cannot be built with the old compiler itself.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

/// The crates users depend on.
const PUBLISHED: &[&str] = &["clientgen-runtime", "clientgen", "cargo-clientgen", "katapult-client"];

pub fn run(root: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--all-features"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo metadata: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let problems = check(&metadata)?;
    if problems.is_empty() {
        eprintln!("every dependency of the published crates builds with their rust-version");
        Ok(())
    } else {
        Err(format!("rust-version does not hold:\n  {}", problems.join("\n  ")))
    }
}

/// What does not hold, one line each.
pub fn check(metadata: &Value) -> Result<Vec<String>, String> {
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata: no resolve graph")?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let version_of = |id: &str| {
        packages
            .get(id)
            .and_then(|p| p["rust_version"].as_str())
            .map(str::to_owned)
    };
    let name_of = |id: &str| {
        packages
            .get(id)
            .and_then(|p| p["name"].as_str())
            .unwrap_or(id)
            .to_owned()
    };

    let mut problems = Vec::new();
    let roots: Vec<&str> = packages
        .iter()
        .filter(|(_, p)| p["name"].as_str().is_some_and(|n| PUBLISHED.contains(&n)))
        .map(|(id, _)| *id)
        .collect();
    for root in roots {
        let Some(ours) = version_of(root).and_then(|v| parse(&v)) else {
            problems.push(format!("{} declares no rust-version", name_of(root)));
            continue;
        };
        let mut seen = BTreeSet::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(theirs) = version_of(id).and_then(|v| parse(&v))
                && theirs > ours
            {
                problems.push(format!(
                    "{} needs Rust {}, newer than {}'s {}",
                    name_of(id),
                    show(theirs),
                    name_of(root),
                    show(ours)
                ));
            }
            let deps = nodes.get(id).and_then(|n| n["deps"].as_array()).into_iter().flatten();
            for dep in deps {
                // Dev-dependencies are ours to build, not users'.
                let for_users = dep["dep_kinds"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|k| k["kind"].as_str() != Some("dev")));
                if let (true, Some(pkg)) = (for_users, dep["pkg"].as_str()) {
                    stack.push(pkg);
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    Ok(problems)
}

/// `1.88` or `1.88.0` → (1, 88, 0).
fn parse(version: &str) -> Option<(u64, u64, u64)> {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
    Some((
        parts.next()??,
        parts.next().flatten().unwrap_or(0),
        parts.next().flatten().unwrap_or(0),
    ))
}

fn show((major, minor, patch): (u64, u64, u64)) -> String {
    format!("{major}.{minor}.{patch}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_dependency_newer_than_the_crate_is_found_and_a_dev_dependency_is_not() {
        let metadata = json!({
            "packages": [
                {"id": "rt", "name": "clientgen-runtime", "rust_version": "1.88"},
                {"id": "a", "name": "a", "rust_version": "1.70"},
                {"id": "b", "name": "b", "rust_version": "1.90.1"},
                {"id": "t", "name": "t", "rust_version": "1.95"}
            ],
            "resolve": {"nodes": [
                {"id": "rt", "deps": [
                    {"pkg": "a", "dep_kinds": [{"kind": null}]},
                    {"pkg": "t", "dep_kinds": [{"kind": "dev"}]}
                ]},
                {"id": "a", "deps": [{"pkg": "b", "dep_kinds": [{"kind": "build"}]}]},
                {"id": "b", "deps": []},
                {"id": "t", "deps": []}
            ]}
        });
        let problems = check(&metadata).expect("checked");
        assert_eq!(problems, ["b needs Rust 1.90.1, newer than clientgen-runtime's 1.88.0"]);
    }
}
