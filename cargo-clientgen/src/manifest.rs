//! The `Cargo.toml` of a new client crate: a package that can be moved, shared and published,
//! depending on the runtime by version (and by a relative path only when asked).

use std::path::{Component, Path, PathBuf};

use clientgen::Generated;
use clientgen::project;

/// The version of `clientgen-runtime` the generated code is written for; the generator and the
/// runtime are released together, with one version (a test checks the two manifests).
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The oldest Rust the generated code and the runtime build with (the workspace's `rust-version`).
pub const RUST_VERSION: &str = env!("CARGO_PKG_RUST_VERSION");

/// What the manifest says of the package.
pub struct Package<'a> {
    pub name: &'a str,
    /// The API's title, one line of Markdown.
    pub title: &'a str,
    pub license: Option<&'a str>,
    pub repository: Option<&'a str>,
    /// The runtime's directory, relative to the crate's.
    pub runtime_path: Option<&'a str>,
}

pub fn manifest(package: &Package<'_>, generated: &Generated) -> String {
    let mut runtime = format!("version = \"{RUNTIME_VERSION}\"");
    if let Some(path) = package.runtime_path {
        runtime.push_str(&format!(", path = {}", toml_string(path)));
    }
    let description = toml_string(&format!(
        "A typed Rust client for {}, generated from its OpenAPI document.",
        package.title
    ));
    let optional = |key: &str, value: Option<&str>, missing: &str| match value {
        Some(value) => format!("{key} = {}\n", toml_string(value)),
        None => format!("# {key} = \"…\"  ({missing})\n"),
    };
    let license = optional(
        "license",
        package.license,
        "needed to publish; or `--license` when writing the crate",
    );
    let repository = optional(
        "repository",
        package.repository,
        "shown on crates.io; or `--repository`",
    );
    let features = project::features_section(generated, true);
    format!(
        "# Written by `cargo clientgen new`; yours to edit. `cargo clientgen` regenerates only src/generated/.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         rust-version = \"{RUST_VERSION}\"\n\
         description = {description}\n\
         {license}{repository}\
         keywords = [\"openapi\", \"client\", \"api\"]\n\
         categories = [\"api-bindings\", \"web-programming::http-client\"]\n\n\
         # What made src/generated/: its code is written for this runtime version.\n\
         [package.metadata.clientgen]\n\
         generator = \"{RUNTIME_VERSION}\"\n\
         runtime = \"{RUNTIME_VERSION}\"\n\n\
         [package.metadata.docs.rs]\n\
         all-features = true\n\n\
         [dependencies]\n\
         # TLS is chosen by this crate's features (below), passed on.\n\
         clientgen-runtime = {{ {runtime}, default-features = false }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\n\
         # One feature per tag of the API: compile only the operations you use.\n{features}",
        name = package.name,
    )
}

/// A TOML basic string: quotes, backslashes and every control character escaped (TOML refuses
/// raw control characters, DEL included, which a JSON string would keep).
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `to` as a path relative to the directory `from` (which need not exist yet), with `/`
/// separators as cargo reads on every platform; an error when there is none (another drive).
pub fn relative_path(from: &Path, to: &Path) -> Result<String, String> {
    let absolute = |path: &Path| {
        std::path::absolute(path)
            .map(|p| normalise(&p))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let (from, to) = (absolute(from)?, absolute(to)?);
    let from_parts: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    if from_parts.first() != to_parts.first() {
        return Err(format!(
            "{} and {} have no relative path between them; pass a --runtime-path on the crate's drive",
            from.display(),
            to.display()
        ));
    }
    let common = from_parts.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_parts.len().saturating_sub(common)];
    parts.extend(
        to_parts
            .iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    })
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_crate() {
        let rel = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to)).expect("relative");
        assert_eq!(
            rel("/work/clients/petstore", "/work/clientgen/runtime"),
            "../../clientgen/runtime"
        );
        assert_eq!(rel("/work/a", "/work/a/vendor/runtime"), "vendor/runtime");
        assert_eq!(rel("/work/a/./b/..", "/work/runtime"), "../runtime");
        assert_eq!(rel("/work/a", "/work/a"), ".");
    }

    #[test]
    fn toml_strings_escape_what_toml_refuses() {
        assert_eq!(toml_string("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(toml_string("x\u{7f}\n\ty"), r#""x\u007F\u000A\u0009y""#);
    }

    #[test]
    fn the_runtime_is_versioned_with_the_generator() {
        let runtime = include_str!("../../runtime/Cargo.toml");
        let generator = include_str!("../../generator/Cargo.toml");
        let version = |manifest: &str| {
            manifest
                .lines()
                .find_map(|line| line.strip_prefix("version = "))
                .map(|v| v.trim_matches('"').to_owned())
        };
        assert_eq!(version(runtime).as_deref(), Some(RUNTIME_VERSION));
        assert_eq!(version(generator).as_deref(), Some(RUNTIME_VERSION));
    }
}
