//! Types the document's `format`s give, and the types the config chooses instead (`formats`, `types`).
//!
//! A format says more than its JSON type: `uuid`, `date-time`, `date`, `ip`/`ipv4`/`ipv6` and
//! the sized integers (`int8` … `uint64`) each get a Rust type that holds exactly their values.
//! Unknown formats keep the plain type. The config can keep a format plain, give it a type of the
//! user's, or give one schema or property another type where the document is wrong about it.

use std::collections::HashMap;

use openapiv3::OpenAPI;

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{Scalar, TypeRef};

/// The type a string's `format` gives, before the config has its say.
fn string_scalar(format: &str) -> Option<Scalar> {
    Some(match format {
        "uuid" => Scalar::Uuid,
        "date-time" => Scalar::DateTime,
        "date" => Scalar::Date,
        "ip" => Scalar::IpAddr,
        "ipv4" => Scalar::Ipv4Addr,
        "ipv6" => Scalar::Ipv6Addr,
        "binary" => Scalar::File,
        _ => return None,
    })
}

/// The type an integer's `format` gives; `int64` and unknown formats are the plain `i64`.
fn integer_scalar(format: &str) -> Option<Scalar> {
    Some(match format {
        "int8" => Scalar::I8,
        "int16" => Scalar::I16,
        "int32" => Scalar::I32,
        "uint8" => Scalar::U8,
        "uint16" => Scalar::U16,
        "uint32" => Scalar::U32,
        "uint64" => Scalar::U64,
        _ => return None,
    })
}

/// What the config's `formats` says of one format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FormatChoice {
    /// The type without the format (`String`, `i64`, `f64`).
    Plain,
    /// A Rust type of the user's.
    Custom(String),
}

/// The JSON type a format is found on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    String,
    Integer,
    Number,
}

impl JsonType {
    fn plain(self) -> TypeRef {
        match self {
            JsonType::String => TypeRef::String,
            JsonType::Integer => TypeRef::Integer,
            JsonType::Number => TypeRef::Number,
        }
    }
}

/// Formats as the config maps them.
#[derive(Debug, Clone, Default)]
pub struct Formats {
    choices: HashMap<String, FormatChoice>,
}

impl Formats {
    /// Reads the config's `formats`: each value is `plain` or a Rust type path.
    pub fn new(config: &indexmap::IndexMap<String, String>) -> Result<Self> {
        let mut choices = HashMap::new();
        for (format, choice) in config {
            let at = format!("formats.{format}");
            let choice = match choice.as_str() {
                "plain" => FormatChoice::Plain,
                path => FormatChoice::Custom(rust_path(path, &at)?),
            };
            choices.insert(format.clone(), choice);
        }
        Ok(Formats { choices })
    }

    /// The type of a value of `json_type` with `format` (none, known or unknown).
    pub fn type_of(&self, json_type: JsonType, format: Option<&str>) -> TypeRef {
        let Some(format) = format.filter(|f| !f.is_empty()) else {
            return json_type.plain();
        };
        match self.choices.get(format) {
            Some(FormatChoice::Plain) => json_type.plain(),
            Some(FormatChoice::Custom(path)) => TypeRef::Custom(path.clone()),
            None => {
                let scalar = match json_type {
                    JsonType::String => string_scalar(format),
                    JsonType::Integer => integer_scalar(format),
                    JsonType::Number => None,
                };
                scalar.map_or_else(|| json_type.plain(), TypeRef::Scalar)
            }
        }
    }
}

/// The config's `types`: the JSON pointer of a schema → the type it gets instead of its own.
#[derive(Debug, Clone, Default)]
pub struct TypeOverrides {
    by_pointer: HashMap<String, TypeRef>,
}

impl TypeOverrides {
    /// Reads and checks the config's `types`: every key names a schema of `doc`, once, and every
    /// value is `string`, `number_or_string`, `json` or a Rust type path.
    pub fn new(doc: &OpenAPI, config: &indexmap::IndexMap<String, String>) -> Result<Self> {
        let mut by_pointer = HashMap::new();
        if config.is_empty() {
            return Ok(TypeOverrides { by_pointer });
        }
        let document = serde_json::to_value(doc).unwrap_or_default();
        for (key, choice) in config {
            let at = format!("types.{key}");
            let pointer = key_pointer(key).ok_or_else(|| {
                Diagnostic::config(
                    &at,
                    format!("`{key}` is neither `Schema`, `Schema.property` nor the JSON pointer of a schema"),
                )
            })?;
            let is_schema = |pointer: &str| {
                document
                    .pointer(pointer.trim_start_matches('#'))
                    .is_some_and(|node| node.is_object() || node.is_boolean())
            };
            // `Schema.property` of a schema made of `allOf` members: the property wherever a member defines it.
            let mut pointers: Vec<String> = Vec::new();
            match key.split_once('.').filter(|_| !key.starts_with("#/")) {
                Some((schema, property)) => {
                    let schema_pointer = pointer_join("#/components/schemas", schema);
                    property_pointers(&document, &schema_pointer, property, 0, &mut pointers);
                }
                None if is_schema(&pointer) => pointers.push(pointer.clone()),
                None => {}
            }
            if pointers.is_empty() {
                return Err(Diagnostic::config(
                    &at,
                    format!("`{key}` names no schema of the document ({pointer}); check the spelling, or remove it"),
                ));
            }
            let ty = match choice.as_str() {
                "string" => TypeRef::String,
                "number_or_string" => TypeRef::Scalar(Scalar::NumberOrString),
                "json" => TypeRef::Json,
                path => TypeRef::Custom(rust_path(path, &at)?),
            };
            for pointer in pointers {
                if by_pointer.insert(pointer.clone(), ty.clone()).is_some() {
                    return Err(Diagnostic::config(
                        &at,
                        format!("{pointer} is given a type twice; keep one entry"),
                    ));
                }
            }
        }
        Ok(TypeOverrides { by_pointer })
    }

