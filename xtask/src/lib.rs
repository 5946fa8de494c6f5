//! `cargo xtask codegen`: run the generator on `spec/` and write, or check, `generated/`.

pub mod align;
pub mod compile_cost;
pub mod corpus;
pub mod examples;
pub mod msrv;
pub mod random_documents;
pub mod random_values;
pub mod rng;
pub mod semver;

use std::fs;
use std::path::{Path, PathBuf};

use clientgen::{Config, GeneratedFile};

pub use clientgen::project::{Drift, Mode, drift_report, features_section, sync};

/// The workspace root, where `spec/` and `generated/` live.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Where the inputs are and where the crate goes.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The generator config; default `spec/codegen.yaml`.
    pub config: Option<PathBuf>,
    /// Overrides the config's `spec`.
    pub spec: Option<PathBuf>,
    /// Overrides the config's `out`.
    pub out: Option<PathBuf>,
}

/// Runs the generator on the project's inputs (default `spec/codegen.yaml`), prints what it has
/// to say when the code changes, and in `Write` mode brings the output directory up to date; returns what differs.
pub fn codegen(root: &Path, inputs: &Inputs, mode: Mode) -> Result<Vec<Drift>, String> {
    let config = inputs.config.clone().unwrap_or_else(|| root.join("spec/codegen.yaml"));
    let paths = clientgen::project::Paths {
        config,
        spec: inputs.spec.clone(),
        out: inputs.out.clone(),
        display_root: root.to_path_buf(),
    };
    let (generated, drift) = clientgen::project::regenerate(&paths, mode)?;
    // What the generator has to say (secrets, raw JSON, left-out operations) is news only when
    // the code changes.
    if !drift.is_empty() {
        eprint!("{}", clientgen::project::summary(&generated));
    }
    Ok(drift)
}

/// Writes a crate shell around generated modules into `dir`, as a workspace of its own pinned to
/// this project's dependency versions (its `Cargo.lock`), for checking or timing it outside the
/// workspace: the manifest and `src/lib.rs` a user would write, the modules in `src/generated/`.
/// `dev_dependencies` are `[dev-dependencies]` lines, for tests written into the crate.
pub fn write_standalone_crate(
    root: &Path,
    dir: &Path,
    name: &str,
    files: &[GeneratedFile],
    dev_dependencies: &str,
) -> Result<(), String> {
    write_crate_of_modules(root, dir, name, &[("generated", files)], dev_dependencies)?;
    let lib = "//! A crate shell around generated modules.\n\nmod generated;\n\npub use generated::*;\n";
    write_file(&dir.join("src/lib.rs"), lib)
}

/// [`write_standalone_crate`] of a generator run's modules, with the `[features]` section they use
/// (one per tag, `full`, the mocks') in the manifest.
pub fn write_featured_crate(
    root: &Path,
    dir: &Path,
    name: &str,
    generated: &clientgen::Generated,
) -> Result<(), String> {
    write_standalone_crate(root, dir, name, &generated.files, "")?;
    let manifest = dir.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    text.push_str(&features_section(generated, false));
    fs::write(&manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))
}

/// Like [`write_standalone_crate`], with several sets of generated modules, each mounted as a
/// public module of its own (`src/<module>/`), so that one build checks them all.
pub fn write_crate_of_modules(
    root: &Path,
    dir: &Path,
    name: &str,
    modules: &[(&str, &[GeneratedFile])],
    dev_dependencies: &str,
) -> Result<(), String> {
    let mut lib = String::from("//! Generated modules, one per document.\n\n");
    for (module, files) in modules {
        sync(&dir.join("src").join(module), files, Mode::Write)?;
        lib.push_str(&format!("pub mod {module};\n"));
    }
    let runtime = root.join("runtime");
    let manifest = |dev_dependencies: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nclientgen-runtime = {{ path = {runtime:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n\n[dev-dependencies]\n{dev_dependencies}\n[workspace]\n"
        )
    };
    write_file(&dir.join("Cargo.toml"), &manifest(dev_dependencies))?;
    write_file(&dir.join("src/lib.rs"), &lib)?;
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    // Dev-dependencies, so that every build with the tests (`--all-targets`, `--tests`, `test`)
    // has them and builds the crate's third-party dependencies as the workspace does.
    let aligned = align::aligned_dependencies(root, dir)?;
    if !aligned.is_empty() {
        write_file(
            &dir.join("Cargo.toml"),
            &manifest(&align::merge(dev_dependencies, &aligned)),
        )?;
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `[features]` section `generated/Cargo.toml` must have, from the project's spec and config.
pub fn features(root: &Path) -> Result<String, String> {
    let config = project_config(root)?;
    let path = root.join("spec").join(&config.spec);
    let spec = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let generated = clientgen::generate_report(&spec, &config, &config.spec).map_err(|e| e.to_string())?;
    Ok(features_section(&generated, false))
}

/// Runs cargo with `args` in a crate written by [`write_standalone_crate`], building in this
/// workspace's target directory with the project's build settings (`.cargo/config.toml`), so
/// that compiled dependencies are reused (cargo has released the directory's lock by the time
/// tests run). The error holds cargo's output.
pub fn cargo_in(root: &Path, dir: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // The settings go after the subcommand: `cargo --config F clippy` does not pass `--config` on
    // to the `cargo check` that clippy runs, and that build would share nothing with the others.
    let (subcommand, rest) = args.split_first().ok_or("cargo_in: no cargo subcommand given")?;
    let output = std::process::Command::new(cargo)
        .arg(subcommand)
        .args(workspace_settings(root))
        .args(rest)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`cargo {}` fails in {}:\n{}{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// `--config <root>/.cargo/config.toml`: the project's build settings (debug info, optimised
/// parsers) for a cargo run in a directory that does not find them itself, so that it reuses the
/// other checks' builds. Give it after the subcommand (`cargo clippy --config …`).
pub fn workspace_settings(root: &Path) -> [std::ffi::OsString; 2] {
    ["--config".into(), root.join(".cargo/config.toml").into_os_string()]
}

/// The project's own config, `spec/codegen.yaml`.
pub fn project_config(root: &Path) -> Result<Config, String> {
    let path = root.join("spec/codegen.yaml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Config::from_yaml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The README's Rust examples, compiled as doctests so that they cannot drift from the client.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The client crate's README (its crates.io page and its rustdoc front page), compiled the same
/// way: the crate itself does not run doctests, which would compile the whole API once more.
#[cfg(doctest)]
#[doc = include_str!("../../generated/README.md")]
pub struct ClientReadmeDoctests;
