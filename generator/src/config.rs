//! The generator config: what to generate, and what the OpenAPI document does not say.
//!
//! Read from YAML (`spec/codegen.yaml`) or built in code with [`Config::new`] and its setters.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Result};

/// Everything a generator run needs besides the document itself. It says what to generate, never
/// how to package it: the crate around the generated modules is written by hand.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The OpenAPI document, relative to the config file.
    #[serde(default = "default_spec")]
    pub spec: String,
    /// The directory of the generated modules, relative to the config file.
    #[serde(default = "default_out")]
    pub out: String,
    /// The command that regenerates the modules, named in every generated file's header.
    #[serde(default = "default_regenerate")]
    pub regenerate: String,
    /// Which operations to generate; empty means none.
    #[serde(default)]
    pub operations: Vec<OperationSelector>,
    /// Operations not to generate, though `operations` selects them.
    #[serde(default)]
    pub exclude: Vec<OperationSelector>,
    /// What to do with a selected operation the generator cannot make.
    #[serde(default)]
    pub unsupported: Unsupported,
    /// Fields to keep secret besides those the generator finds itself (`format: password`,
    /// `writeOnly` strings, and names such as `password`, `*_secret`, `*_token`, `private_key`):
    /// `SchemaName.property`, or the JSON pointer of a property of an inline schema.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// Fields the generator would keep secret that are not (a `*_token` that is a public id),
    /// in the same form as `secrets`.
    #[serde(default)]
    pub not_secrets: Vec<String>,
    /// Answers that mean "not ready yet, call again": each gives its operation a `…_when_ready` method.
    #[serde(default)]
    pub wait_while: Vec<WaitWhile>,
    /// The API's dialect: what its documents leave unsaid or spell their own way.
    #[serde(default)]
    pub conventions: Conventions,
    /// Names chosen by hand, instead of the ones the generator derives from the document.
    #[serde(default)]
    pub rename: Renames,
    /// Cargo features: one per tag, so that users compile only the operations they use.
    #[serde(default)]
    pub features: Features,
    /// `format` → the Rust type its values get, where the built-in choice does not suit:
    /// `plain` (the type without a format: `String`, `i64`) or the path of a type of the user's.
    #[serde(default)]
    pub formats: indexmap::IndexMap<String, String>,
    /// A schema or property → its Rust type, where the document's is wrong or not wanted:
    /// `string`, `number_or_string`, `json`, `plain`, or the path of a type of the user's. Keys are
    /// `Schema`, `Schema.property` or a schema's JSON pointer.
    #[serde(default)]
    pub types: indexmap::IndexMap<String, String>,
    /// The cargo feature of the generated crate that compiles its typed mocks (a `MockServer`
    /// with one expectation per operation); the crate declares it as
    /// `<name> = ["clientgen-runtime/mock"]`. No mocks are generated when unset.
    #[serde(default)]
    pub mock_feature: Option<String>,
    /// Every type implements both `Serialize` and `Deserialize`, not only the ways its operations
    /// move it: for users who store, forward or test values (a request read back from a file).
    /// Costs compile time.
    #[serde(default)]
    pub both_ways: bool,
    /// How a member that may be left out and may be `null` (optional and `nullable`) reads.
    #[serde(default)]
    pub null_and_absent: NullAndAbsent,
}

/// An optional `nullable` member has three states on the wire: absent, `null`, or a value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NullAndAbsent {
    /// Kept apart: the field is `Option<Option<T>>`, `None` when the member is absent and
    /// `Some(None)` when it is `null`; each goes out as it came (a request can send `null`).
    #[default]
    Distinct,
    /// Read alike: the field is `Option<T>`, `None` for either, and `None` goes out absent. For
    /// an API where the difference means nothing, or a crate whose fields must not change type.
    Alike,
}

/// One cargo feature per tag (the kebab-case of the tag, as its module's name): its operations
/// and every type they reach are compiled only when it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Features {
    pub per_tag: bool,
    /// The tags whose features are on by default (the crate's `default` feature).
    pub default: Vec<String>,
}

/// What to do with a selected operation the generator cannot make (a construct it does not know).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unsupported {
    /// Stop with the error: nothing is generated.
    #[default]
    Fail,
    /// Leave the operation out, and list it with its pointer and reason (in the output and in the
    /// generated module's documentation).
    Skip,
}

/// The dialect of one API. The defaults suit an API that has none.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Conventions {
    /// The key the live API wraps error bodies in (`{"error": {...}}`), if it does.
    pub error_envelope: Option<String>,
    /// The property of an error object that holds its code (`code()`).
    pub error_code: String,
    /// The property of an error object that holds its human-readable text (`description()`).
    pub error_description: String,
    /// Component schemas whose name ends with this are lookup objects (one of several ways to
    /// name a resource): each gets one constructor per property, `by_<property>`.
    pub lookup_suffix: Option<String>,
    /// How operationIds become method names.
    pub operation_ids: OperationIdStyle,
    /// The response header that identifies a request.
    pub request_id_header: Option<String>,
    /// The response header with the rate limit.
    pub rate_limit_header: Option<String>,
    /// The response header with what is left of the rate limit.
    pub rate_limit_remaining_header: Option<String>,
    /// How the API pages its lists; operations that follow it get `…_pages` and `…_all` methods.
    pub pagination: Option<PaginationConvention>,
    /// Lists paged by a cursor: the response gives the next page's token, the request takes it
    /// back. Operations the document marks `x-dropshot-pagination` follow the default one
    /// (`page_token`, `next_page`) without it.
    pub cursor_pagination: Option<CursorPaginationConvention>,
}

