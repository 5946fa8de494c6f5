//! A number that some servers send as a JSON string (`"19.720000"`), kept exactly as it came.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A number the document types as `number` but a server sends as a number or as a string of one
/// (`19.72` or `"19.720000"`). It is kept as sent, digit for digit, so it goes back out unchanged
/// (`19.720000` stays `19.720000`, `12345678901234567890123` is not rounded); read it with
/// [`NumberOrString::as_f64`]. The generator uses it where the config's `types` says so.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberOrString {
    /// Sent as a JSON number.
    Number(JsonNumber),
    /// Sent as a string.
    String(String),
}

/// The text of a JSON number, exactly as it was sent or given: `19.720000`, `1e400`,
/// `12345678901234567890123`. Made by parsing ([`str::parse`]) or from a Rust number.
#[derive(Clone)]
pub struct JsonNumber(Box<RawValue>);

impl JsonNumber {
    /// The number's text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The nearest `f64`; `None` when it is beyond `f64`'s range.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_str().parse().ok().filter(|n: &f64| n.is_finite())
    }
}

impl PartialEq for JsonNumber {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for JsonNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for JsonNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that is not one JSON number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAJsonNumber;

impl fmt::Display for NotAJsonNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a JSON number")
    }
}

impl std::error::Error for NotAJsonNumber {}

impl FromStr for JsonNumber {
    type Err = NotAJsonNumber;

    /// Accepts exactly JSON's number syntax (`-0.5e3`), nothing around it.
    fn from_str(text: &str) -> Result<Self, NotAJsonNumber> {
        let starts_like_a_number = text.starts_with(|c: char| c == '-' || c.is_ascii_digit());
        let ends_like_one = text.ends_with(|c: char| c.is_ascii_digit());
        if !(starts_like_a_number && ends_like_one) {
            return Err(NotAJsonNumber);
        }
        RawValue::from_string(text.to_owned())
            .map(JsonNumber)
            .map_err(|_| NotAJsonNumber)
    }
}

impl From<serde_json::Number> for JsonNumber {
    fn from(number: serde_json::Number) -> Self {
        // A `Number` prints as JSON number syntax.
        JsonNumber(RawValue::from_string(number.to_string()).unwrap_or_else(|_| zero()))
    }
}

fn zero() -> Box<RawValue> {
    RawValue::from_string("0".to_owned()).unwrap_or_else(|_| unreachable!("`0` is JSON"))
}

impl NumberOrString {
    /// The value as `f64`; `None` for a string that is not a number, or a number beyond `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            NumberOrString::Number(number) => number.as_f64(),
            NumberOrString::String(text) => text.trim().parse().ok().filter(|n: &f64| n.is_finite()),
        }
    }

    /// The value's text as it was sent, without quotes.
    pub fn as_str(&self) -> &str {
        match self {
            NumberOrString::Number(number) => number.as_str(),
            NumberOrString::String(text) => text,
        }
    }
}

impl From<f64> for NumberOrString {
    /// A finite number; NaN and the infinities, which JSON cannot carry, become their text.
    fn from(value: f64) -> Self {
        serde_json::Number::from_f64(value)
            .map(|n| NumberOrString::Number(n.into()))
            .unwrap_or_else(|| NumberOrString::String(value.to_string()))
    }
}

impl From<i64> for NumberOrString {
    fn from(value: i64) -> Self {
        NumberOrString::Number(serde_json::Number::from(value).into())
    }
}

impl From<JsonNumber> for NumberOrString {
    fn from(value: JsonNumber) -> Self {
        NumberOrString::Number(value)
    }
}

impl fmt::Display for NumberOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for NumberOrString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            NumberOrString::Number(number) => number.0.serialize(serializer),
            NumberOrString::String(text) => serializer.serialize_str(text),
        }
    }
}

/// serde_json hands the exact text of a value to a visitor that asks for a `RawValue` by this
/// name; any other deserializer hands over the value itself.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> Deserialize<'de> for NumberOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, WireVisitor)
    }
}

struct WireVisitor;

