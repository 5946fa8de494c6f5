//! A number that some servers send as a JSON string (`"19.720000"`), kept exactly as it came.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number the document types as `number` but a server sends as a number or as a string of one
/// (`19.72` or `"19.720000"`). It is kept as sent, so it goes back out unchanged; read it with
/// [`NumberOrString::as_f64`]. The generator uses it where the config's `types` says so.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberOrString {
    /// Sent as a JSON number.
    Number(serde_json::Number),
    /// Sent as a string.
    String(String),
}

impl NumberOrString {
    /// The value as `f64`; `None` for a string that is not a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            NumberOrString::Number(number) => number.as_f64(),
            NumberOrString::String(text) => text.trim().parse().ok().filter(|n: &f64| n.is_finite()),
        }
    }
}

impl From<f64> for NumberOrString {
    /// A finite number; NaN and the infinities, which JSON cannot carry, become their text.
    fn from(value: f64) -> Self {
        serde_json::Number::from_f64(value)
            .map(NumberOrString::Number)
            .unwrap_or_else(|| NumberOrString::String(value.to_string()))
    }
}

impl From<i64> for NumberOrString {
    fn from(value: i64) -> Self {
        NumberOrString::Number(value.into())
    }
}

impl fmt::Display for NumberOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberOrString::Number(number) => number.fmt(f),
            NumberOrString::String(text) => f.write_str(text),
        }
    }
}

impl Serialize for NumberOrString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            NumberOrString::Number(number) => number.serialize(serializer),
            NumberOrString::String(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for NumberOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(serde_json::Number),
            String(String),
        }
        Ok(match Wire::deserialize(deserializer)? {
            Wire::Number(number) => NumberOrString::Number(number),
            Wire::String(text) => NumberOrString::String(text),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::NumberOrString;

    #[test]
    fn keeps_what_was_sent() {
        for sent in [r#""19.720000""#, "19.72", "-3", r#""n/a""#] {
            let value: NumberOrString = serde_json::from_str(sent).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), sent);
        }
        let text: NumberOrString = serde_json::from_str(r#""19.720000""#).unwrap();
        assert_eq!(text.as_f64(), Some(19.72));
        let not_a_number: NumberOrString = serde_json::from_str(r#""n/a""#).unwrap();
        assert_eq!(not_a_number.as_f64(), None);
        assert!(serde_json::from_str::<NumberOrString>("true").is_err());
        assert!(serde_json::from_str::<NumberOrString>("null").is_err());
    }

    #[test]
    fn from_numbers() {
        assert_eq!(NumberOrString::from(1.5).to_string(), "1.5");
        assert_eq!(NumberOrString::from(7).as_f64(), Some(7.0));
        assert_eq!(NumberOrString::from(f64::NAN).as_f64(), None);
    }
}
