//! OpenAPI 3.1 read as 3.0: the JSON of a 3.1 document rewritten into the 3.0 shape `openapiv3`
//! parses, so that everything after `load` sees one model whatever the document's version.
//!
//! Each rewrite keeps the meaning a client needs: `type: [T, "null"]` is a nullable `T`,
//! `const` a one-value `enum`, a `oneOf` of `T` and `null` a nullable `T`, a `$ref` with siblings an
//! `allOf` of the reference beside them. Keywords that only constrain validation and give a value
//! no other shape (`if`/`then`/`else`, `dependentSchemas`) are dropped with a located warning.
//! Where a rewrite moves a node (a `$ref` into `allOf/0`), the move is recorded so that a
//! diagnostic still points into the document as written.

use yaml_serde::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Location, Result, pointer_join};

// The document is rewritten as a `yaml_serde::Value`, JSON or YAML alike, because its mappings keep
// the document's order (serde_json's do not, without a feature that would change the runtime's
// behaviour in this workspace): operations and properties come out in the order written.

/// A small value, written as JSON.
fn json(value: serde_json::Value) -> Value {
    yaml_serde::to_value(value).unwrap_or(Value::Null)
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

/// The member `key` of a mapping.
fn member<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    value.as_mapping().and_then(|m| m.get(key))
}

fn insert(members: &mut Mapping, key: &str, value: Value) {
    members.insert(string(key), value);
}

/// Removes `key`, keeping the order of the other members.
fn remove(members: &mut Mapping, key: &str) -> Option<Value> {
    members.shift_remove(key)
}

/// The members of a mapping with their keys as text (a non-string key is not a name).
fn named_mut(members: &mut Mapping) -> impl Iterator<Item = (String, &mut Value)> {
    members
        .iter_mut()
        .filter_map(|(key, value)| key.as_str().map(|k| (k.to_owned(), value)))
}

/// The JSON Schema dialect 3.1 documents use unless they say otherwise.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// What the rewrite did that a reader should know, and where nodes moved.
#[derive(Debug, Default)]
pub struct Translation {
    pub warnings: Vec<Diagnostic>,
    /// (pointer in the rewritten document, pointer in the document as written), longest first
    /// when looked up.
    moved: Vec<(String, String)>,
}

impl Translation {
    /// The pointer in the document as written for a pointer into the rewritten one. A node can
    /// have moved twice (a schema rewritten inside a path item taken from `components/pathItems`),
    /// so moves are undone until none applies.
    pub fn original_pointer(&self, pointer: &str) -> String {
        let mut current = pointer.to_owned();
        for _ in 0..8 {
            let mut best: Option<&(String, String)> = None;
            for entry in &self.moved {
                let (rewritten, _) = entry;
                let under = current == *rewritten || current.starts_with(&format!("{rewritten}/"));
                if under && best.is_none_or(|(b, _)| rewritten.len() > b.len()) {
                    best = Some(entry);
                }
            }
            let Some((rewritten, original)) = best else { break };
            current = format!("{original}{}", &current[rewritten.len()..]);
        }
        current
    }

    /// `diagnostic` with its pointer mapped back into the document as written.
    pub fn locate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if let Location::Spec(pointer) = &mut diagnostic.location {
            *pointer = self.original_pointer(pointer);
        }
        diagnostic
    }

    /// Only moves: what a rewrite of a 3.0 document (`implied_types`) did.
    pub fn of_moves(moves: Vec<(String, String)>) -> Self {
        Translation {
            warnings: Vec::new(),
            moved: moves,
        }
    }

    /// Moves made after this translation, in the document it made.
    pub fn add_moves(&mut self, moves: Vec<(String, String)>) {
        self.moved.extend(moves);
    }

    fn moved(&mut self, rewritten: String, original: String) {
        self.moved.push((rewritten, original));
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Diagnostic::spec(pointer, message));
    }
}

/// Whether schemas in this dialect mean what they mean in the OpenAPI 3.1 default one: any
/// dated version of it, and plain JSON Schema 2020-12, on which it is built (the OpenAPI
/// keywords a document in that dialect still writes, such as `discriminator`, are read as intended).
fn reads_as_default(dialect: &str) -> bool {
    let dialect = dialect.trim_end_matches('#');
    dialect == DEFAULT_DIALECT
        || dialect.starts_with("https://spec.openapis.org/oas/3.1/dialect/")
        || dialect == "https://json-schema.org/draft/2020-12/schema"
}

