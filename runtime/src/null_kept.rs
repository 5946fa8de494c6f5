//! Members that may be absent and may be `null`, kept apart: an `Option<Option<T>>` field is
//! `None` when the member is absent, `Some(None)` when it is `null`, `Some(Some(value))` otherwise.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serializer};

/// `deserialize_with` of such a field: a member that is there is `Some`, `null` included. The
/// field's `#[serde(default)]` makes an absent member `None`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// `deserialize_with` of an optional field of any JSON (`Option<serde_json::Value>`): a member
/// that is there is `Some`, `null` included (`Some(Value::Null)`), so that it goes back out as it
/// came; serde alone reads `null` as `None`, and the member would be dropped. The field's
/// `#[serde(default)]` makes an absent member `None`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// `serialize_with` of such a field holding a secret: its value, or `null`. (Absent is skipped by
/// the field's `skip_serializing_if`.)
pub fn serialize_secret<S: Serializer>(value: &Option<Option<SecretString>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(Some(value)) => serializer.serialize_str(value.expose_secret()),
        Some(None) | None => serializer.serialize_none(),
    }
}

/// A string member read as text, however optional it is: what an error's `description()` gives.
pub trait Text {
    /// The text, if the member holds one.
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for Option<String> {
    fn text(&self) -> Option<&str> {
        self.as_deref()
    }
}

impl Text for Option<Option<String>> {
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Option::as_deref)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, Default, Deserialize, Serialize)]
    struct Patch {
        #[serde(default, deserialize_with = "deserialize", skip_serializing_if = "Option::is_none")]
        name: Option<Option<String>>,
        #[serde(
            default,
            deserialize_with = "deserialize",
            serialize_with = "serialize_secret",
            skip_serializing_if = "Option::is_none"
        )]
        password: Option<Option<SecretString>>,
    }

    #[test]
    fn absent_null_and_a_value_read_apart_and_go_out_as_they_came() {
        for (text, name) in [
            ("{}", None),
            (r#"{"name":null}"#, Some(None)),
            (r#"{"name":"a"}"#, Some(Some("a".to_owned()))),
        ] {
            let patch: Patch = serde_json::from_str(text).unwrap();
            assert_eq!(patch.name, name, "{text}");
            assert_eq!(serde_json::to_string(&patch).unwrap(), text);
        }
    }

    #[test]
    fn a_secret_goes_out_as_its_value_or_null() {
        for text in ["{}", r#"{"password":null}"#, r#"{"password":"s3cret"}"#] {
            let patch: Patch = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&patch).unwrap(), text);
        }
        let patch: Patch = serde_json::from_str(r#"{"password":"s3cret"}"#).unwrap();
        assert!(!format!("{patch:?}").contains("s3cret"));
    }

    #[derive(Debug, Deserialize, Serialize)]
    struct Anything {
        #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
        value: Option<serde_json::Value>,
    }

    #[test]
    fn any_json_keeps_a_null_member_apart_from_an_absent_one() {
        for (text, value) in [
            ("{}", None),
            (r#"{"value":null}"#, Some(serde_json::Value::Null)),
            (r#"{"value":[1,"a"]}"#, Some(serde_json::json!([1, "a"]))),
        ] {
            let anything: Anything = serde_json::from_str(text).unwrap();
            assert_eq!(anything.value, value, "{text}");
            assert_eq!(serde_json::to_string(&anything).unwrap(), text);
        }
    }

    #[test]
    fn a_wrong_type_is_still_an_error() {
        assert!(serde_json::from_str::<Patch>(r#"{"name":5}"#).is_err());
    }

    #[test]
    fn text_reads_through_every_level_of_option() {
        assert_eq!("a".to_owned().text(), Some("a"));
        assert_eq!(Some("a".to_owned()).text(), Some("a"));
        assert_eq!(None::<String>.text(), None);
        assert_eq!(Some(Some("a".to_owned())).text(), Some("a"));
        assert_eq!(Some(None::<String>).text(), None);
        assert_eq!(None::<Option<String>>.text(), None);
    }
}
