//! `cargo clientgen`: writes a new client crate for an OpenAPI document, and regenerates (or
//! checks) the generated modules of one it wrote. The generating and the writing are
//! `clientgen`'s, the same code `cargo xtask codegen` runs.

use std::fs;
use std::path::{Path, PathBuf};

use clientgen::config::Conventions;
use clientgen::project::{self, Drift, Mode, Paths};
use clientgen::{Config, Generated, OperationSelector, Unsupported};

mod guess;
mod manifest;

/// The config file of a crate `cargo clientgen new` wrote, at its root.
pub const CONFIG_FILE: &str = "clientgen.yaml";

/// The command in every generated file's header.
pub const COMMAND: &str = "cargo clientgen";

/// What `cargo clientgen new` is asked for.
#[derive(Debug, Clone, Default)]
pub struct NewCrate {
    /// The crate's directory; must not exist or be empty.
    pub dir: PathBuf,
    /// The OpenAPI document (JSON or YAML, 3.0 or 3.1); copied into the crate's `spec/`.
    pub spec: PathBuf,
    /// The package name; default: the directory's name.
    pub name: Option<String>,
    /// Depend on the runtime by path as well as by version (written relative to the crate);
    /// by default, by version only, as a published crate must.
    pub runtime_path: Option<PathBuf>,
    /// The crate's licence, an SPDX expression (`MIT OR Apache-2.0`); publishing needs one.
    pub license: Option<String>,
    /// The crate's repository URL, for its crates.io page.
    pub repository: Option<String>,
}

/// Writes the crate: manifest (runtime dependency, one feature per tag), `src/lib.rs`, a README,
/// the config, the document, and the generated modules. Returns what the generator made.
pub fn new_crate(request: &NewCrate) -> Result<Generated, String> {
    let dir = &request.dir;
    if dir.exists()
        && fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} exists and is not empty; choose a new directory (to regenerate a crate, run `{COMMAND}` in it)",
            dir.display()
        ));
    }
    let name = match &request.name {
        Some(name) => name.clone(),
        None => dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                format!(
                    "{}: cannot name a crate after this directory; pass --name",
                    dir.display()
                )
            })?,
    };
    check_package_name(&name)?;
    let spec_text =
        fs::read_to_string(&request.spec).map_err(|e| format!("{}: cannot read: {e}", request.spec.display()))?;
    let spec_file = request
        .spec
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{}: not a file", request.spec.display()))?;
    // Checked before anything is written: a document the generator refuses leaves no half-made crate.
    let document = clientgen::load::load(&spec_text).map_err(|e| format!("{}: {e}", request.spec.display()))?;
    let message_member = guess::error_message_member(&document);
    let mut config = new_config(&format!("spec/{spec_file}"));
    if let Some(member) = message_member {
        member.clone_into(&mut config.conventions.error_description);
    }
    let preview = clientgen::generate_report(&spec_text, &config, &format!("spec/{spec_file}"))
        .map_err(|e| format!("{}: {e}", request.spec.display()))?;
    config.out = "src/generated".to_owned();

    let title = clientgen::prose::inline(&document.info.title);
    let title = if title.is_empty() { "the API".to_owned() } else { title };
    let runtime = match &request.runtime_path {
        Some(path) => Some(manifest::relative_path(dir, path)?),
        None => None,
    };
    let package = manifest::Package {
        name: &name,
        title: &title,
        license: request.license.as_deref(),
        repository: request.repository.as_deref(),
        runtime_path: runtime.as_deref(),
    };
    write(&dir.join("spec").join(&spec_file), &spec_text)?;
    write(&dir.join(CONFIG_FILE), &config_yaml(&spec_file, message_member))?;
    write(&dir.join("Cargo.toml"), &manifest::manifest(&package, &preview))?;
    write(&dir.join("src/lib.rs"), LIB_RS)?;
    write(&dir.join("README.md"), &readme(&name, &title))?;
    let (generated, _) = regenerate(dir, Mode::Write)?;
    Ok(generated)
}

/// Regenerates (`Write`) or checks (`Check`) the generated modules of the crate in `dir`, from its
/// `clientgen.yaml`; nothing else in the crate is touched. Also reports features the manifest lacks.
pub fn regenerate(dir: &Path, mode: Mode) -> Result<(Generated, Vec<Drift>), String> {
    let paths = Paths {
        config: dir.join(CONFIG_FILE),
        spec: None,
        out: None,
        display_root: dir.to_path_buf(),
    };
    if !paths.config.is_file() {
        return Err(format!(
            "{}: no {CONFIG_FILE}; run `{COMMAND}` in a crate `{COMMAND} new` wrote, or make one with it",
            dir.display()
        ));
    }
    let (generated, drift) = project::regenerate(&paths, mode)?;
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let missing: Vec<&str> = generated
        .features
        .iter()
        .map(|f| f.name.as_str())
        .chain(generated.mock_feature.as_deref())
        .filter(|name| !declares_feature(&manifest, name))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the generated modules use cargo features the manifest does not declare ({}); add them to \
             Cargo.toml's [features] (a tag's to `full` too):\n{}",
            missing.join(", "),
            project::features_section(&generated, true)
        ));
    }
    Ok((generated, drift))
}