impl WireVisitor {
    fn number<E: de::Error>(text: String) -> Result<NumberOrString, E> {
        text.parse::<JsonNumber>()
            .map(NumberOrString::Number)
            .map_err(|_| E::invalid_type(de::Unexpected::Other("a value that is not a number"), &WireVisitor))
    }
}

impl<'de> Visitor<'de> for WireVisitor {
    type Value = NumberOrString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or a string")
    }

    /// serde_json's raw text: a string is decoded, a number kept as written.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NumberOrString, A::Error> {
        let Some(de::IgnoredAny) = map.next_key()? else {
            return Err(de::Error::invalid_length(0, &self));
        };
        let raw: String = map.next_value()?;
        if raw.starts_with('"') {
            serde_json::from_str::<String>(&raw)
                .map(NumberOrString::String)
                .map_err(de::Error::custom)
        } else {
            Self::number(raw)
        }
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<NumberOrString, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NumberOrString, E> {
        Ok(NumberOrString::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<NumberOrString, E> {
        Ok(NumberOrString::String(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumberOrString, E> {
        Self::number(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumberOrString, E> {
        Self::number(v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<NumberOrString, E> {
        Self::number(v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<NumberOrString, E> {
        Self::number(v.to_string())
    }

    /// Only from a deserializer other than serde_json's, which has the number as `f64` already.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumberOrString, E> {
        Ok(NumberOrString::from(v))
    }
}

#[cfg(test)]
mod tests {
    use super::{JsonNumber, NumberOrString};

    #[test]
    fn keeps_what_was_sent_digit_for_digit() {
        for sent in [
            r#""19.720000""#,
            "19.72",
            "19.720000",
            "-3",
            r#""n/a""#,
            "12345678901234567890123",
            "1e400",
            "-0.0",
            r#""a\"b""#,
        ] {
            let value: NumberOrString = serde_json::from_str(sent).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), sent);
            if sent != "1e400" {
                // Into a `serde_json::Value` too (where a number must fit `f64`).
                assert!(serde_json::to_value(&value).is_ok(), "{sent}");
            }
        }
        let text: NumberOrString = serde_json::from_str(r#""19.720000""#).unwrap();
        assert_eq!(text.as_f64(), Some(19.72));
        let exact: NumberOrString = serde_json::from_str("19.720000").unwrap();
        assert_eq!(exact.as_str(), "19.720000");
        assert_eq!(exact.as_f64(), Some(19.72));
        let huge: NumberOrString = serde_json::from_str("1e400").unwrap();
        assert_eq!(huge.as_f64(), None);
        let not_a_number: NumberOrString = serde_json::from_str(r#""n/a""#).unwrap();
        assert_eq!(not_a_number.as_f64(), None);
        assert!(serde_json::from_str::<NumberOrString>("true").is_err());
        assert!(serde_json::from_str::<NumberOrString>("null").is_err());
        assert!(serde_json::from_str::<NumberOrString>("[1]").is_err());
        assert!(serde_json::from_str::<NumberOrString>("{\"a\": 1}").is_err());
    }

    #[test]
    fn read_from_other_deserializers() {
        #[derive(serde::Deserialize)]
        struct Holder {
            n: NumberOrString,
        }
        let value = serde_json::json!({"n": 7});
        let holder: Holder = serde_json::from_value(value).unwrap();
        assert_eq!(holder.n.as_str(), "7");
        let holder: Holder = serde_json::from_value(serde_json::json!({"n": "x"})).unwrap();
        assert_eq!(holder.n, NumberOrString::String("x".into()));
    }

    #[test]
    fn json_numbers_are_checked() {
        for good in ["0", "-1.5e-3", "12345678901234567890123"] {
            assert_eq!(good.parse::<JsonNumber>().unwrap().as_str(), good);
        }
        for bad in ["", "1 ", " 1", "01x", "1,2", "\"1\"", "NaN", "1.", "-", "[1]", "1}"] {
            assert!(bad.parse::<JsonNumber>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn from_numbers() {
        assert_eq!(NumberOrString::from(1.5).to_string(), "1.5");
        assert_eq!(NumberOrString::from(7).as_f64(), Some(7.0));
        assert_eq!(NumberOrString::from(f64::NAN).as_f64(), None);
    }
}