/// A list operation takes an optional cursor (query parameter `page_token`) and answers an object
/// with one array of items and the next page's cursor (`next_page`), absent on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CursorPaginationConvention {
    /// The query parameter that takes the cursor.
    pub cursor_parameter: String,
    /// The response property with the next page's cursor.
    pub next_cursor: String,
}

impl Default for CursorPaginationConvention {
    fn default() -> Self {
        CursorPaginationConvention {
            cursor_parameter: "page_token".to_owned(),
            next_cursor: "next_page".to_owned(),
        }
    }
}

/// A list operation takes a page number (query parameter `page`) and answers an object with one
/// array of items and a pagination object (`pagination`) that says where the page stands.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationConvention {
    /// The query parameter with the page number (1-based).
    pub page_parameter: String,
    /// The response property that holds the pagination object.
    pub object: String,
    /// Members of the pagination object.
    #[serde(default = "default_current_page")]
    pub current_page: String,
    #[serde(default = "default_total_pages")]
    pub total_pages: String,
    #[serde(default = "default_per_page")]
    pub per_page: String,
}

fn default_current_page() -> String {
    "current_page".to_owned()
}

fn default_total_pages() -> String {
    "total_pages".to_owned()
}

fn default_per_page() -> String {
    "per_page".to_owned()
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            error_envelope: None,
            error_code: "code".to_owned(),
            error_description: "description".to_owned(),
            lookup_suffix: None,
            operation_ids: OperationIdStyle::Plain,
            request_id_header: Some("x-request-id".to_owned()),
            rate_limit_header: Some("x-ratelimit-limit".to_owned()),
            rate_limit_remaining_header: Some("x-ratelimit-remaining".to_owned()),
            pagination: None,
            cursor_pagination: None,
        }
    }
}

/// How operationIds become method names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationIdStyle {
    /// The operationId in snake_case: `listPets` → `list_pets`.
    Plain,
    /// `verb:resource_action`: a POST whose `resource_action` no other operation shares is named
    /// by it alone (`post:key_generate_credentials` → `key_generate_credentials`); others keep
    /// their verb (`get:dns_zone` → `get_dns_zone`).
    VerbColon,
}

/// Names chosen by hand. Keys are spelled as in the document; values are Rust names, used as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Renames {
    /// Component schema name → type name.
    pub schemas: indexmap::IndexMap<String, String>,
    /// `Schema.property` → field name.
    pub properties: indexmap::IndexMap<String, String>,
    /// `Schema.value` (a string enum's value, or a union's tag value) → variant name.
    pub variants: indexmap::IndexMap<String, String>,
    /// operationId → method name.
    pub operations: indexmap::IndexMap<String, String>,
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

/// As the config spells it: `all`, `id: …`, `route: …`, `tag: …`.
impl std::fmt::Display for OperationSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OperationSelector::All => f.write_str("all"),
            OperationSelector::Id(id) => write!(f, "id: {id}"),
            OperationSelector::Route(route) => write!(f, "route: {route}"),
            OperationSelector::Tag(tag) => write!(f, "tag: {tag}"),
        }
    }
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

fn default_regenerate() -> String {
    crate::format::REGENERATE_COMMAND.to_owned()
}

fn default_out() -> String {
    "../generated/src/generated".to_owned()
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// A config that generates nothing until operations are added.
    pub fn new() -> Self {
        Config {
            spec: default_spec(),
            out: default_out(),
            regenerate: default_regenerate(),
            operations: Vec::new(),
            exclude: Vec::new(),
            unsupported: Unsupported::Fail,
            secrets: Vec::new(),
            not_secrets: Vec::new(),
            wait_while: Vec::new(),
            conventions: Conventions::default(),
            rename: Renames::default(),
            formats: indexmap::IndexMap::new(),
            types: indexmap::IndexMap::new(),
            features: Features::default(),
            mock_feature: None,
            both_ways: false,
            null_and_absent: NullAndAbsent::Distinct,
        }
    }

    /// Generates typed mocks behind the crate's cargo feature `feature`.
    pub fn mock_feature(mut self, feature: impl Into<String>) -> Self {
        self.mock_feature = Some(feature.into());
        self
    }

    pub fn operation(mut self, selector: OperationSelector) -> Self {
        self.operations.push(selector);
        self
    }

    pub fn error_envelope(mut self, key: impl Into<String>) -> Self {
        self.conventions.error_envelope = Some(key.into());
        self
    }

    pub fn secret(mut self, schema_dot_property: impl Into<String>) -> Self {
        self.secrets.push(schema_dot_property.into());
        self
    }

    /// Declares a field not secret that the generator's rules would keep secret.
    pub fn not_secret(mut self, schema_dot_property: impl Into<String>) -> Self {
        self.not_secrets.push(schema_dot_property.into());
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
        let config =
            Config::from_yaml("operations:\n  - id: 'post:x'\n  - route: GET /a\n  - tag: Disks\n  - all\n").unwrap();
        assert_eq!(
            config.operations,
            vec![
                OperationSelector::Id("post:x".into()),
                OperationSelector::Route("GET /a".into()),
                OperationSelector::Tag("Disks".into()),
                OperationSelector::All,
            ]
        );
        assert_eq!(config.conventions, Conventions::default());
    }

    #[test]
    fn a_selector_with_two_keys_is_refused() {
        let err = Config::from_yaml("operations:\n  - {id: a, tag: b}\n").unwrap_err();
        assert_eq!(
            err.location,
            crate::diagnostic::Location::Config("operations[0]".into())
        );
    }

    #[test]
    fn unknown_key_is_located() {
        let err = Config::from_yaml("conventions: {error_cdoe: x}\n").unwrap_err();
        assert_eq!(
            err.location,
            crate::diagnostic::Location::Config("conventions.error_cdoe".into())
        );
        assert!(err.message.contains("error_cdoe"), "{err}");
    }
}