fn declares_feature(manifest: &str, name: &str) -> bool {
    manifest
        .lines()
        .any(|line| line.split('=').next().is_some_and(|key| key.trim() == name))
}

/// What a new crate generates: every operation, one feature per tag; an operation the generator
/// cannot make is left out and listed rather than stopping the whole document.
fn new_config(spec: &str) -> Config {
    let mut config = Config::new().operation(OperationSelector::All);
    config.spec = spec.to_owned();
    config.unsupported = Unsupported::Skip;
    config.features.per_tag = true;
    config.regenerate = COMMAND.to_owned();
    config.mock_feature = Some("mock".to_owned());
    config
}

fn config_yaml(spec_file: &str, message_member: Option<&str>) -> String {
    // A JSON string is a YAML double-quoted scalar: any file name stays one value on one line.
    let spec = serde_json::Value::String(format!("spec/{spec_file}")).to_string();
    let defaults = Conventions::default();
    let (description, how) = match message_member {
        Some(member) => (member, "the member the document's error responses have"),
        None => (
            defaults.error_description.as_str(),
            "the default: the document's error responses show no usual one",
        ),
    };
    format!(
        "# What `{COMMAND}` generates into src/generated/ (the rest of the crate is yours to edit).\n\
         # Every option: the clientgen README, \"Generate another operation, or another spec\".\n\
         spec: {spec}\n\
         out: src/generated\n\
         regenerate: {COMMAND}\n\
         operations:\n  - all\n\
         # Leave out (and list) an operation the generator cannot make, instead of failing.\n\
         unsupported: skip\n\
         # One cargo feature per tag; the manifest declares each, `full` turns on all.\n\
         features:\n  per_tag: true\n\
         # Typed mocks for tests (`MockServer`), behind this cargo feature.\n\
         mock_feature: mock\n\
         # What the document does not say about the API. An error's `code()`, `description()` and\n\
         # `Display` (`HTTP 404 not_found: <text>`) read these members of its error object; add\n\
         # `error_envelope: error` when the API wraps its errors in `{{\"error\": {{...}}}}`.\n\
         conventions:\n  \
         error_code: {code}\n  \
         # {how}\n  \
         error_description: {description}\n",
        code = defaults.error_code,
    )
}

const LIB_RS: &str =
    "#![doc = include_str!(\"../README.md\")]\n\n#[rustfmt::skip]\nmod generated;\n\npub use generated::*;\n";

fn readme(name: &str, title: &str) -> String {
    format!(
        "# {name}\n\n\
         A typed Rust client for {title}, generated from its OpenAPI document (`spec/`).\n\n\
         Each operation is an `async` method of `Client`, returning `Response<T>` (the documented\n\
         2xx body) or `Error<E>`, whose `Api` variant holds the operation's own error enum.\n\n\
         ```text\n\
         let client = {crate_name}::Client::builder().base_url(\"https://…\").build()?;\n\
         ```\n\n\
         Authentication: `.bearer_token(…)` on the builder (or `Client::new(token)`); an API key\n\
         goes in a header with `.default_header(name, key)` or in the query with\n\
         `.default_query(name, key)`. `Client`'s documentation lists the document's schemes.\n\n\
         For tests of code that uses it, the `mock` feature adds `MockServer`: one method per\n\
         operation, whose `matching(…)` takes the operation's arguments and whose `ok(…)`/`error(…)`\n\
         answer with its typed success or documented error.\n\n\
         Errors display as `HTTP 404 <code>: <message>`, read from the members `clientgen.yaml`\n\
         names under `conventions` (`error_code`, `error_description`); change them there, and add\n\
         `error_envelope` when the API wraps its errors in an object, then regenerate.\n\n\
         TLS is a feature: `rustls` (the default), `rustls-ring` or `native-tls`.\n\n\
         To regenerate after the document changes: replace the file in `spec/`, then run\n\
         `{COMMAND}` (`{COMMAND} --check` fails when `src/generated/` is not up to date).\n",
        crate_name = name.replace('-', "_"),
    )
}

/// A package name cargo accepts: ASCII letters, digits, `-` and `_`, starting with a letter.
fn check_package_name(name: &str) -> Result<(), String> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a crate name (letters, digits, `-`, `_`, starting with a letter); pass --name"
        ))
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names() {
        assert!(check_package_name("petstore-client").is_ok());
        assert!(check_package_name("1password").is_err());
        assert!(check_package_name("my crate").is_err());
        assert!(check_package_name("").is_err());
    }

    #[test]
    fn features_are_found_in_a_manifest() {
        let manifest = "[features]\ndefault = [\"full\"]\npets = []\n# store\nstore-items = []\n";
        assert!(declares_feature(manifest, "pets"));
        assert!(declares_feature(manifest, "store-items"));
        assert!(!declares_feature(manifest, "store"));
    }
}