    /// The type the config gives the schema at `pointer`, if it gives one.
    pub fn get(&self, pointer: &str) -> Option<&TypeRef> {
        self.by_pointer.get(pointer)
    }
}

/// Every pointer at which the schema at `schema` (or one of its `allOf` members, through `$ref`s
/// to components) defines `property`.
fn property_pointers(document: &serde_json::Value, schema: &str, property: &str, depth: usize, out: &mut Vec<String>) {
    let Some(node) = document.pointer(schema.trim_start_matches('#')) else {
        return;
    };
    if depth > 16 {
        return;
    }
    if let Some(reference) = node.get("$ref").and_then(serde_json::Value::as_str) {
        property_pointers(document, reference, property, depth + 1, out);
        return;
    }
    if node.get("properties").and_then(|p| p.get(property)).is_some() {
        out.push(pointer_join(&pointer_join(schema, "properties"), property));
    }
    let members = node
        .get("allOf")
        .and_then(serde_json::Value::as_array)
        .map_or(0, Vec::len);
    for index in 0..members {
        let member = pointer_join(&pointer_join(schema, "allOf"), &index.to_string());
        property_pointers(document, &member, property, depth + 1, out);
    }
}

/// `Schema` → its pointer; `Schema.property` → the property's; a pointer as it is.
fn key_pointer(key: &str) -> Option<String> {
    if key.starts_with("#/") {
        return Some(key.to_owned());
    }
    let (schema, property) = match key.split_once('.') {
        Some((schema, property)) => (schema, Some(property)),
        None => (key, None),
    };
    if schema.is_empty() || property.is_some_and(str::is_empty) {
        return None;
    }
    let schema_pointer = pointer_join("#/components/schemas", schema);
    Some(match property {
        Some(property) => pointer_join(&pointer_join(&schema_pointer, "properties"), property),
        None => schema_pointer,
    })
}

/// A Rust type path the config names (`::chrono::NaiveTime`, `crate::types::Latitude`), checked.
fn rust_path(text: &str, at: &str) -> Result<String> {
    let wrong = || {
        Diagnostic::config(
            at,
            format!(
                "`{text}` is not a choice here nor a Rust type path; write `plain`/`string`/`number_or_string`/`json`, \
                 or a path such as `::my_crate::MyType`"
            ),
        )
    };
    if !text.contains("::") {
        return Err(wrong());
    }
    match syn::parse_str::<syn::TypePath>(text) {
        Ok(path) if path.qself.is_none() => Ok(text.to_owned()),
        _ => Err(wrong()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_give_their_types() {
        let formats = Formats::default();
        let of = |t, f| formats.type_of(t, Some(f));
        assert_eq!(of(JsonType::String, "uuid"), TypeRef::Scalar(Scalar::Uuid));
        assert_eq!(of(JsonType::String, "date-time"), TypeRef::Scalar(Scalar::DateTime));
        assert_eq!(of(JsonType::String, "ipv6"), TypeRef::Scalar(Scalar::Ipv6Addr));
        assert_eq!(of(JsonType::String, "email"), TypeRef::String);
        assert_eq!(of(JsonType::Integer, "uint64"), TypeRef::Scalar(Scalar::U64));
        assert_eq!(of(JsonType::Integer, "int32"), TypeRef::Scalar(Scalar::I32));
        assert_eq!(of(JsonType::Integer, "int64"), TypeRef::Integer);
        assert_eq!(of(JsonType::Number, "float"), TypeRef::Number);
        // A format on the wrong JSON type says nothing.
        assert_eq!(of(JsonType::Integer, "uuid"), TypeRef::Integer);
        assert_eq!(formats.type_of(JsonType::String, None), TypeRef::String);
    }

    #[test]
    fn the_config_chooses() {
        let mut config = indexmap::IndexMap::new();
        config.insert("date-time".to_owned(), "plain".to_owned());
        config.insert("decimal".to_owned(), "::rust_decimal::Decimal".to_owned());
        let formats = Formats::new(&config).unwrap();
        assert_eq!(formats.type_of(JsonType::String, Some("date-time")), TypeRef::String);
        assert_eq!(
            formats.type_of(JsonType::Number, Some("decimal")),
            TypeRef::Custom("::rust_decimal::Decimal".to_owned())
        );
        assert_eq!(
            formats.type_of(JsonType::String, Some("uuid")),
            TypeRef::Scalar(Scalar::Uuid)
        );
    }

    #[test]
    fn a_choice_that_is_not_a_type_is_refused() {
        for wrong in ["Decimal", "string", "::a::<", "<T as X>::Y", ""] {
            let mut config = indexmap::IndexMap::new();
            config.insert("decimal".to_owned(), wrong.to_owned());
            let error = Formats::new(&config).unwrap_err();
            assert_eq!(
                error.location,
                crate::diagnostic::Location::Config("formats.decimal".to_owned())
            );
        }
    }

    #[test]
    fn keys() {
        assert_eq!(key_pointer("Geo").as_deref(), Some("#/components/schemas/Geo"));
        assert_eq!(
            key_pointer("Geo.lat").as_deref(),
            Some("#/components/schemas/Geo/properties/lat")
        );
        assert_eq!(key_pointer("#/paths/x").as_deref(), Some("#/paths/x"));
        assert_eq!(key_pointer("Geo."), None);
        assert_eq!(key_pointer(".lat"), None);
    }
}
