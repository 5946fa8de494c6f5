//! `cargo xtask codegen`: run the generator on `spec/` and write, or check, `generated/`.

pub mod compile_cost;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use clientgen::format::{GENERATED_MARKER, REGENERATE_COMMAND};
use clientgen::{Config, GeneratedFile};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// One file whose contents on disk are not what the generator makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Differs(PathBuf),
    /// Has the generated-file header but the generator no longer makes it.
    Stale(PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {}", p.display()),
            Drift::Differs(p) => write!(f, "differs: {}", p.display()),
            Drift::Stale(p) => write!(f, "stale (no longer generated): {}", p.display()),
        }
    }
}

/// Runs the generator. In `Write` mode brings the output directory up to date and returns what it
/// changed; in `Check` mode writes nothing and returns what would change.
pub fn codegen(root: &Path, inputs: &Inputs, mode: Mode) -> Result<Vec<Drift>, String> {
    let config_path = inputs.config.clone().unwrap_or_else(|| root.join("spec/codegen.yaml"));
    let config_text = fs::read_to_string(&config_path)
        .map_err(|e| format!("{}: cannot read the config: {e}", config_path.display()))?;
    let config = Config::from_yaml(&config_text).map_err(|e| format!("{}: {e}", config_path.display()))?;
    let config_dir = config_path.parent().unwrap_or(Path::new("."));
    let spec_path = inputs.spec.clone().unwrap_or_else(|| config_dir.join(&config.spec));
    let out_dir = inputs.out.clone().unwrap_or_else(|| config_dir.join(&config.out));
    // `/…/spec/../generated` → `/…/generated`, so that messages show a path a user would type.
    let out_dir = fs::canonicalize(&out_dir).unwrap_or(out_dir);
    let spec_text =
        fs::read_to_string(&spec_path).map_err(|e| format!("{}: cannot read the spec: {e}", spec_path.display()))?;
    let source = display_relative(root, &spec_path);
    let generated = clientgen::generate_report(&spec_text, &config, &source).map_err(|e| format!("{source}: {e}"))?;
    for warning in &generated.warnings {
        eprintln!("warning: {source}: {warning}");
    }
    eprintln!("{source}: {} secret value(s), never printed:", generated.secrets.len());
    for secret in &generated.secrets {
        eprintln!("  {} ({}; {})", secret.place, secret.reason, secret.pointer);
    }
    if !generated.open_json.is_empty() {
        eprintln!(
            "{source}: {} place(s) kept as raw JSON (the document gives them no shape):",
            generated.open_json.len()
        );
        // The first few; the count says how many, and the generated docs say which.
        const SHOWN: usize = 10;
        for place in generated.open_json.iter().take(SHOWN) {
            eprintln!("  {} ({})", place.place, place.pointer);
        }
        if generated.open_json.len() > SHOWN {
            eprintln!("  … and {} more", generated.open_json.len() - SHOWN);
        }
    }
    if !generated.skipped.is_empty() {
        let causes = clientgen::ir::skip_causes(&generated.skipped);
        eprintln!(
            "{source}: {} operation(s) left out (`unsupported: skip`), for {} reason(s):",
            generated.skipped.len(),
            causes.len()
        );
        for cause in causes {
            eprintln!("  {}", cause.problem);
            for operation in cause.operations {
                eprintln!("    {}", operation.operation());
            }
        }
    }
    sync(&out_dir, &generated.files, mode)
}

/// `spec/x.json` rather than `/home/…/spec/../spec/x.json`, so headers do not depend on the checkout.
fn display_relative(root: &Path, path: &Path) -> String {
    let clean = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, path) = (clean(root), clean(path));
    match path.strip_prefix(&root) {
        Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
        Err(_) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// Compares (and in `Write` mode updates) `out_dir` against `files`. A file that carries the
/// generated-file header but is not among `files` is stale: deleted in `Write` mode.
pub fn sync(out_dir: &Path, files: &[GeneratedFile], mode: Mode) -> Result<Vec<Drift>, String> {
    let mut drift = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => continue,
            Ok(_) => drift.push(Drift::Differs(path.clone())),
            Err(_) => drift.push(Drift::Missing(path.clone())),
        }
        if mode == Mode::Write {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
            }
            fs::write(&path, &file.contents).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
    }
    let wanted: Vec<PathBuf> = files.iter().map(|f| out_dir.join(&f.path)).collect();
    for path in owned_files(out_dir)? {
        if !wanted.contains(&path) {
            if mode == Mode::Write {
                fs::remove_file(&path).map_err(|e| format!("{}: cannot remove stale file: {e}", path.display()))?;
            }
            drift.push(Drift::Stale(path));
        }
    }
    Ok(drift)
}

/// Files below `dir` (not in `target/`) whose first line carries the generated-file marker.
fn owned_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{}: cannot list: {e}", dir.display())),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: cannot list: {e}", dir.display()))?;
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else if fs::read_to_string(&path)
                .is_ok_and(|text| text.lines().next().is_some_and(|l| l.contains(GENERATED_MARKER)))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
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
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nclientgen-runtime = {{ path = {runtime:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\n[dev-dependencies]\n{dev_dependencies}\n[workspace]\n"
    );
    write_file(&dir.join("Cargo.toml"), &manifest)?;
    write_file(&dir.join("src/lib.rs"), &lib)?;
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
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
    Ok(features_section(&generated.features))
}

/// The `[features]` section a crate around the generated modules declares: one feature per tag,
/// `default` with the config's default tags, `full` with all.
pub fn features_section(features: &[clientgen::ir::Feature]) -> String {
    let quoted = |names: Vec<&str>| names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let mut out = String::from("[features]\n");
    let defaults = features.iter().filter(|f| f.default).map(|f| f.name.as_str()).collect();
    out.push_str(&format!("default = [{}]\n", quoted(defaults)));
    out.push_str(&format!(
        "full = [{}]\n",
        quoted(features.iter().map(|f| f.name.as_str()).collect())
    ));
    for feature in features {
        out.push_str(&format!("# {}\n{} = []\n", feature.tag, feature.name));
    }
    out
}

/// Runs cargo with `args` in a crate written by [`write_standalone_crate`], building in this
/// workspace's target directory so that its compiled dependencies are reused (cargo has released
/// the directory's lock by the time tests run). The error holds cargo's output.
pub fn cargo_in(root: &Path, dir: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(args)
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

/// The project's own config, `spec/codegen.yaml`.
pub fn project_config(root: &Path) -> Result<Config, String> {
    let path = root.join("spec/codegen.yaml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Config::from_yaml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The message for drift found in `Check` mode.
pub fn drift_report(drift: &[Drift]) -> String {
    let mut out = String::from("generated code is not what the generator makes of spec/:\n");
    for d in drift {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!("run `{REGENERATE_COMMAND}` and commit the result\n"));
    out
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
