//! clientgen: generates a typed Rust client crate from an OpenAPI 3.0 or 3.1 document.
//!
//! One direction, one stage per module:
//! [`load`] (JSON/YAML, 3.0 or 3.1 → `openapiv3`) → [`lower`] (→ [`ir`]) → [`emit`] (IR → tokens) →
//! [`mod@format`] (tokens → files with a generated-file header). Writing and checking the files is the
//! caller's job (`cargo xtask codegen`).

pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod example_targets;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
mod parallel;
pub mod project;
pub mod prose;

pub use config::{Config, NullAndAbsent, OperationSelector, Unsupported};
pub use diagnostic::{Diagnostic, Location};

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate's directory, with `/` separators.
    pub path: String,
    pub contents: String,
}

/// What a generator run made, and what it has to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The document, as the headers name it.
    pub source: String,
    pub files: Vec<GeneratedFile>,
    /// Names decided another way than the plain rule (a collision resolved).
    pub warnings: Vec<Diagnostic>,
    /// Selected operations left out (`unsupported: skip`), each with its pointer and reason.
    pub skipped: Vec<ir::SkippedOperation>,
    /// Every place the client keeps as raw JSON, because the document gives it no shape.
    pub open_json: Vec<ir::OpenJson>,
    /// The cargo features the generated modules use (`features.per_tag`): the crate's manifest
    /// must declare each.
    pub features: Vec<ir::Feature>,
    /// The cargo feature of the typed mocks (config `mock_feature`), which the manifest declares.
    pub mock_feature: Option<String>,
    /// Every value the client keeps secret, and why (config, format, name rule).
    pub secrets: Vec<ir::SecretValue>,
}

/// Runs every stage on a document's text. `spec_source` names the document in file headers.
pub fn generate(spec_text: &str, config: &Config, spec_source: &str) -> Result<Vec<GeneratedFile>, Diagnostic> {
    generate_report(spec_text, config, spec_source).map(|generated| generated.files)
}

/// [`generate`], with the warnings and the operations left out.
pub fn generate_report(spec_text: &str, config: &Config, spec_source: &str) -> Result<Generated, Diagnostic> {
    let loaded = load::load_report(spec_text)?;
    let mut api =
        lower::lower_with(&loaded.document, &loaded.ref_siblings, config, spec_source).map_err(|e| loaded.locate(e))?;
    api.skipped = api
        .skipped
        .into_iter()
        .map(|skipped| ir::SkippedOperation {
            problem: loaded.locate(skipped.problem),
            ..skipped
        })
        .collect();
    let mut warnings = loaded.warnings.clone();
    warnings.extend(api.warnings.iter().cloned().map(|w| loaded.locate(w)));
    // Token streams cannot cross threads, so each worker emits and formats whole files (or parts
    // of one, in order).
    let parts = parallel::map(&emit::jobs(&api), |job| {
        format::format_file(&api, emit::emit_file(&api, *job))
    });
    // A file formatted in parts (in order) is their concatenation.
    let mut files: Vec<GeneratedFile> = Vec::with_capacity(parts.len());
    for part in parts {
        let part = part?;
        match files.last_mut() {
            Some(last) if last.path == part.path => last.contents.push_str(&part.contents),
            _ => files.push(part),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let secrets = api.secret_values();
    let open_json = api
        .open_json()
        .into_iter()
        .map(|place| {
            let located = loaded.locate(Diagnostic::spec(place.pointer.clone(), String::new()));
            ir::OpenJson {
                pointer: located.pointer().map_or(place.pointer, str::to_owned),
                place: place.place,
            }
        })
        .collect();
    Ok(Generated {
        source: spec_source.to_owned(),
        open_json,
        secrets,
        files,
        warnings,
        skipped: api.skipped,
        features: api.features,
        mock_feature: api.mock_feature,
    })
}
