//! Stage 1: read an OpenAPI 3.0 or 3.1 document, JSON or YAML, into `openapiv3::OpenAPI`.
//!
//! A 3.0 document is parsed as it is. A 3.1 document is read as a tree and rewritten into the 3.0
//! shape first (`v31`), so that the stages after this one see one model, whatever the version.

mod all_of_choice;
mod crossed_refs;
pub(crate) use all_of_choice::distributed;
pub use all_of_choice::{CHOICE_NAME, DISTRIBUTED};
mod constraint_only;
mod implied_types;
mod int_or_string;
mod integer_bounds;
mod lenient;
mod loose_keywords;
mod narrow;
pub mod ref_siblings;
mod schema_ids;
mod tree_checks;
mod type_lists;
mod v31;
mod v32;
pub(crate) use v32::QUERY_MARK;

use std::collections::BTreeMap;

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

/// A document in the 3.0 model, with what reading it had to say.
#[derive(Debug)]
pub struct Loaded {
    pub document: openapiv3::OpenAPI,
    /// What was left out or read another way (3.1 keywords the model has no place for, webhooks).
    pub warnings: Vec<Diagnostic>,
    /// Where a 3.1 document's nodes moved when it was rewritten, to locate later diagnostics.
    translation: Option<v31::Translation>,
    /// What a 3.0 document writes beside a `$ref` (a description, `nullable: true`), by the
    /// pointer of the object holding both: 3.0 ignores a `$ref`'s siblings for the type, but the
    /// words say what this use of it means (a property's doc), and `nullable` that the document
    /// means `null` may stand there. The model has no place for them.
    pub ref_siblings: BTreeMap<String, ref_siblings::RefSiblings>,
}

impl Loaded {
    /// `diagnostic`, pointing into the document as written (a 3.1 document was rewritten).
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        match &self.translation {
            Some(translation) => translation.locate(diagnostic),
            None => diagnostic,
        }
    }
}

/// Whether a member of a document's object holds data rather than document: examples, values
/// (`enum`, `const`, `default`) and extensions, which the load's walks leave alone.
pub(crate) fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "enum" | "const" | "default") || key.starts_with("x-")
}