/// Rewrites a 3.1 document into 3.0 in place.
pub fn translate(document: &mut Value) -> Result<Translation> {
    let mut translation = Translation::default();
    let Value::Mapping(root) = document else {
        return Err(Diagnostic::spec("#", "an OpenAPI document is an object"));
    };
    if let Some(dialect) = remove(root, "jsonSchemaDialect")
        && !dialect.as_str().is_some_and(reads_as_default)
    {
        return Err(Diagnostic::spec(
            "#/jsonSchemaDialect",
            format!(
                "JSON Schema dialect `{}` is not supported; this generator reads schemas in the \
                 OpenAPI 3.1 default dialect ({DEFAULT_DIALECT})",
                dialect.as_str().unwrap_or("?")
            ),
        ));
    }
    if root
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.2"))
    {
        super::v32::downgrade(root, &mut |at, message| translation.warn(at, message));
    }
    insert(root, "openapi", string("3.0.3"));
    if let Some(Value::Mapping(info)) = root.get_mut("info") {
        remove(info, "summary");
        if let Some(Value::Mapping(license)) = info.get_mut("license") {
            remove(license, "identifier");
        }
    }
    let path_items = root
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
        .and_then(|components| remove(components, "pathItems"));
    if let Some(Value::Mapping(webhooks)) = remove(root, "webhooks")
        && !webhooks.is_empty()
    {
        translation.warn(
            "#/webhooks",
            format!(
                "{} webhook(s): requests the API sends, not calls a client makes; no methods are generated for them",
                webhooks.len()
            ),
        );
    }
    if !root.contains_key("paths") {
        insert(root, "paths", Value::Mapping(Mapping::new()));
        translation.moved("#/paths".to_owned(), "#".to_owned());
    }
    let mut used_path_items = Vec::new();
    if let Some(Value::Mapping(paths)) = root.get_mut("paths") {
        for (path, item) in named_mut(paths) {
            let at = pointer_join("#/paths", &path);
            if let Some(reference) = member(item, "$ref").and_then(Value::as_str) {
                used_path_items.push(reference.to_owned());
            }
            inline_path_item(item, path_items.as_ref(), &at, &mut translation)?;
            if let Value::Mapping(item) = item {
                for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                    if let Some(Value::Mapping(operation)) = item.get_mut(method)
                        && !operation.contains_key("responses")
                    {
                        insert(operation, "responses", Value::Mapping(Mapping::new()));
                        let operation_at = pointer_join(&at, method);
                        translation.moved(pointer_join(&operation_at, "responses"), operation_at);
                    }
                }
            }
        }
    }
    let unused = path_items
        .as_ref()
        .and_then(Value::as_mapping)
        .map(|items| {
            items
                .keys()
                .filter_map(Value::as_str)
                .filter(|name| !used_path_items.contains(&pointer_join("#/components/pathItems", name)))
                .count()
        })
        .unwrap_or(0);
    if unused > 0 {
        translation.warn(
            "#/components/pathItems",
            format!("{unused} path item(s) no path uses (webhooks' or callbacks'): no methods are generated for them"),
        );
    }
    hoist_defs(root, &mut translation)?;
    if let Some(Value::Mapping(components)) = root.get_mut("components") {
        if let Some(Value::Mapping(schemes)) = components.get_mut("securitySchemes") {
            // `mutualTLS` is a TLS client certificate, set up outside the client's requests.
            schemes.retain(|_, scheme| member(scheme, "type").and_then(Value::as_str) != Some("mutualTLS"));
        }
        if let Some(Value::Mapping(schemas)) = components.get_mut("schemas") {
            for (name, schema) in named_mut(schemas) {
                let at = pointer_join("#/components/schemas", &name);
                schema_node(schema, &at, &mut translation)?;
            }
        }
    }
    for (key, value) in named_mut(root) {
        if key != "components" {
            document_node(value, &pointer_join("#", &key), &mut translation)?;
        } else if let Value::Mapping(components) = value {
            for (kind, members) in named_mut(components).filter(|(k, _)| k != "schemas") {
                let at = pointer_join("#/components", &kind);
                document_node(members, &at, &mut translation)?;
            }
        }
    }
    Ok(translation)
}

