//! Stage 5: write the generated files into a crate, or check that they are there unchanged; the
//! summary of a run. `cargo xtask codegen` and `cargo clientgen` both call this.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::format::GENERATED_MARKER;
use crate::{Config, Generated, GeneratedFile};

/// Write the files, or only compare them.
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

/// Where a run's inputs are, and where its files go.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The generator config; its `spec` and `out` are relative to its directory.
    pub config: PathBuf,
    /// Overrides the config's `spec`.
    pub spec: Option<PathBuf>,
    /// Overrides the config's `out`.
    pub out: Option<PathBuf>,
    /// Headers name the document relative to this directory, so they do not depend on the checkout.
    pub display_root: PathBuf,
}

/// Reads the config and the document, generates, and in `Write` mode brings the output directory
/// up to date. Returns what the generator made and what differs (or differed) on disk.
pub fn regenerate(paths: &Paths, mode: Mode) -> Result<(Generated, Vec<Drift>), String> {
    let config_text = fs::read_to_string(&paths.config)
        .map_err(|e| format!("{}: cannot read the config: {e}", paths.config.display()))?;
    let config = Config::from_yaml(&config_text).map_err(|e| format!("{}: {e}", paths.config.display()))?;
    let config_dir = paths.config.parent().unwrap_or(Path::new("."));
    let spec_path = paths.spec.clone().unwrap_or_else(|| config_dir.join(&config.spec));
    let out_dir = paths.out.clone().unwrap_or_else(|| config_dir.join(&config.out));
    // `/…/spec/../generated` → `/…/generated`, so that messages show a path a user would type.
    let out_dir = fs::canonicalize(&out_dir).unwrap_or(out_dir);
    let spec_text =
        fs::read_to_string(&spec_path).map_err(|e| format!("{}: cannot read the spec: {e}", spec_path.display()))?;
    let source = display_relative(&paths.display_root, &spec_path);
    let generated = crate::generate_report(&spec_text, &config, &source).map_err(|e| format!("{source}: {e}"))?;
    let drift = sync(&out_dir, &generated.files, mode)?;
    Ok((generated, drift))
}

/// What a run has to say: warnings, secrets, places kept as JSON, operations left out.
pub fn summary(generated: &Generated) -> String {
    use std::fmt::Write as _;
    // Names and pointers quote the document: one line each, whatever it holds.
    let shown = crate::prose::comment_line;
    let source = shown(&generated.source);
    let mut out = String::new();
    for warning in &generated.warnings {
        let _ = writeln!(out, "warning: {source}: {warning}");
    }
    let _ = writeln!(
        out,
        "{source}: {} secret value(s), never printed:",
        generated.secrets.len()
    );
    for secret in &generated.secrets {
        let _ = writeln!(
            out,
            "  {} ({}; {})",
            shown(&secret.place),
            secret.reason,
            shown(&secret.pointer)
        );
    }
    if !generated.open_json.is_empty() {
        let _ = writeln!(
            out,
            "{source}: {} place(s) kept as raw JSON (the document gives them no shape):",
            generated.open_json.len()
        );
        // The first few: the count says how many.
        const SHOWN: usize = 10;
        for place in generated.open_json.iter().take(SHOWN) {
            let _ = writeln!(out, "  {} ({})", shown(&place.place), shown(&place.pointer));
        }
        if generated.open_json.len() > SHOWN {
            let _ = writeln!(out, "  … and {} more", generated.open_json.len() - SHOWN);
        }
    }
    if !generated.skipped.is_empty() {
        let causes = crate::ir::skip_causes(&generated.skipped);
        let _ = writeln!(
            out,
            "{source}: {} operation(s) left out (`unsupported: skip`), for {} reason(s):",
            generated.skipped.len(),
            causes.len()
        );
        for cause in causes {
            let _ = writeln!(out, "  {}", cause.problem);
            for operation in cause.operations {
                let _ = writeln!(out, "    {}", shown(&operation.operation()));
            }
        }
    }
    out
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

/// The `[features]` section a crate around the generated modules declares: one feature per tag,
/// `default` with the config's default tags (or `full` when `default_full`) and rustls, `full`
/// with all, the TLS features, and the mock feature when there are mocks. The crate depends on
/// the runtime with `default-features = false`, so that its TLS features choose.
pub fn features_section(generated: &crate::Generated, default_full: bool) -> String {
    let features = &generated.features;
    let quoted = |names: Vec<&str>| names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let mut out = String::from("[features]\n");
    let mut defaults: Vec<&str> = if default_full {
        vec!["full"]
    } else {
        features.iter().filter(|f| f.default).map(|f| f.name.as_str()).collect()
    };
    defaults.extend(crate::naming::TLS_FEATURES.first().map(|(name, _)| *name));
    out.push_str(&format!("default = [{}]\n", quoted(defaults)));
    out.push_str(&format!(
        "full = [{}]\n",
        quoted(features.iter().map(|f| f.name.as_str()).collect())
    ));
    for feature in features {
        out.push_str(&format!(
            "# {}\n{} = []\n",
            crate::prose::comment_line(&feature.tag),
            feature.name
        ));
    }
    out.push_str(
        "# TLS, passed on to the runtime (one is needed for `https://`):
",
    );
    for (name, what) in crate::naming::TLS_FEATURES {
        out.push_str(&format!("# {what}\n{name} = [\"clientgen-runtime/{name}\"]\n"));
    }
    if let Some(mock) = &generated.mock_feature {
        out.push_str(&format!(
            "# Typed mocks for tests: `MockServer`, an expectation per operation (wiremock underneath).\n\
             {mock} = [\"clientgen-runtime/mock\"]\n"
        ));
    }
    out
}

/// The message for drift found in `Check` mode.
pub fn drift_report(drift: &[Drift], command: &str) -> String {
    let mut out = String::from("generated code is not what the generator makes of the spec:\n");
    for d in drift {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!("run `{command}` and commit the result\n"));
    out
}
