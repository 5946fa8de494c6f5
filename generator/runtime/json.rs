//! JSON decoding shared by every generated type: tagged unions, tolerant enums, error envelopes.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// A body that is not the JSON the document describes: where it went wrong, and why.
#[derive(Debug)]
pub struct JsonError {
    /// Dotted path to the value that did not fit (`object_storage_access_key.state`); `.` for the top.
    pub path: String,
    pub source: serde_json::Error,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path == "." {
            write!(f, "{}", self.source)
        } else {
            write!(f, "at `{}`: {}", self.path, self.source)
        }
    }
}

impl std::error::Error for JsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Decodes `body` as `T`. The fast path tracks no path; only a failure is decoded again to locate it.
pub fn decode<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, JsonError> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(first) => {
            let mut de = serde_json::Deserializer::from_slice(body);
            let located: Result<T, _> = serde_path_to_error::deserialize(&mut de);
            Err(match located {
                Err(e) => JsonError {
                    path: e.path().to_string(),
                    source: e.into_inner(),
                },
                // Decoding succeeded with a path tracker, so the first failure was trailing data.
                Ok(_) => JsonError {
                    path: ".".to_owned(),
                    source: first,
                },
            })
        }
    }
}

/// Decodes an error body in either form: wrapped in `{"<envelope>": {...}}`, as the live API sends
/// it, or bare, as the document describes it.
pub fn decode_error<'de, T: Deserialize<'de>>(body: &'de [u8], envelope: Option<&str>) -> Result<T, JsonError> {
    if let Some(key) = envelope
        && let Ok(fields) = serde_json::from_slice::<Fields<'de>>(body)
        && let Some(inner) = fields.get(key)
        && inner.get().starts_with('{')
    {
        return decode(inner.get().as_bytes()).map_err(|e| JsonError {
            path: if e.path == "." {
                key.to_owned()
            } else {
                format!("{key}.{}", e.path)
            },
            source: e.source,
        });
    }
    decode(body)
}

/// An object's members as borrowed raw JSON, in wire order: read once, then either asked for the
/// tag or handed on whole to the variant the tag selects. Only works on JSON text.
#[derive(Debug, Default)]
pub struct Fields<'de> {
    members: Vec<(Cow<'de, str>, &'de RawValue)>,
}

impl<'de> Fields<'de> {
    pub fn get(&self, key: &str) -> Option<&'de RawValue> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// The string value of the tag property, if it is present and a string.
    pub fn tag(&self, property: &str) -> Result<Option<Cow<'de, str>>, serde_json::Error> {
        match self.get(property) {
            Some(raw) if raw.get().starts_with('"') => {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                Cow::<'de, str>::deserialize(&mut de).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Decodes the whole object as `T` without reading its text again.
    pub fn decode<T: Deserialize<'de>>(self) -> Result<T, serde_json::Error> {
        let mut map = de::value::MapDeserializer::new(self.members.into_iter());
        let value = T::deserialize(de::value::MapAccessDeserializer::new(&mut map))?;
        map.end()?;
        Ok(value)
    }
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;

        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some(key) = map.next_key_seed(KeySeed)? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Fields { members })
            }
        }

        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// Reads a key borrowed from the input when it has no escapes, owned otherwise.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(CowStrVisitor)
    }
}

struct CowStrVisitor;

impl<'de> Visitor<'de> for CowStrVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Deserializes a string enum: known values through `known`, anything else kept by `unknown`.
/// Only an unknown value allocates.
pub fn deserialize_enum<'de, D, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    unknown: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = deserializer.deserialize_str(CowStrVisitor)?;
    Ok(match known(&value) {
        Some(v) => v,
        None => unknown(value.into_owned()),
    })
}

/// A union variant this client does not know, kept whole: the tag that selected nothing and every
/// member of the object as it came.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnknownVariant {
    #[serde(skip)]
    pub tag: String,
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl UnknownVariant {
    /// Keeps an object whose tag (`property`) matched no known variant.
    pub fn from_fields(fields: Fields<'_>, property: &str) -> Result<Self, serde_json::Error> {
        let tag = fields.tag(property)?.map(Cow::into_owned).unwrap_or_default();
        let mut map = serde_json::Map::with_capacity(fields.members.len());
        for (key, raw) in fields.members {
            map.insert(key.into_owned(), serde_json::from_str(raw.get())?);
        }
        Ok(UnknownVariant { tag, fields: map })
    }

    /// A member that is a string, such as an error's `description`.
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).and_then(serde_json::Value::as_str)
    }

    /// An error's `description`, if it sent one.
    pub fn description(&self) -> Option<&str> {
        self.str_field("description")
    }

    /// An error's `detail`, raw.
    pub fn detail(&self) -> Option<&serde_json::Value> {
        self.fields.get("detail")
    }
}

/// Serde adapters for secret fields: the value leaves the secret only when a request is serialized.
pub mod secret {
    use secrecy::{ExposeSecret, SecretString};
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &SecretString, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.expose_secret())
    }

    pub fn serialize_option<S: Serializer>(value: &Option<SecretString>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_str(value.expose_secret()),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Detail {
        code: String,
        n: Option<i64>,
    }

    #[test]
    fn error_bodies_decode_wrapped_and_bare() {
        let wrapped = br#"{"error": {"code": "x", "n": 1}}"#;
        let bare = br#"{"code": "x", "n": 1}"#;
        let expected = Detail {
            code: "x".into(),
            n: Some(1),
        };
        assert_eq!(decode_error::<Detail>(wrapped, Some("error")).unwrap(), expected);
        assert_eq!(decode_error::<Detail>(bare, Some("error")).unwrap(), expected);
        assert_eq!(decode_error::<Detail>(bare, None).unwrap(), expected);
    }

    #[test]
    fn a_failure_names_its_path() {
        let err = decode_error::<Detail>(br#"{"error": {"code": "x", "n": "one"}}"#, Some("error")).unwrap_err();
        assert_eq!(err.path, "error.n");
        let err = decode::<Detail>(br#"{"code": "x", "n": "one"}"#).unwrap_err();
        assert_eq!(err.path, "n");
        let err = decode::<Detail>(br#"{"code": "x"} trailing"#).unwrap_err();
        assert_eq!(err.path, ".");
    }

    #[test]
    fn fields_keep_the_tag_and_decode_whole() {
        let body = r#"{"detail": {}, "code": "permission_denied", "n": 2}"#;
        let fields: Fields<'_> = serde_json::from_str(body).unwrap();
        assert_eq!(fields.tag("code").unwrap().as_deref(), Some("permission_denied"));
        let detail: Detail = fields.decode().unwrap();
        assert_eq!(
            detail,
            Detail {
                code: "permission_denied".into(),
                n: Some(2)
            }
        );
    }

    #[test]
    fn unknown_variants_keep_everything() {
        let fields: Fields<'_> =
            serde_json::from_str(r#"{"code": "new_code", "description": "d", "detail": {"a": 1}}"#).unwrap();
        let unknown = UnknownVariant::from_fields(fields, "code").unwrap();
        assert_eq!(unknown.tag, "new_code");
        assert_eq!(unknown.description(), Some("d"));
        assert_eq!(unknown.detail(), Some(&serde_json::json!({"a": 1})));
    }
}