/// A schema declared under `$defs`, taken out of the schema that declared it.
struct Def {
    /// Its pointer as written (`#/components/schemas/Pet/$defs/Tag`).
    written: String,
    /// The component schema that declared it (`Pet`), to tell apart two `$defs` of one name.
    owner: String,
    name: String,
    schema: Value,
}

/// Moves every `$defs` entry (wherever a schema declares one) into `components/schemas`, under
/// its own name (or, when that is taken, prefixed with the component that declared it), and
/// points every `$ref` to it there: a `$defs` schema is then one component type like any other.
fn hoist_defs(root: &mut Mapping, translation: &mut Translation) -> Result<()> {
    let mut found = Vec::new();
    for (key, value) in named_mut(root) {
        collect_defs(value, &pointer_join("#", &key), &mut found);
    }
    if found.is_empty() {
        return Ok(());
    }
    if !root.contains_key("components") {
        insert(root, "components", Value::Mapping(Mapping::new()));
    }
    let Some(Value::Mapping(components)) = root.get_mut("components") else {
        return Err(Diagnostic::spec("#/components", "`components` must be an object"));
    };
    if !components.contains_key("schemas") {
        insert(components, "schemas", Value::Mapping(Mapping::new()));
    }
    let Some(Value::Mapping(schemas)) = components.get_mut("schemas") else {
        return Err(Diagnostic::spec(
            "#/components/schemas",
            "`components/schemas` must be an object",
        ));
    };
    let mut references = Vec::with_capacity(found.len());
    for def in found {
        let mut component = def.name.clone();
        let mut number = 1u32;
        while schemas.contains_key(component.as_str()) {
            number = number.saturating_add(1);
            component = match number {
                2 => format!("{}{}", def.owner, def.name),
                n => format!("{}{}{n}", def.owner, def.name),
            };
        }
        let hoisted = pointer_join("#/components/schemas", &component);
        translation.moved(hoisted.clone(), def.written.clone());
        insert(schemas, &component, def.schema);
        references.push((def.written, hoisted));
    }
    for (_, value) in named_mut(root) {
        rewrite_references(value, &references);
    }
    Ok(())
}

