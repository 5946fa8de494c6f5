//! Stage 1: read an OpenAPI 3.0 document, JSON or YAML, into `openapiv3::OpenAPI`.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Result, pointer_join};

/// The serialization of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// JSON if the text starts with `{`, YAML otherwise (YAML is a superset, but its parser is slower).
    pub fn sniff(text: &str) -> Format {
        match text.trim_start_matches('\u{feff}').trim_start().as_bytes().first() {
            Some(b'{') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// Parses a document, refusing anything but OpenAPI 3.0.x. When the document does not parse,
/// its version is checked first, so that a 3.1 or 2.0 document is told so rather than where
/// it first differs from 3.0.
pub fn load(text: &str) -> Result<openapiv3::OpenAPI> {
    let format = Format::sniff(text);
    match parse::<openapiv3::OpenAPI>(text, format) {
        Ok(document) => {
            check_version(Some(&document.openapi))?;
            // Some external `$ref`s parse (as unknown members) and would be dropped silently.
            if may_have_external_ref(text)
                && let Ok(raw) = parse::<serde_json::Value>(text, format)
                && let Some((pointer, reference)) = first_external_ref(&raw, "#")
            {
                return Err(external_ref(pointer, &reference));
            }
            Ok(document)
        }
        Err(parse_error) => {
            if let Ok(probe) = parse::<VersionProbe>(text, format) {
                check_version(probe.openapi.as_deref())?;
            }
            // A multi-file document fails to parse wherever a `$ref` to another file stands in
            // for a node the parser needs; that is the problem to report, not the parse error.
            if let Ok(raw) = parse::<serde_json::Value>(text, format)
                && let Some((pointer, reference)) = first_external_ref(&raw, "#")
            {
                return Err(external_ref(pointer, &reference));
            }
            Err(parse_error)
        }
    }
}

/// The error for a `$ref` into another file.
pub fn external_ref(pointer: impl Into<String>, reference: &str) -> Diagnostic {
    Diagnostic::spec(
        pointer,
        format!(
            "external `$ref` `{reference}`: this document is split across files; bundle it into one \
             file first (for example `redocly bundle` or `swagger-cli bundle`)"
        ),
    )
}

/// Whether some `$ref` in the text has a value that does not start with `#`: a cheap look at the
/// text, so that only such documents are parsed a second time to find it.
fn may_have_external_ref(text: &str) -> bool {
    text.match_indices("$ref").any(|(at, _)| {
        let rest = text[at + 4..].trim_start_matches(['"', '\'', ' ', '\t']);
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        !rest.trim_start_matches([' ', '\t', '"', '\'']).starts_with('#')
    })
}

/// The first `$ref` (depth first, in document order) that does not point into this document.
fn first_external_ref(value: &serde_json::Value, at: &str) -> Option<(String, String)> {
    match value {
        serde_json::Value::Object(members) => {
            if let Some(serde_json::Value::String(reference)) = members.get("$ref")
                && !reference.starts_with('#')
            {
                return Some((at.to_owned(), reference.clone()));
            }
            members
                .iter()
                .find_map(|(key, member)| first_external_ref(member, &pointer_join(at, key)))
        }
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| first_external_ref(item, &pointer_join(at, &index.to_string()))),
        _ => None,
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    openapi: Option<String>,
}

fn check_version(version: Option<&str>) -> Result<()> {
    match version {
        Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(v) => Err(Diagnostic::spec(
            "#/openapi",
            format!(
                "OpenAPI version `{v}` is not supported; this generator reads OpenAPI 3.0.x documents \
                 (convert a 3.1 or 2.0 document to 3.0 first)"
            ),
        )),
        None => Err(Diagnostic::spec(
            "#",
            "no `openapi` version field: this does not look like an OpenAPI 3.0 document",
        )),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str, format: Format) -> Result<T> {
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(located)
        }
        Format::Yaml => serde_path_to_error::deserialize(yaml_serde::Deserializer::from_str(text)).map_err(located),
    }
}

fn located<E: std::fmt::Display>(error: serde_path_to_error::Error<E>) -> Diagnostic {
    let pointer = path_to_pointer(error.path());
    Diagnostic::spec(
        pointer,
        format!("not a valid OpenAPI 3.0 document here: {}", error.inner()),
    )
}

/// Turns serde's record of where it was into a JSON pointer to the deepest node it reached.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Map { key } => pointer = pointer_join(&pointer, key),
            Segment::Seq { index } => pointer = pointer_join(&pointer, &index.to_string()),
            // Enum variants and untracked steps are not nodes of the input.
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL_JSON: &str = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#;

    #[test]
    fn json_and_yaml_give_the_same_document() {
        let yaml = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert_eq!(load(MINIMAL_JSON).unwrap(), load(yaml).unwrap());
    }

    #[test]
    fn openapi_3_1_is_refused_at_its_version_field() {
        let err = load(r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#).unwrap_err();
        assert_eq!(err.pointer(), Some("#/openapi"));
        assert!(err.message.contains("3.1.0"), "{err}");
    }

    #[test]
    fn a_malformed_node_is_located() {
        // openapiv3 flattens `paths`, so serde can only say which top-level node was wrong.
        let err = load(r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": 7}}}}"#)
            .unwrap_err();
        assert_eq!(err.pointer(), Some("#/paths"), "{err}");
        assert!(err.message.contains("integer `7`"), "{err}");
        let err = load(r#"{"openapi": "3.0.0", "info": {"title": 5, "version": "1"}, "paths": {}}"#).unwrap_err();
        assert_eq!(err.pointer(), Some("#/info/title"), "{err}");
    }

    #[test]
    fn a_2_0_document_is_refused_for_its_version_not_its_shape() {
        let err = load(r#"{"swagger": "2.0", "openapi": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": {}}"#)
            .unwrap_err();
        assert_eq!(err.pointer(), Some("#/openapi"), "{err}");
        let err = load(r#"{"openapi": "3.1.0", "info": {"title": 5}}"#).unwrap_err();
        assert_eq!(err.pointer(), Some("#/openapi"), "{err}");
    }

    #[test]
    fn broken_json_is_an_error_not_a_panic() {
        assert!(load("{\"openapi\": ").is_err());
        assert!(load("").is_err());
    }
}
