//! The generator config: what to generate, and what the OpenAPI document does not say.
//!
//! Read from YAML (`spec/codegen.yaml`) or built in code with [`Config::new`] and its setters.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Result};

/// Everything a generator run needs besides the document itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The OpenAPI document, relative to the config file.
    #[serde(default = "default_spec")]
    pub spec: String,
    /// The directory of the generated crate, relative to the config file.
    #[serde(default = "default_out")]
    pub out: String,
    #[serde(rename = "crate")]
    pub crate_config: CrateConfig,
    /// Which operations to generate; empty means none.
    #[serde(default)]
    pub operations: Vec<OperationSelector>,
    /// The key the live API wraps error bodies in (`{"error": {...}}`), if it does.
    #[serde(default)]
    pub error_envelope: Option<String>,
    /// Secret fields, as `SchemaName.property`.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// Answers that mean "not ready yet, call again": each gives its operation a `…_when_ready` method.
    #[serde(default)]
    pub wait_while: Vec<WaitWhile>,
}

/// An operation's answer that means "not yet": a documented error status, and its code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitWhile {
    /// The operationId.
    pub operation: String,
    pub status: u16,
    /// The error code, if the status has several.
    #[serde(default)]
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    pub name: String,
    #[serde(default = "default_version")]
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `[dev-dependencies]` of the generated crate: name → TOML value, e.g. `'"0.6"'`.
    #[serde(default)]
    pub dev_dependencies: indexmap::IndexMap<String, String>,
    /// Benchmarks in the generated crate's `benches/` (run without the libtest harness, as criterion needs).
    #[serde(default)]
    pub benches: Vec<String>,
}

/// One way of naming operations to generate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawSelector")]
pub enum OperationSelector {
    /// By `operationId`.
    Id(String),
    /// By `METHOD /path`, e.g. `POST /object_storage/access_keys/access_key/generate_credentials`.
    Route(String),
    /// Every operation with this tag.
    Tag(String),
    /// Every operation in the document.
    All,
}

/// The YAML spellings of a selector: `all`, or a map with exactly one of `id`, `route`, `tag`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawSelector {
    Word(String),
    Map(RawSelectorMap),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelectorMap {
    id: Option<String>,
    route: Option<String>,
    tag: Option<String>,
}

impl TryFrom<RawSelector> for OperationSelector {
    type Error = String;

    fn try_from(raw: RawSelector) -> Result<Self, String> {
        match raw {
            RawSelector::Word(word) if word == "all" => Ok(OperationSelector::All),
            RawSelector::Word(word) => Err(format!(
                "`{word}` is not a selector; write `all`, `id: …`, `route: …` or `tag: …`"
            )),
            RawSelector::Map(RawSelectorMap {
                id: Some(id),
                route: None,
                tag: None,
            }) => Ok(OperationSelector::Id(id)),
            RawSelector::Map(RawSelectorMap {
                id: None,
                route: Some(route),
                tag: None,
            }) => Ok(OperationSelector::Route(route)),
            RawSelector::Map(RawSelectorMap {
                id: None,
                route: None,
                tag: Some(tag),
            }) => Ok(OperationSelector::Tag(tag)),
            RawSelector::Map(_) => Err("a selector has exactly one of `id`, `route` or `tag`".to_owned()),
        }
    }
}

fn default_spec() -> String {
    "openapi.json".to_owned()
}

fn default_out() -> String {
    "../generated".to_owned()
}

fn default_version() -> String {
    "0.1.0".to_owned()
}

impl Config {
    /// A config for a crate named `crate_name` that generates nothing until operations are added.
    pub fn new(crate_name: impl Into<String>) -> Self {
        Config {
            spec: default_spec(),
            out: default_out(),
            crate_config: CrateConfig {
                name: crate_name.into(),
                version: default_version(),
                description: None,
                dev_dependencies: Default::default(),
                benches: Vec::new(),
            },
            operations: Vec::new(),
            error_envelope: None,
            secrets: Vec::new(),
            wait_while: Vec::new(),
        }
    }

    pub fn operation(mut self, selector: OperationSelector) -> Self {
        self.operations.push(selector);
        self
    }

    pub fn error_envelope(mut self, key: impl Into<String>) -> Self {
        self.error_envelope = Some(key.into());
        self
    }

    pub fn secret(mut self, schema_dot_property: impl Into<String>) -> Self {
        self.secrets.push(schema_dot_property.into());
        self
    }

    /// Parses a YAML config; errors name the offending key path.
    pub fn from_yaml(text: &str) -> Result<Self> {
        let de = yaml_serde::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            Diagnostic::config(path, e.into_inner().to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_selector_form() {
        let config = Config::from_yaml(
            "crate: {name: k}\noperations:\n  - id: 'post:x'\n  - route: GET /a\n  - tag: Disks\n  - all\n",
        )
        .unwrap();
        assert_eq!(
            config.operations,
            vec![
                OperationSelector::Id("post:x".into()),
                OperationSelector::Route("GET /a".into()),
                OperationSelector::Tag("Disks".into()),
                OperationSelector::All,
            ]
        );
        assert_eq!(config.crate_config.version, "0.1.0");
    }

    #[test]
    fn a_selector_with_two_keys_is_refused() {
        let err = Config::from_yaml("crate: {name: k}\noperations:\n  - {id: a, tag: b}\n").unwrap_err();
        assert_eq!(
            err.location,
            crate::diagnostic::Location::Config("operations[0]".into())
        );
    }

    #[test]
    fn unknown_key_is_located() {
        let err = Config::from_yaml("crate: {name: k, nmae: x}\n").unwrap_err();
        assert_eq!(err.location, crate::diagnostic::Location::Config("crate.nmae".into()));
        assert!(err.message.contains("nmae"), "{err}");
    }
}
