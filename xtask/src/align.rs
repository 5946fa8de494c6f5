//! Dependency features of the crates the tests build outside the workspace, aligned with the
//! workspace's own, so that those builds reuse the workspace's compiled dependencies.
//!
//! Cargo compiles a crate again for every distinct set of features, and everything above it with
//! it: a nested crate whose graph has `tokio` without `rt-multi-thread` (which only the workspace's
//! tests ask for) or `indexmap` without `serde` (which only the generator asks for) checked and
//! built hyper, h2, reqwest and wiremock a second time, near a minute of CPU per test run. The
//! crates the tests write list, as extra dependencies, each third-party crate of their graph with
//! the workspace's features for it. Only registry crates: the project's own crates (the runtime)
//! keep the features the nested crate asks for, which is what those builds check.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A package of a dependency graph: name and version.
type Package = (String, String);

/// Each package of a graph and the distinct feature sets it is built with.
type Graph = BTreeMap<Package, Vec<Vec<String>>>;

/// `[dependencies]` lines that give every third-party crate of the graph of the crate (or
/// workspace) in `dir`, built with every feature, the features the workspace at `root` builds it
/// with, pinned to the same version; each keyed by the package's name (`<name>-v<version>` for a
/// crate of which the graph has two versions), so that a crate's own line for it can give way.
/// Empty when nothing differs. Left alone: a crate the workspace builds with two feature sets
/// (for the host and for the target), and one the nested graph asks a feature of that the
/// workspace does not enable (it cannot be shared).
pub fn aligned_dependencies(root: &Path, dir: &Path) -> Result<String, String> {
    let workspace = graph(root, &["--workspace", "-e", "normal,dev,no-proc-macro"])?;
    let nested = graph(dir, &["-e", "normal,dev,no-proc-macro"])?;
    Ok(alignment(&workspace, &nested))
}

/// The dependency lines of [`aligned_dependencies`], from the two graphs.
fn alignment(workspace: &Graph, nested: &Graph) -> String {
    let mut lines = String::new();
    for (package, features) in nested {
        let Some([wanted]) = workspace.get(package).map(Vec::as_slice) else {
            continue;
        };
        if features.as_slice() == [wanted.clone()] || !features.iter().flatten().all(|f| wanted.contains(f)) {
            continue;
        }
        let (name, version) = package;
        let versions = nested.keys().filter(|(other, _)| other == name).count();
        let key = if versions == 1 {
            name.clone()
        } else {
            format!("{name}-v{}", version.replace(['.', '+'], "-"))
        };
        let wanted: Vec<String> = wanted.iter().map(|f| format!("{f:?}")).collect();
        lines.push_str(&format!(
            "{key} = {{ package = {name:?}, version = \"={version}\", default-features = false, features = [{}] }}\n",
            wanted.join(", ")
        ));
    }
    lines
}

/// `dependencies` (TOML lines `key = …`) without the lines whose key `aligned` gives, then
/// `aligned`: a crate's own line for a dependency gives way to the aligned one, which enables
/// at least the same features.
pub fn merge(dependencies: &str, aligned: &str) -> String {
    let key = |line: &str| line.split_once('=').map(|(key, _)| key.trim().to_owned());
    let replaced: Vec<String> = aligned.lines().filter_map(key).collect();
    let mut merged: String = dependencies
        .lines()
        .filter(|line| key(line).is_none_or(|k| !replaced.contains(&k)))
        .map(|line| format!("{line}\n"))
        .collect();
    merged.push_str(aligned);
    merged
}

/// Every registry package of the graph in `dir` (with every feature) and the distinct feature
/// sets it is built with.
fn graph(dir: &Path, edges: &[&str]) -> Result<Graph, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["tree", "--all-features", "--prefix", "none", "-f", "{p}|{f}"])
        .args(edges)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo tree` fails in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(parse_tree(&String::from_utf8_lossy(&output.stdout)))
}

/// `cargo tree --prefix none -f '{p}|{f}'` output as a graph of registry packages.
fn parse_tree(text: &str) -> Graph {
    let mut packages = Graph::new();
    for line in text.lines() {
        let line = line.trim_end_matches(" (*)");
        let Some((package, features)) = line.split_once('|') else {
            continue;
        };
        let mut words = package.split(' ');
        let (Some(name), Some(version), None) = (words.next(), words.next(), words.next()) else {
            // `name vX (path)`: one of the project's own crates, or a crate of the nested one.
            continue;
        };
        let Some(version) = version.strip_prefix('v') else {
            continue;
        };
        let mut features: Vec<String> = features
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        features.sort();
        let sets = packages.entry((name.to_owned(), version.to_owned())).or_default();
        if !sets.contains(&features) {
            sets.push(features);
        }
    }
    packages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_registry_crates_built_with_other_features_are_listed_with_the_workspace_s() {
        let workspace = parse_tree(
            "tokio v1.54.1|macros,rt,rt-multi-thread\n\
             tokio v1.54.1|macros,rt,rt-multi-thread (*)\n\
             serde v1.0.1|default,derive,std\n\
             syn v3.0.0|full\n\
             syn v3.0.0|full,visit\n\
             getrandom v0.3.4|std\n\
             rand v0.8.0|std\n\
             rand v0.9.0|std\n\
             url v2.0.0|std\n\
             clientgen-runtime v0.1.0 (/work/runtime)|default,mock\n",
        );
        let nested = parse_tree(
            "tokio v1.54.1|rt,macros\n\
             serde v1.0.1|std,derive,default\n\
             syn v3.0.0|full\n\
             getrandom v0.3.4|\n\
             rand v0.8.0|\n\
             rand v0.9.0|std\n\
             url v2.0.0|serde\n\
             clientgen-runtime v0.1.0 (/work/runtime)|mock\n\
             only-here v2.0.0|x\n",
        );
        assert_eq!(
            alignment(&workspace, &nested),
            "getrandom = { package = \"getrandom\", version = \"=0.3.4\", default-features = false, features = [\"std\"] }\n\
             rand-v0-8-0 = { package = \"rand\", version = \"=0.8.0\", default-features = false, features = [\"std\"] }\n\
             tokio = { package = \"tokio\", version = \"=1.54.1\", default-features = false, features = [\"macros\", \"rt\", \"rt-multi-thread\"] }\n"
        );
    }

    #[test]
    fn a_crate_s_own_line_gives_way_to_the_aligned_one() {
        let own = "tokio = { version = \"1\", features = [\"rt\"] }\nwiremock = \"0.6\"\n";
        let aligned = "tokio = { package = \"tokio\", version = \"=1.54.1\" }\n";
        assert_eq!(
            merge(own, aligned),
            "wiremock = \"0.6\"\ntokio = { package = \"tokio\", version = \"=1.54.1\" }\n"
        );
    }
}