/// Takes every `$defs` out of `value` (and out of the schemas inside it), depth first.
fn collect_defs(value: &mut Value, at: &str, found: &mut Vec<Def>) {
    match value {
        Value::Mapping(members) => {
            if let Some(Value::Mapping(defs)) = remove(members, "$defs") {
                let owner = at
                    .strip_prefix("#/components/schemas/")
                    .and_then(|rest| rest.split('/').next())
                    .map(|name| name.replace("~1", "/").replace("~0", "~"))
                    .unwrap_or_default();
                let base = pointer_join(at, "$defs");
                // Schemas made by JSON Schema tools refer to their own `$defs` from their root
                // (`#/$defs/Tag`): inside the schema that declares them, that is these.
                let local: Vec<(String, String)> = defs
                    .keys()
                    .filter_map(Value::as_str)
                    .map(|name| (pointer_join("#/$defs", name), pointer_join(&base, name)))
                    .collect();
                if let Some(Value::String(reference)) = members.get_mut("$ref")
                    && let Some((_, written)) = local.iter().find(|(relative, _)| relative == reference)
                {
                    *reference = written.clone();
                }
                for (_, member) in members.iter_mut() {
                    rewrite_references(member, &local);
                }
                for (name, mut schema) in defs {
                    let Some(name) = name.as_str().map(str::to_owned) else {
                        continue;
                    };
                    let written = pointer_join(&base, &name);
                    rewrite_references(&mut schema, &local);
                    collect_defs(&mut schema, &written, found);
                    found.push(Def {
                        written,
                        owner: owner.clone(),
                        name,
                        schema,
                    });
                }
            }
            for (key, member) in named_mut(members) {
                if key != "example" && key != "examples" && !key.starts_with("x-") {
                    collect_defs(member, &pointer_join(at, &key), found);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                collect_defs(item, &pointer_join(at, &index.to_string()), found);
            }
        }
        _ => {}
    }
}

/// Points every `$ref` to a moved schema at where it is now.
fn rewrite_references(value: &mut Value, moved: &[(String, String)]) {
    rewrite_references_by(value, &|reference| {
        moved
            .iter()
            .find(|(written, _)| written == reference)
            .map(|(_, now)| now.clone())
    });
}

/// Every `$ref` in `value` for which `now` gives another reference, pointed there.
pub(super) fn rewrite_references_by(value: &mut Value, now: &dyn Fn(&str) -> Option<String>) {
    match value {
        Value::Mapping(members) => {
            if let Some(Value::String(reference)) = members.get_mut("$ref")
                && let Some(now) = now(reference)
            {
                *reference = now;
            }
            for (_, member) in members.iter_mut() {
                rewrite_references_by(member, now);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|item| rewrite_references_by(item, now)),
        _ => {}
    }
}

/// A path item that is a `$ref` to `components/pathItems` is replaced by what it names.
fn inline_path_item(
    item: &mut Value,
    path_items: Option<&Value>,
    at: &str,
    translation: &mut Translation,
) -> Result<()> {
    let Some(reference) = member(item, "$ref").and_then(Value::as_str).map(str::to_owned) else {
        return Ok(());
    };
    let Some(name) = reference.strip_prefix("#/components/pathItems/") else {
        return Ok(());
    };
    let name = name.replace("~1", "/").replace("~0", "~");
    let target = path_items
        .and_then(|items| member(items, &name))
        .ok_or_else(|| Diagnostic::spec(at, format!("`$ref` `{reference}` names no path item")))?;
    if member(target, "$ref").is_some() {
        return Err(Diagnostic::spec(
            at,
            "a path item `$ref` to another `$ref` is not supported; point it at the path item itself",
        ));
    }
    // What the item takes from the target stands, as written, under `components/pathItems`.
    let written = pointer_join("#/components/pathItems", &name);
    let mut resolved = target.clone();
    if let (Value::Mapping(resolved), Value::Mapping(own)) = (&mut resolved, &*item) {
        for key in resolved.keys().filter_map(Value::as_str) {
            if !own.contains_key(key) {
                translation.moved(pointer_join(at, key), pointer_join(&written, key));
            }
        }
        for (key, value) in own.iter().filter(|(k, _)| k.as_str() != Some("$ref")) {
            resolved.insert(key.clone(), value.clone());
        }
    }
    *item = resolved;
    Ok(())
}

/// Walks the parts of the document that are not schemas, rewriting every schema they hold
/// (`schema` of parameters, headers and media types). Examples and extensions are data, not
/// document, and are left alone.
fn document_node(value: &mut Value, at: &str, translation: &mut Translation) -> Result<()> {
    match value {
        Value::Mapping(members) => {
            for (key, member) in named_mut(members) {
                let here = pointer_join(at, &key);
                match key.as_str() {
                    "schema" => schema_node(member, &here, translation)?,
                    "example" | "examples" => {}
                    key if key.starts_with("x-") => {}
                    _ => document_node(member, &here, translation)?,
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                document_node(item, &pointer_join(at, &index.to_string()), translation)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Keywords that change what a value must satisfy but not its shape: a client decodes the same
/// type without them.
const CONDITIONALS: &[&str] = &["if", "then", "else", "dependentSchemas", "dependentRequired"];

/// Keywords of 3.1 schemas that carry no meaning for the generated types.
const ANNOTATIONS_ONLY: &[&str] = &[
    "$comment",
    "$schema",
    "$id",
    "$anchor",
    "contentSchema",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "minContains",
    "maxContains",
    "contains",
];

/// `$recursiveRef: "#"` (JSON Schema 2019-09) and `$dynamicRef: "#name"` (2020-12) inside a
/// component schema are read as that schema, as documents use them for a tree (a filter made of
/// filters): a `$ref` to the component. The dynamic part (a schema that extends this one at run
/// time) has no client type; a reference outside components, or to anything but an anchor, is
/// refused, located.
fn recursive_reference(members: &mut Mapping, at: &str) -> Result<()> {
    remove(members, "$recursiveAnchor");
    remove(members, "$dynamicAnchor");
    let (keyword, target) = match (remove(members, "$recursiveRef"), remove(members, "$dynamicRef")) {
        (None, None) => return Ok(()),
        (Some(target), None) => ("$recursiveRef", target),
        (_, Some(target)) => ("$dynamicRef", target),
    };
    let component = at
        .strip_prefix("#/components/schemas/")
        .and_then(|rest| rest.split('/').next())
        .map(|name| format!("#/components/schemas/{name}"));
    let refers_to_component = match (keyword, target.as_str()) {
        ("$recursiveRef", Some("#")) => true,
        ("$dynamicRef", Some(anchor)) => anchor.starts_with('#') && anchor.len() > 1,
        _ => false,
    };
    match component {
        Some(component) if refers_to_component && !members.contains_key("$ref") => {
            insert(members, "$ref", string(&component));
            Ok(())
        }
        _ => Err(Diagnostic::spec(
            pointer_join(at, keyword),
            format!(
                "`{keyword}` is read only as `\"#\"` or `\"#anchor\"` inside a component schema, where it names that schema; use `$ref` to a component schema"
            ),
        )),
    }
}

/// Rewrites one schema (and every schema inside it) from 3.1 into 3.0.
fn schema_node(schema: &mut Value, at: &str, translation: &mut Translation) -> Result<()> {
    let members = match schema {
        Value::Bool(true) => {
            *schema = Value::Mapping(Mapping::new());
            return Ok(());
        }
        Value::Bool(false) => {
            *schema = json(serde_json::json!({"not": {}}));
            translation.moved(pointer_join(at, "not"), at.to_owned());
            return Ok(());
        }
        Value::Mapping(members) => members,
        _ => return Ok(()),
    };
    recursive_reference(members, at)?;
    for keyword in CONDITIONALS {
        if remove(members, keyword).is_some() {
            translation.warn(
                &pointer_join(at, keyword),
                format!(
                    "`{keyword}` is ignored: it constrains values without changing their shape, which the server checks"
                ),
            );
        }
    }
    for keyword in ANNOTATIONS_ONLY {
        remove(members, keyword);
    }
    if members.len() > 1
        && let Some(reference) = members.get("$ref").cloned()
    {
        // A `$ref` beside other keywords: the reference, with what stands beside it applied.
        remove(members, "$ref");
        let mut reference_only = Mapping::new();
        insert(&mut reference_only, "$ref", reference);
        insert(members, "allOf", Value::Sequence(vec![Value::Mapping(reference_only)]));
        translation.moved(pointer_join(&pointer_join(at, "allOf"), "0"), at.to_owned());
    }
    type_array(members, at, translation);
    if let Some(constant) = remove(members, "const") {
        if !members.contains_key("type") {
            let implied = match &constant {
                Value::String(_) => Some("string"),
                Value::Bool(_) => Some("boolean"),
                Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
                Value::Number(_) => Some("number"),
                _ => None,
            };
            if let Some(implied) = implied {
                insert(members, "type", string(implied));
            }
        }
        insert(members, "enum", Value::Sequence(vec![constant]));
        translation.moved(pointer_join(at, "enum"), pointer_join(at, "const"));
    }
    if let Some(Value::Sequence(mut examples)) = remove(members, "examples")
        && !members.contains_key("example")
        && !examples.is_empty()
    {
        insert(members, "example", examples.swap_remove(0));
        translation.moved(
            pointer_join(at, "example"),
            pointer_join(&pointer_join(at, "examples"), "0"),
        );
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(value) = members.get(exclusive).filter(|v| v.is_number()).cloned() {
            insert(members, bound, value);
            insert(members, exclusive, Value::Bool(true));
            translation.moved(pointer_join(at, bound), pointer_join(at, exclusive));
        }
    }
    super::integer_bounds::fix(members, at, &mut translation.warnings);
    if content_encoding(members) {
        translation.moved(pointer_join(at, "format"), at.to_owned());
    }
    null_members(members, at, translation);
    if let Some(Value::Mapping(patterns)) = remove(members, "patternProperties")
        && !members.contains_key("additionalProperties")
    {
        let values = match patterns.len() {
            1 => patterns.into_iter().next().map(|(pattern, schema)| {
                let written = pointer_join(&pointer_join(at, "patternProperties"), pattern.as_str().unwrap_or(""));
                translation.moved(pointer_join(at, "additionalProperties"), written);
                schema
            }),
            _ => None,
        };
        insert(members, "additionalProperties", values.unwrap_or(Value::Bool(true)));
    }
    // A tuple whose members are all one schema (`Tuple[float, float]`) is a list of that schema;
    // its length stays in `minItems`/`maxItems`.
    if let Some(Value::Sequence(tuple)) = members.get("prefixItems")
        && let Some(first) = tuple.first()
        && tuple.iter().all(|member| member == first)
        && members
            .get("items")
            .is_none_or(|items| items == first || *items == Value::Bool(false))
    {
        let first = first.clone();
        remove(members, "prefixItems");
        insert(members, "items", first);
        translation.moved(pointer_join(at, "items"), pointer_join(at, "prefixItems/0"));
    }
    if let Some(Value::Sequence(_)) = remove(members, "prefixItems") {
        translation.warn(
            &pointer_join(at, "prefixItems"),
            "`prefixItems` (a tuple) is read as a list of JSON values: its members have different types",
        );
        // `items: false` closes the tuple (no member after those listed); once the tuple is a
        // list of JSON values, it would say that no member at all is allowed.
        if members.get("items").is_none_or(|items| *items == Value::Bool(false)) {
            insert(members, "items", Value::Mapping(Mapping::new()));
            translation.moved(pointer_join(at, "items"), pointer_join(at, "prefixItems"));
        }
    }
    // What is left are 3.0 keywords; rewrite the schemas they hold.
    for key in ["items", "not", "additionalProperties"] {
        if let Some(inner) = members.get_mut(key)
            && !(key == "additionalProperties" && inner.is_bool())
        {
            schema_node(inner, &pointer_join(at, key), translation)?;
        }
    }
    if let Some(Value::Mapping(properties)) = members.get_mut("properties") {
        let base = pointer_join(at, "properties");
        for (name, property) in named_mut(properties) {
            schema_node(property, &pointer_join(&base, &name), translation)?;
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Sequence(list)) = members.get_mut(key) {
            let base = pointer_join(at, key);
            for (index, member) in list.iter_mut().enumerate() {
                schema_node(member, &pointer_join(&base, &index.to_string()), translation)?;
            }
        }
    }
    Ok(())
}

/// `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` → a value that can only be
/// `null`; several types → a `oneOf` of one schema per type, each with the keywords and `enum`
/// values of its type (`type_lists`).
fn type_array(members: &mut Mapping, at: &str, translation: &mut Translation) {
    let types: Vec<String> = match members.get("type") {
        Some(Value::Sequence(types)) => types.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(Value::String(single)) => vec![single.clone()],
        _ => return,
    };
    let nullable = types.iter().any(|t| t == "null");
    let others: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
    if nullable {
        insert(members, "nullable", Value::Bool(true));
        translation.moved(pointer_join(at, "nullable"), pointer_join(at, "type"));
    }
    match others.as_slice() {
        [] => {
            remove(members, "type");
            insert(members, "enum", Value::Sequence(vec![Value::Null]));
            translation.moved(pointer_join(at, "enum"), pointer_join(at, "type"));
        }
        [one] => insert(members, "type", string(one)),
        several => {
            remove(members, "type");
            let listed: Vec<&str> = several.iter().map(|t| t.as_str()).collect();
            let mut branches = super::type_lists::split(members, &listed);
            if branches.len() == 1
                && let Some(only) = branches.pop()
            {
                // The `enum` leaves one type: the schema is that type.
                if let Value::Mapping(only) = only.schema {
                    members.extend(only);
                }
                return;
            }
            // A schema with a `oneOf` of its own takes the types' union as one more `allOf` member.
            let nested = members.contains_key("oneOf");
            let union_at = if nested {
                let index = match members.get("allOf") {
                    Some(Value::Sequence(list)) => list.len(),
                    _ => 0,
                };
                pointer_join(&pointer_join(&pointer_join(at, "allOf"), &index.to_string()), "oneOf")
            } else {
                pointer_join(at, "oneOf")
            };
            for (index, branch) in branches.iter().enumerate() {
                let into = pointer_join(&union_at, &index.to_string());
                // The branch is where its type is listed: `type/1` for `integer` in `[string, integer]`.
                let listed = types.iter().position(|t| Some(t.as_str()) == branch.ty());
                let type_at = pointer_join(at, "type");
                let written = match listed {
                    Some(position) => pointer_join(&type_at, &position.to_string()),
                    None => type_at,
                };
                translation.moved(into.clone(), written);
                for keyword in &branch.keywords {
                    translation.moved(pointer_join(&into, keyword), pointer_join(at, keyword));
                }
                if branch.schema.as_mapping().is_some_and(|m| m.contains_key("enum")) {
                    translation.moved(pointer_join(&into, "enum"), pointer_join(at, "enum"));
                }
            }
            let union = Value::Sequence(branches.into_iter().map(|b| b.schema).collect());
            if nested {
                let mut holder = Mapping::new();
                insert(&mut holder, "oneOf", union);
                match members.get_mut("allOf") {
                    Some(Value::Sequence(list)) => list.push(Value::Mapping(holder)),
                    _ => insert(members, "allOf", Value::Sequence(vec![Value::Mapping(holder)])),
                }
            } else {
                insert(members, "oneOf", union);
            }
        }
    }
}

/// A `oneOf`/`anyOf` with a `null` member: the others, nullable (one left: `allOf` of it).
fn null_members(members: &mut Mapping, at: &str, translation: &mut Translation) {
    let is_null = |v: &Value| {
        member(v, "type").and_then(Value::as_str) == Some("null") && v.as_mapping().is_some_and(|m| m.len() == 1)
    };
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(list)) = members.get(key) else {
            continue;
        };
        if !list.iter().any(is_null) {
            continue;
        }
        let kept: Vec<(usize, Value)> = list
            .iter()
            .enumerate()
            .filter(|(_, v)| !is_null(v))
            .map(|(i, v)| (i, v.clone()))
            .collect();
        insert(members, "nullable", Value::Bool(true));
        let into = if kept.len() == 1 && !members.contains_key("allOf") {
            remove(members, key);
            "allOf"
        } else {
            key
        };
        let base = pointer_join(at, key);
        for (new_index, (old_index, _)) in kept.iter().enumerate() {
            let rewritten = pointer_join(&pointer_join(at, into), &new_index.to_string());
            translation.moved(rewritten, pointer_join(&base, &old_index.to_string()));
        }
        insert(
            members,
            into,
            Value::Sequence(kept.into_iter().map(|(_, v)| v).collect()),
        );
    }
}

/// `contentEncoding: base64` is 3.0's `format: byte`; a string of another media type,
/// unencoded, is `format: binary`.
/// Returns whether it set a `format`.
fn content_encoding(members: &mut Mapping) -> bool {
    let encoding = remove(members, "contentEncoding");
    let media = remove(members, "contentMediaType");
    if members.contains_key("format") {
        return false;
    }
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media.as_ref().and_then(Value::as_str),
    ) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(media)) if !media.contains("json") && !media.starts_with("text/") => "binary",
        _ => return false,
    };
    insert(members, "format", string(format));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json as j;

    fn schema(value: serde_json::Value) -> (serde_json::Value, Translation) {
        let mut value = json(value);
        let mut translation = Translation::default();
        schema_node(&mut value, "#/s", &mut translation).expect("translates");
        (yaml_serde::from_value(value).expect("json"), translation)
    }

    #[test]
    fn type_arrays_null_and_const() {
        assert_eq!(
            schema(j!({"type": ["string", "null"]})).0,
            j!({"type": "string", "nullable": true})
        );
        assert_eq!(schema(j!({"type": "null"})).0, j!({"nullable": true, "enum": [null]}));
        let (union, translation) = schema(j!({"type": ["integer", "string"]}));
        assert_eq!(union, j!({"oneOf": [{"type": "integer"}, {"type": "string"}]}));
        assert_eq!(translation.original_pointer("#/s/oneOf/1"), "#/s/type/1");
        assert_eq!(schema(j!({"const": "on"})).0, j!({"type": "string", "enum": ["on"]}));
        assert_eq!(
            schema(j!({"type": "string", "const": "on"})).0,
            j!({"type": "string", "enum": ["on"]})
        );
    }

    #[test]
    fn refs_with_siblings_and_null_members() {
        let (value, translation) = schema(j!({"$ref": "#/components/schemas/A", "description": "d"}));
        assert_eq!(
            value,
            j!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"})
        );
        assert_eq!(translation.original_pointer("#/s/allOf/0"), "#/s");
        let (value, translation) =
            schema(j!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/A"}], "description": "d"}));
        assert_eq!(
            value,
            j!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true, "description": "d"})
        );
        assert_eq!(translation.original_pointer("#/s/allOf/0/x"), "#/s/oneOf/1/x");
    }

    #[test]
    fn bounds_examples_booleans_and_encodings() {
        assert_eq!(
            schema(j!({"type": "integer", "exclusiveMinimum": 0, "examples": [3, 4]})).0,
            j!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "example": 3})
        );
        assert_eq!(schema(j!(true)).0, j!({}));
        assert_eq!(
            schema(j!({"type": "integer", "minimum": -9223372036854776000.0_f64, "maximum": 1e30})).0,
            j!({"type": "integer", "minimum": i64::MIN})
        );
        assert_eq!(schema(j!(false)).0, j!({"not": {}}));
        assert_eq!(
            schema(j!({"type": "string", "contentEncoding": "base64"})).0,
            j!({"type": "string", "format": "byte"})
        );
        assert_eq!(
            schema(j!({"type": "string", "contentMediaType": "image/png"})).0,
            j!({"type": "string", "format": "binary"})
        );
    }

    #[test]
    fn a_tuple_of_one_schema_is_a_list_of_it_and_a_mixed_one_a_list_of_json() {
        let (value, translation) =
            schema(j!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}], "maxItems": 2}));
        assert_eq!(value, j!({"type": "array", "items": {"type": "number"}, "maxItems": 2}));
        assert!(translation.warnings.is_empty());
        let (value, translation) =
            schema(j!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}]}));
        assert_eq!(value, j!({"type": "array", "items": {}}));
        assert_eq!(translation.warnings.len(), 1);
        // A closed tuple (`items: false`: nothing after its members) is such a list too.
        let (value, _) =
            schema(j!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}], "items": false}));
        assert_eq!(value, j!({"type": "array", "items": {}}));
    }

    #[test]
    fn conditionals_are_dropped_with_a_located_warning() {
        let (value, translation) = schema(j!({"type": "object", "if": {}, "then": {}, "dependentSchemas": {}}));
        assert_eq!(value, j!({"type": "object"}));
        let pointers: Vec<_> = translation.warnings.iter().filter_map(|w| w.pointer()).collect();
        assert_eq!(pointers, ["#/s/if", "#/s/then", "#/s/dependentSchemas"]);
    }

    #[test]
    fn defs_become_components_and_their_references_follow() {
        let mut document = json(j!({
            "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "components": {"schemas": {
                "Tag": {"type": "string"},
                "Pet": {
                    "type": "object",
                    "properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"},
                                   "owner": {"$ref": "#/components/schemas/Pet/$defs/Owner"}},
                    "$defs": {
                        "Tag": {"type": "object", "properties": {"name": {"type": "string"}}},
                        "Owner": {"type": "object",
                                  "properties": {"nick": {"$ref": "#/components/schemas/Pet/$defs/Owner/$defs/Nick"}},
                                  "$defs": {"Nick": {"type": "string"}}}
                    }
                }
            }}
        }));
        let translation = translate(&mut document).expect("translates");
        let document: serde_json::Value = yaml_serde::from_value(document).expect("json");
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["PetTag"]["properties"]["name"],
            j!({"type": "string"}),
            "`Tag` is taken: prefixed"
        );
        assert_eq!(
            schemas["Pet"]["properties"]["tag"],
            j!({"$ref": "#/components/schemas/PetTag"})
        );
        assert_eq!(
            schemas["Pet"]["properties"]["owner"],
            j!({"$ref": "#/components/schemas/Owner"})
        );
        assert_eq!(
            schemas["Owner"]["properties"]["nick"],
            j!({"$ref": "#/components/schemas/Nick"})
        );
        assert!(schemas["Pet"].get("$defs").is_none());
        assert_eq!(
            translation.original_pointer("#/components/schemas/PetTag/properties/name"),
            "#/components/schemas/Pet/$defs/Tag/properties/name"
        );
    }

    #[test]
    fn the_order_of_members_is_kept() {
        let mut document: Value = yaml_serde::from_str(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/z: {}, /a: {}}\n\
             components: {schemas: {Z: {properties: {z: {type: [string, 'null']}, a: {const: x}}}}}",
        )
        .expect("yaml");
        translate(&mut document).expect("translates");
        let paths: Vec<&str> = member(&document, "paths")
            .and_then(Value::as_mapping)
            .map(|m| m.keys().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(paths, ["/z", "/a"]);
        let properties = member(&document, "components")
            .and_then(|c| member(c, "schemas"))
            .and_then(|s| member(s, "Z"))
            .and_then(|z| member(z, "properties"))
            .and_then(Value::as_mapping)
            .map(|m| m.keys().filter_map(Value::as_str).collect::<Vec<_>>())
            .unwrap_or_default();
        assert_eq!(properties, ["z", "a"]);
    }
}