/// A path item's operations, each with its method's name as the document writes it.
pub(crate) fn operations_mut(item: &mut openapiv3::PathItem) -> [(&'static str, &mut Option<openapiv3::Operation>); 8] {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
}

/// The text without the byte order mark some editors write first, which neither parser skips
/// (the YAML one reads it as the start of a second document).
fn without_byte_order_mark(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A YAML text with merge keys (`<<: *defaults`), which the YAML parser reads as a member named
/// `<<` that the model then ignores, losing what it merges: read as YAML's value, merged, and
/// handed on as YAML text. `None` for a text without them (the usual case: no extra parse).
fn merge_keys_applied(text: &str, format: Format) -> Result<Option<String>> {
    // Too deep a text is the tree check's to refuse, before anything parses it.
    if format != Format::Yaml || !text.contains("<<") || tree_checks::yaml_flow_too_deep(text).is_some() {
        return Ok(None);
    }
    let mut value: yaml_serde::Value = parse(text, format)?;
    if !has_merge_key(&value, 0) {
        return Ok(None);
    }
    value
        .apply_merge()
        .map_err(|e| Diagnostic::spec("#", format!("a YAML merge key (`<<`) cannot be applied: {e}")))?;
    // Written back as YAML, not JSON: YAML's reader takes a plain scalar (`version: 2.0`) as
    // the string the model wants, as it did in the text as written.
    yaml_serde::to_string(&value).map(Some).map_err(|e| {
        Diagnostic::spec(
            "#",
            format!("the document, its merge keys applied, cannot be written: {e}"),
        )
    })
}

fn has_merge_key(value: &yaml_serde::Value, depth: usize) -> bool {
    match value {
        _ if depth > tree_checks::MAX_DEPTH => false,
        yaml_serde::Value::Mapping(map) => map
            .iter()
            .any(|(key, member)| key.as_str() == Some("<<") || has_merge_key(member, depth + 1)),
        yaml_serde::Value::Sequence(items) => items.iter().any(|item| has_merge_key(item, depth + 1)),
        _ => false,
    }
}

/// Parses a 3.0 or 3.1 document into the 3.0 model; see [`load_report`].
pub fn load(text: &str) -> Result<openapiv3::OpenAPI> {
    load_report(text).map(|loaded| loaded.document)
}

/// The document as a JSON value, as written: for tools that read what the model does not keep
/// (a 3.1 schema's `examples`, an example's `value`).
pub fn raw(text: &str) -> Result<serde_json::Value> {
    let text = without_byte_order_mark(text);
    let merged = merge_keys_applied(text, Format::sniff(text))?;
    let text = merged.as_deref().unwrap_or(text);
    let format = Format::sniff(text);
    parse(text, format).or_else(|error| {
        // An integer beyond 64 bits: read as the float nearest to it, as the loader does.
        let lenient::Tree(tree) = parse(text, format).map_err(|_| error)?;
        serde_json::to_value(tree).map_err(|e| Diagnostic::spec("#", format!("not JSON: {e}")))
    })
}

/// Parses a document, refusing anything but OpenAPI 3.0.x, 3.1.x and 3.2.x. When the document does
/// not parse, its version is checked first, so that a 2.0 document is told so rather than where
/// it first differs from 3.0.
pub fn load_report(text: &str) -> Result<Loaded> {
    let text = without_byte_order_mark(text);
    let merged = merge_keys_applied(text, Format::sniff(text))?;
    let text = merged.as_deref().unwrap_or(text);
    let format = Format::sniff(text);
    // A YAML 3.1 document is read as a tree for its rewrite: parsing it as 3.0 first, only to
    // learn its version, would read the whole text once more (YAML's reader is the slow one).
    if format == Format::Yaml && yaml_says_3_1(text) {
        check_tree(text, format)?;
        if let Some(loaded) = load_31(text, format, false).transpose() {
            return loaded;
        }
    }
    let (parsed, refs_with_siblings) = checked_parse(text, format)?;
    match parsed {
        Ok(document) => {
            if check_version(Some(&document.openapi), None)? == Version::V31
                && let Some(loaded) = load_31(text, format, false).transpose()
            {
                return loaded;
            }
            // Some external `$ref`s parse (as unknown members) and would be dropped silently.
            if may_have_external_ref(text)
                && let Ok(raw) = parse::<serde_json::Value>(text, format)
                && let Some((pointer, reference)) = first_external_ref(&raw, "#")
            {
                return Err(external_ref(pointer, &reference));
            }
            Ok(loaded_30(document, text, refs_with_siblings, Vec::new()))
        }
        Err(parse_error) => {
            if let Ok(probe) = parse::<VersionProbe>(text, format)
                && check_version(probe.openapi.as_deref(), probe.swagger.as_ref())? == Version::V31
                && let Some(loaded) = load_31(text, format, false).transpose()
            {
                return loaded;
            }
            // A multi-file document fails to parse wherever a `$ref` to another file stands in
            // for a node the parser needs; that is the problem to report, not the parse error.
            if let Ok(raw) = parse::<serde_json::Value>(text, format)
                && let Some((pointer, reference)) = first_external_ref(&raw, "#")
            {
                return Err(external_ref(pointer, &reference));
            }
            let error = match reread_leniently(text, format, refs_with_siblings, &parse_error) {
                Some(Ok(loaded)) => return Ok(loaded),
                Some(Err(error)) => error,
                None => parse_error,
            };
            // A 3.0 document written with 3.1's schemas (`type: [string, "null"]`, `type: "null"`,
            // `const`), as tools that moved to 3.1 without the version do: read as 3.1 when that
            // reads it, said at `#/openapi`; otherwise the 3.0 error stands.
            match load_31(text, format, true) {
                Ok(Some(mut loaded)) => {
                    loaded.warnings.insert(
                        0,
                        Diagnostic::spec(
                            "#/openapi",
                            "the document says OpenAPI 3.0 but its schemas are written as 3.1's (it does not \
                             parse as 3.0): read as 3.1; say `openapi: 3.1.0`, or write the schemas as 3.0's",
                        ),
                    );
                    Ok(loaded)
                }
                // Brought to the schema and keyword at fault, which serde could not say.
                // What the reread repairs is not the fault: searched for with it repaired.
                _ => Err(match parse::<lenient::Tree>(text, format) {
                    Ok(lenient::Tree(mut tree)) => {
                        let mut repaired = Vec::new();
                        integer_bounds::fix_everywhere(&mut tree, "#", &mut repaired);
                        loose_keywords::fix_everywhere(&mut tree, "#", &mut repaired);
                        narrow::narrowed(&tree, error)
                    }
                    Err(_) => error,
                }),
            }
        }
    }
}

/// A 3.0 document that failed to parse, read again through the lenient tree with what documents
/// get wrong repaired, each with a located warning: YAML's reader refuses an integer beyond 64
/// bits (a JavaScript tool's rounded `int64` range, as a bound or an example) where JSON's reads
/// a float, so integer bounds that no `i64` holds are dropped; schema keywords written loosely
/// (draft 3's `required: true` on a property, `nullable: "true"`) are read as meant
/// (`loose_keywords`). `None` when the document fails that way too for another reason, so that
/// the first parse error stands, unless that error was about such a number.
fn reread_leniently(
    text: &str,
    format: Format,
    refs_with_siblings: bool,
    error: &Diagnostic,
) -> Option<Result<Loaded>> {
    let lenient::Tree(mut tree) = parse(text, format).ok()?;
    let mut warnings = Vec::new();
    let mut changed = integer_bounds::fix_everywhere(&mut tree, "#", &mut warnings);
    changed |= loose_keywords::fix_everywhere(&mut tree, "#", &mut warnings);
    // Nothing moved, so a problem that remains is located as written.
    let document: openapiv3::OpenAPI = match serde_path_to_error::deserialize(tree) {
        Ok(document) => document,
        Err(next) if changed || error.message.contains("i128") || error.message.contains("u128") => {
            return Some(Err(located(next)));
        }
        Err(_) => return None,
    };
    Some(Ok(loaded_30(document, text, refs_with_siblings, warnings)))
}

/// A parsed 3.0 document, completed: the types its schemas imply, its crossed `$ref`s read as
/// written (with `warnings` so far), and the descriptions beside its `$ref`s, which the model
/// drops (read from the text, which has parsed already, so `raw` fails only where the model did
/// not need it to).
fn loaded_30(
    mut document: openapiv3::OpenAPI,
    text: &str,
    refs_with_siblings: bool,
    mut warnings: Vec<Diagnostic>,
) -> Loaded {
    let ref_siblings = if refs_with_siblings {
        raw(text).map(|raw| ref_siblings::collect(&raw)).unwrap_or_default()
    } else {
        BTreeMap::new()
    };
    let moves = implied_types::fill_in(&mut document);
    crossed_refs::uncross(&mut document, &mut warnings);
    Loaded {
        document,
        warnings,
        translation: (!moves.is_empty()).then(|| v31::Translation::of_moves(moves)),
        ref_siblings,
    }
}

/// [`check_tree`], then the parse into the 3.0 model; a check that fails is the error. A JSON
/// document is checked on another thread while it is parsed (serde_json bounds its own
/// recursion, so the parse is safe before the check has passed); YAML is checked first.
fn checked_parse(text: &str, format: Format) -> Result<(Result<openapiv3::OpenAPI>, bool)> {
    if format == Format::Yaml {
        let refs_with_siblings = check_tree(text, format)?;
        return Ok((parse(text, format), refs_with_siblings));
    }
    std::thread::scope(|scope| {
        let check = std::thread::Builder::new().spawn_scoped(scope, || check_tree(text, format));
        let parsed = parse(text, format);
        let refs_with_siblings = match check {
            Ok(check) => check
                .join()
                .unwrap_or_else(|_| Err(Diagnostic::spec("#", "the document check stopped unexpectedly")))?,
            // No thread to be had: check here.
            Err(_) => check_tree(text, format)?,
        };
        Ok((parsed, refs_with_siblings))
    })
}

/// A 3.1 document: read as JSON, rewritten into 3.0, then parsed; errors located in the
/// document as written. `None` when the document's `openapi` member does not say 3.1 after all.
/// `assume_31`: read it as 3.1 whatever its `openapi` member says (a 3.0 document written with
/// 3.1's schemas).
fn load_31(text: &str, format: Format, assume_31: bool) -> Result<Option<Loaded>> {
    // Read as YAML's value, whose mappings keep the order written (JSON is YAML).
    let raw = match parse(text, format) {
        Ok(lenient::Tree(raw)) => raw,
        Err(error) => {
            if let Ok(raw) = parse::<serde_json::Value>(text, format)
                && let Some((pointer, reference)) = first_external_ref(&raw, "#")
            {
                return Err(external_ref(pointer, &reference));
            }
            return Err(error);
        }
    };
    let version = raw.get("openapi").and_then(yaml_serde::Value::as_str);
    if !assume_31 && !version.is_some_and(|v| matches!(check_version(Some(v), None), Ok(Version::V31))) {
        return Ok(None);
    }
    // A `$ref` by a schema's `$id` or anchor is local: a pointer before looking for external ones.
    let with_ids_resolved = |mut raw: yaml_serde::Value| {
        if (text.contains("$id") || text.contains("nchor"))
            && let yaml_serde::Value::Mapping(root) = &mut raw
        {
            schema_ids::resolve(root);
        }
        raw
    };
    let raw = with_ids_resolved(raw);
    if may_have_external_ref(text)
        && let Ok(json) = serde_json::to_value(&raw)
        && let Some((pointer, reference)) = first_external_ref(&json, "#")
    {
        return Err(external_ref(pointer, &reference));
    }
    // Loose keywords are repaired only when the document does not read without them (the walk
    // is a tenth of OpenAI's load): on a tree read again, as the rewrite consumes its own.
    let rewritten = |mut raw: yaml_serde::Value| -> Result<(openapiv3::OpenAPI, v31::Translation)> {
        let translation = v31::translate(&mut raw)?;
        let document = serde_path_to_error::deserialize(raw).map_err(|e| translation.locate(located(e)))?;
        Ok((document, translation))
    };
    let mut repaired = Vec::new();
    let (mut document, mut translation) = match rewritten(raw) {
        Ok(done) => done,
        Err(error) => {
            let Ok(lenient::Tree(again)) = parse(text, format) else {
                return Err(error);
            };
            let mut again = with_ids_resolved(again);
            if !loose_keywords::fix_everywhere(&mut again, "#", &mut repaired) {
                return Err(error);
            }
            rewritten(again)?
        }
    };
    let moves = implied_types::fill_in(&mut document);
    translation.add_moves(moves);
    let mut crossed = Vec::new();
    crossed_refs::uncross(&mut document, &mut crossed);
    // The repairs were made before the rewrite: located as written already.
    let warnings = (repaired.into_iter())
        .chain(translation.warnings.iter().cloned())
        .chain(crossed.into_iter().map(|w| translation.locate(w)))
        .collect();
    Ok(Some(Loaded {
        document,
        warnings,
        translation: Some(translation),
        // 3.1 keeps them itself: the rewrite puts a `$ref` with siblings in an `allOf`.
        ref_siblings: BTreeMap::new(),
    }))
}

/// Whether a YAML text's `openapi` key, at the left margin (a key of the top mapping: the lines
/// of a block scalar are indented), says 3.1. Only a hint: [`load_31`] checks the parsed value.
fn yaml_says_3_1(text: &str) -> bool {
    text.lines()
        .find_map(|line| line.strip_prefix("openapi:"))
        .map(|value| value.trim().trim_matches(|c| c == '"' || c == '\''))
        .is_some_and(|version| version.starts_with("3.1") || version.starts_with("3.2"))
}

/// The error for a `$ref` into another file, or an empty one (which names this whole document:
/// no schema, parameter or response is that).
pub fn external_ref(pointer: impl Into<String>, reference: &str) -> Diagnostic {
    if reference.is_empty() {
        return Diagnostic::spec(
            pointer,
            "empty `$ref`: it names the whole document, which is no schema, parameter or response; point it at \
             what was meant (such as `#/components/schemas/<name>`)",
        );
    }
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
    // A search for one byte (`$`, rare in documents) is a `memchr`, several times quicker than
    // one for the word.
    text.match_indices('$').any(|(at, _)| {
        let Some(rest) = text[at..].strip_prefix("$ref") else {
            return false;
        };
        let rest = rest.trim_start_matches(['"', '\'', ' ', '\t']);
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        !rest.trim_start_matches([' ', '\t', '"', '\'']).starts_with('#')
    })
}

/// The first `$ref` (depth first, in document order) that points into another document. An
/// empty one is not: it names this document, and the lowering refuses it where a schema or a
/// component is needed, so that `unsupported: skip` leaves out only what uses it.
fn first_external_ref(value: &serde_json::Value, at: &str) -> Option<(String, String)> {
    match value {
        serde_json::Value::Object(members) => {
            if let Some(serde_json::Value::String(reference)) = members.get("$ref")
                && !reference.starts_with('#')
                && !reference.is_empty()
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
    swagger: Option<serde_json::Value>,
}

#[derive(Debug, PartialEq, Eq)]
enum Version {
    V30,
    V31,
}

fn check_version(version: Option<&str>, swagger: Option<&serde_json::Value>) -> Result<Version> {
    match version {
        Some(v) if v.starts_with("3.0.") || v == "3.0" => Ok(Version::V30),
        // 3.2 is 3.1 with additions, taken out by `v32` before the 3.1 rewrite.
        Some(v) if v.starts_with("3.1.") || v == "3.1" || v.starts_with("3.2.") || v == "3.2" => Ok(Version::V31),
        Some(v) if v.starts_with('2') || swagger.is_some() => Err(swagger_2(v, "#/openapi")),
        Some(v) => Err(Diagnostic::spec(
            "#/openapi",
            format!(
                "OpenAPI version `{v}` is not supported; this generator reads OpenAPI 3.0.x, 3.1.x and 3.2.x documents"
            ),
        )),
        None => match swagger {
            Some(v) => Err(swagger_2(&v.to_string(), "#/swagger")),
            None => Err(Diagnostic::spec(
                "#",
                "no `openapi` version field: this does not look like an OpenAPI 3 document",
            )),
        },
    }
}

/// A Swagger 2.0 document: a different format, which tools convert losslessly.
fn swagger_2(version: &str, pointer: &str) -> Diagnostic {
    Diagnostic::spec(
        pointer,
        format!(
            "this is a Swagger (OpenAPI {}) document; convert it to OpenAPI 3 first \
             (for example `npx swagger2openapi in.json -o out.json`), then generate from that",
            version.trim_matches('"')
        ),
    )
}

/// [`tree_checks`]: no key twice in an object, no absurd depth; located. `Ok(true)` when some
/// object holds a `$ref` with a `description` beside it.
fn check_tree(text: &str, format: Format) -> Result<bool> {
    if format == Format::Yaml
        && let Some((line, column)) = tree_checks::yaml_flow_too_deep(text)
    {
        return Err(Diagnostic::spec(
            "#",
            format!(
                "line {line}, column {column}: `[`/`{{` nested more than {} levels deep; no API document needs \
                 that, so it is refused",
                tree_checks::MAX_DEPTH
            ),
        ));
    }
    // Untracked first, as in `parse`; tracked only to locate a failure.
    let untracked = match format {
        Format::Json => serde_json::from_str::<tree_checks::Tree>(text).ok(),
        Format::Yaml => yaml_serde::from_str::<tree_checks::Tree>(text).ok(),
    };
    if let Some(tree) = untracked {
        return Ok(tree.refs_with_siblings);
    }
    parse_tracked::<tree_checks::Tree>(text, format).map(|tree| tree.refs_with_siblings)
}

/// Parses `text` into `T`. Untracked first: tracking the path to every node costs about as much
/// again, and only an error needs it, so a text that fails is parsed a second time, tracked, to say
/// where.
fn parse<T: for<'de> Deserialize<'de>>(text: &str, format: Format) -> Result<T> {
    let untracked = match format {
        Format::Json => serde_json::from_str::<T>(text).ok(),
        Format::Yaml => yaml_serde::from_str::<T>(text).ok(),
    };
    match untracked {
        Some(value) => Ok(value),
        None => parse_tracked(text, format),
    }
}

fn parse_tracked<T: for<'de> Deserialize<'de>>(text: &str, format: Format) -> Result<T> {
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
    Diagnostic::spec(pointer, format!("not a valid OpenAPI document here: {}", error.inner()))
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

    /// JavaScript tools write `int64`'s range rounded, beyond `i64`: the document is read, the
    /// bounds that do not fit dropped with a warning each, a whole float bound kept as the integer.
    #[test]
    fn a_3_0_integer_beyond_64_bits_is_read_and_a_bound_beyond_i64_dropped() {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
                    Id: {type: integer, format: int64, minimum: -9223372036854776000, maximum: 9223372036854776000}\n    \
                    Count: {type: integer, minimum: 1.0, maximum: 1e30}\n";
        // JSON reads such a number as a float, which the model takes (as an integer schema of
        // any bounds); YAML's reader refused the whole document.
        let json = serde_json::to_string(&raw(yaml).expect("raw")).expect("json");
        load(&json).expect("JSON is read");
        let loaded = load_report(yaml).expect("read");
        let pointers: Vec<&str> = loaded.warnings.iter().filter_map(|w| w.pointer()).collect();
        for dropped in ["#/components/schemas/Id/maximum", "#/components/schemas/Count/maximum"] {
            assert!(pointers.contains(&dropped), "{dropped} in {pointers:?}");
        }
        let schemas = &loaded.document.components.as_ref().expect("components").schemas;
        let bounds = |name: &str| match schemas.get(name).and_then(|s| s.as_item()).map(|s| &s.schema_kind) {
            Some(openapiv3::SchemaKind::Type(openapiv3::Type::Integer(integer))) => (integer.minimum, integer.maximum),
            other => panic!("{name}: {other:?}"),
        };
        // -9223372036854776000 is the float -2⁶³, which is `i64::MIN`; 2⁶³ is beyond.
        assert_eq!(bounds("Id"), (Some(i64::MIN), None));
        assert_eq!(pointers.len(), 2, "{pointers:?}");
        assert_eq!(bounds("Count"), (Some(1), None));
        // What else is wrong is still found, where it is.
        let broken = yaml.replace("paths: {}", "paths: {}\nservers: 5");
        let error = load(&broken).expect_err("servers");
        assert_eq!(error.pointer(), Some("#/servers"), "{error}");
        // An example beyond 64 bits is read too (as the float nearest to it), and the other
        // problems of a document with one are found where they are.
        let example = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
                       Id: {type: integer, example: 99999999999999999999}\n";
        assert!(load_report(example).expect("read").warnings.is_empty());
        let error = load(&example.replace("paths: {}", "paths: {}\nservers: 5")).expect_err("servers");
        assert_eq!(error.pointer(), Some("#/servers"), "{error}");
        // A document without such a number fails as before, at its first problem.
        let error = load("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: 5\n").expect_err("paths");
        assert_eq!(error.pointer(), Some("#/paths"), "{error}");
    }

    /// What documents get wrong, read as meant with a warning where it stands: draft 3's
    /// `required: true` on a property, a bound written as a string, and a 3.0 document whose
    /// schemas are 3.1's (read as 3.1). Another fault is still the 3.0 parse error.
    #[test]
    fn loose_3_0_documents_are_read_as_meant_and_say_so() {
        let doc = |schema: &str| {
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A: {schema}\n"
            )
        };
        let loaded = load_report(&doc(
            "{type: object, properties: {id: {type: string, required: true}, n: {type: integer, minimum: '1'}}}",
        ))
        .expect("draft 3 required");
        let at: Vec<&str> = loaded.warnings.iter().filter_map(|w| w.pointer()).collect();
        assert_eq!(
            at,
            [
                "#/components/schemas/A/properties/id/required",
                "#/components/schemas/A/properties/n/minimum"
            ]
        );
        let schema = format!("{:?}", loaded.document.components.expect("components").schemas["A"]);
        assert!(schema.contains("required: [\"id\"]"), "{schema}");

        let loaded = load_report(&doc(
            "{type: object, properties: {name: {type: [string, 'null']}, k: {const: x}}}",
        ))
        .expect("3.1 schemas in a 3.0 document");
        assert_eq!(loaded.warnings.first().and_then(|w| w.pointer()), Some("#/openapi"));
        // A 3.1 document is repaired alike, when it does not read without.
        let v31 =
            doc("{type: object, properties: {id: {type: [string, 'null'], required: true}}}").replace("3.0.3", "3.1.0");
        let loaded = load_report(&v31).expect("draft 3 required in 3.1");
        let at: Vec<&str> = loaded.warnings.iter().filter_map(|w| w.pointer()).collect();
        assert_eq!(at, ["#/components/schemas/A/properties/id/required"]);

        let err = load_report(&doc("{type: object, properties: 7}")).expect_err("not a schema either way");
        assert!(err.pointer().is_some_and(|p| p.starts_with("#/components")), "{err}");
        // A fault the reread does not repair is named at its keyword, past the repaired ones.
        let err = load_report(&doc(
            "{type: object, properties: {a: {type: string, required: true}, b: {type: integer, nullable: maybe}}}",
        ))
        .expect_err("not a boolean");
        assert_eq!(
            err.pointer(),
            Some("#/components/schemas/A/properties/b/nullable"),
            "{err}"
        );
    }

    #[test]
    fn openapi_3_1_is_read_into_the_same_model() {
        let loaded = load(r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}"#).unwrap();
        assert_eq!(loaded.openapi, "3.0.3");
        assert!(loaded.paths.paths.is_empty());
        let loaded = load(r#"{"openapi": "3.2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#).unwrap();
        assert_eq!(loaded.openapi, "3.0.3", "3.2 is read as 3.1");
        let err = load(r#"{"openapi": "3.3.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#).unwrap_err();
        assert_eq!(err.pointer(), Some("#/openapi"));
        assert!(err.message.contains("3.3.0"), "{err}");
    }

    #[test]
    fn a_yaml_3_1_document_is_known_by_its_top_line_and_checked_by_its_member() {
        assert!(yaml_says_3_1("# comment\nopenapi: \"3.1.0\"\ninfo: {}\n"));
        assert!(yaml_says_3_1("openapi: '3.1'\n"));
        assert!(!yaml_says_3_1("openapi: 3.0.3\n"));
        assert!(!yaml_says_3_1(
            "info:\n  description: |\n    openapi: 3.1.0\nopenapi: 3.0.3\n"
        ));
        // A line that looks like the top key but is not: the member decides, and the document is
        // read as the 3.0 one it is.
        let nested =
            "# flow style\n{info: {title: t, version: \"1\", x-note: {\nopenapi: 3.1.0}}, openapi: 3.0.3, paths: {}}\n";
        assert!(yaml_says_3_1(nested));
        let loaded = load_report(nested).expect("loads");
        assert_eq!(loaded.document.openapi, "3.0.3");
        assert!(loaded.translation.is_none(), "read as 3.0, not rewritten");
        let real = "openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\n";
        assert!(load_report(real).expect("loads").translation.is_some());
    }

    #[test]
    fn a_byte_order_mark_is_skipped_in_json_and_yaml() {
        for text in [
            "\u{feff}{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}",
            "\u{feff}openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        ] {
            assert!(load(text).is_ok(), "{text}");
            assert!(raw(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn yaml_merge_keys_are_applied() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-base: &base\n  description: failure\n  \
            content: {application/json: {schema: {type: string}}}\npaths:\n  /a:\n    get:\n      responses:\n        \
            '404':\n          <<: *base\n          description: not found\n";
        let document = load(text).expect("loads");
        let item = document.paths.paths.get("/a").and_then(|p| p.as_item()).expect("path");
        let get = item.get.as_ref().expect("get");
        let Some(openapiv3::ReferenceOr::Item(response)) =
            get.responses.responses.get(&openapiv3::StatusCode::Code(404))
        else {
            panic!("no 404")
        };
        assert_eq!(response.description, "not found");
        assert!(
            response.content.contains_key("application/json"),
            "merged: {response:?}"
        );
        // A `<<` in a string is not a merge key.
        assert!(load("openapi: 3.0.3\ninfo: {title: '<<', version: '1'}\npaths: {}\n").is_ok());
    }

    #[test]
    fn swagger_2_is_told_to_convert() {
        let err = load(r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#).unwrap_err();
        assert_eq!(err.pointer(), Some("#/swagger"), "{err}");
        assert!(err.message.contains("convert it to OpenAPI 3"), "{err}");
    }

    #[test]
    fn a_3_1_error_points_into_the_document_as_written() {
        // The `$ref` with a sibling becomes `allOf/0`; the error is at the `$ref`, as written.
        let text = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"A": {"$ref": "https://x/y.json", "description": "d"}}}}"#;
        let err = load(text).unwrap_err();
        assert_eq!(err.pointer(), Some("#/components/schemas/A"), "{err}");
        let text = r#"{"openapi": "3.1.0", "jsonSchemaDialect": "http://json-schema.org/draft-04/schema#",
            "info": {"title": "t", "version": "1"}}"#;
        assert_eq!(load(text).unwrap_err().pointer(), Some("#/jsonSchemaDialect"));
        // JSON Schema 2020-12 itself, and the default dialect's dated versions, read the same.
        for dialect in [
            "https://json-schema.org/draft/2020-12/schema",
            "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
        ] {
            let text = format!(
                r#"{{"openapi": "3.1.0", "jsonSchemaDialect": "{dialect}", "info": {{"title": "t", "version": "1"}}}}"#
            );
            assert!(load(&text).is_ok(), "{dialect}");
        }
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
        assert_eq!(err.pointer(), Some("#/info/title"), "a 3.1 document is read: {err}");
    }

    #[test]
    fn a_key_written_twice_is_located_not_a_panic() {
        let json = r##"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get":
            {"responses": {"200": {"description": "ok", "content": {"application/json":
            {"schema": {"$ref": "#/x", "$ref": "#/y"}}}}}}}}}"##;
        let err = load(json).unwrap_err();
        assert_eq!(
            err.pointer(),
            Some("#/paths/~1a/get/responses/200/content/application~1json/schema"),
            "{err}"
        );
        assert!(err.message.contains("`$ref` is written twice"), "{err}");
        let yaml = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        \
                    200: {description: a}\n        200: {description: b}\n";
        let err = load(yaml).unwrap_err();
        assert_eq!(err.pointer(), Some("#/paths/~1a/get/responses"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_at_once() {
        let depth = 100_000;
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let yaml = format!(
                "openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx-deep: {}1{}\n",
                open.repeat(depth),
                close.repeat(depth)
            );
            let err = load(&yaml).unwrap_err();
            assert!(err.message.starts_with("line 4, column "), "{err}");
        }
        let json = format!(
            r#"{{"openapi": "3.0.0", "x-deep": {}1{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert!(
            load(&json)
                .unwrap_err()
                .pointer()
                .is_some_and(|p| p.starts_with("#/x-deep"))
        );
    }

    #[test]
    fn a_3_1_integer_bound_beyond_64_bits_is_read() {
        let yaml = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
                    Seed: {type: integer, minimum: -9223372036854776000, maximum: 99999999999999999999}\n";
        let loaded = load_report(yaml).expect("loads");
        let Some(openapiv3::ReferenceOr::Item(seed)) =
            loaded.document.components.as_ref().and_then(|c| c.schemas.get("Seed"))
        else {
            panic!("no Seed")
        };
        let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(integer)) = &seed.schema_kind else {
            panic!("{seed:?}")
        };
        assert_eq!(integer.minimum, Some(i64::MIN));
        assert_eq!(integer.maximum, None);
        assert!(
            loaded
                .warnings
                .iter()
                .any(|w| w.pointer() == Some("#/components/schemas/Seed/maximum")),
            "{:?}",
            loaded.warnings
        );
    }

    #[test]
    fn broken_json_is_an_error_not_a_panic() {
        assert!(load("{\"openapi\": ").is_err());
        assert!(load("").is_err());
    }
}
