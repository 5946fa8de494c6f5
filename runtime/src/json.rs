//! JSON decoding shared by every generated type: tagged unions, tolerant enums, error envelopes.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::display::Neutralised;

/// A body that is not the JSON the document describes: where it went wrong, and why.
///
/// The message names the path and the kind of value expected and found, never the value itself:
/// a field that arrives with the wrong type may hold a secret (a token, a key), and this error is
/// made to be printed and logged. The JSON library's own error, which quotes values, is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Dotted path to the value that did not fit (`object_storage_access_key.state`); `.` for the top.
    pub path: String,
    message: String,
    line: usize,
    column: usize,
}

impl JsonError {
    pub(crate) fn new(path: impl Into<String>, error: &serde_json::Error) -> Self {
        JsonError {
            path: path.into(),
            message: describe(error),
            line: error.line(),
            column: error.column(),
        }
    }

    /// A failure described by this crate, with a message that holds no value from the body.
    pub(crate) fn other(path: impl Into<String>, message: impl Into<String>) -> Self {
        JsonError {
            path: path.into(),
            message: message.into(),
            line: 0,
            column: 0,
        }
    }

    /// What did not fit, without the value: `invalid type: string, expected u64`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the body, 1-based; 0 when unknown.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the input where decoding stopped.
    pub fn column(&self) -> usize {
        self.column
    }

    fn under(self, key: &str) -> Self {
        let path = if self.path == "." {
            key.to_owned()
        } else {
            format!("{key}.{}", self.path)
        };
        JsonError { path, ..self }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A path names the object's keys, which come from the network.
        if self.path != "." {
            write!(f, "at `{}`: ", Neutralised(&self.path))?;
        }
        write!(f, "{}", Neutralised(&self.message))?;
        if self.line > 0 {
            write!(f, " (line {} column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for JsonError {}

/// The message of a JSON error with every value from the input taken out.
///
/// Syntax errors are serde_json's fixed texts ("EOF while parsing a value"). Data errors follow
/// serde's shapes, whose `Unexpected` part quotes the value (`string "…"`, ``integer `5` ``): only
/// its kind is kept. A message of any other shape comes from a `Deserialize` impl and may quote
/// anything, so it is replaced.
fn describe(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(suffix.as_str()).unwrap_or(&full);
    match error.classify() {
        serde_json::error::Category::Data => describe_data(message),
        _ => message.to_owned(),
    }
}

const EXPECTED: &str = ", expected ";

fn describe_data(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            // The value comes first and may itself contain ", expected ": the last one is serde's.
            let (found, expected) = match rest.rfind(EXPECTED) {
                Some(at) => (&rest[..at], &rest[at + EXPECTED.len()..]),
                None => (rest, "another value"),
            };
            let kind = found.split(['`', '"']).next().unwrap_or("").trim();
            return format!("{prefix}{kind}{EXPECTED}{expected}");
        }
    }
    for prefix in ["unknown variant ", "unknown field "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let tail = rest.rfind(EXPECTED).map_or("", |at| &rest[at..]);
            return format!("{}{tail}", prefix.trim_end());
        }
    }
    let fixed = ["invalid length ", "missing field ", "duplicate field ", DUPLICATE_TAG];
    if fixed.iter().any(|prefix| message.starts_with(prefix)) {
        return message.to_owned();
    }
    "the value does not fit the expected type".to_owned()
}

/// The start of this crate's message for an object that sends its tag twice.
const DUPLICATE_TAG: &str = "duplicate tag member ";

/// Decodes `body` as `T`. The fast path tracks no path; only a failure is decoded again to locate it.
pub fn decode<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, JsonError> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(first) => {
            let mut de = serde_json::Deserializer::from_slice(body);
            let located: Result<T, _> = serde_path_to_error::deserialize(&mut de);
            Err(match located {
                Err(e) => JsonError::new(e.path().to_string(), e.inner()),
                // Decoding succeeded with a path tracker, so the first failure was trailing data.
                Ok(_) => JsonError::new(".", &first),
            })
        }
    }
}

/// Decodes an error body in either form: wrapped in `{"<envelope>": {...}}`, as the live API sends
/// it, or bare, as the document describes it.
///
/// The wrapped form is decoded in one pass, straight from the stream. Only a failure or the bare
/// form reads the body again.
pub fn decode_error<'de, T: Deserialize<'de>>(body: &'de [u8], envelope: Option<&str>) -> Result<T, JsonError> {
    let Some(key) = envelope else { return decode(body) };
    let mut de = serde_json::Deserializer::from_slice(body);
    let unwrapped = Unwrap {
        key,
        value: PhantomData::<T>,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    if let Ok(Some(value)) = unwrapped {
        return Ok(value);
    }
    // Slow path: tell the forms apart and locate the failure.
    if let Ok(fields) = serde_json::from_slice::<Fields<'de>>(body)
        && let Some(inner) = fields.get(key)
        && inner.get().starts_with('{')
    {
        return decode(inner.get().as_bytes()).map_err(|e| e.under(key));
    }
    decode(body)
}

/// `decode_error`, wrapped into an operation's error enum.
pub fn decode_documented<'de, T: Deserialize<'de>, E>(
    body: &'de [u8],
    envelope: Option<&str>,
    wrap: impl FnOnce(T) -> E,
) -> Result<E, JsonError> {
    decode_error(body, envelope).map(wrap)
}

/// Reads an object, decoding the member `key` as `T` in place and skipping the others.
struct Unwrap<'k, T> {
    key: &'k str,
    value: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Unwrap<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Unwrap<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if found.is_none() && key == self.key {
                found = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// A `oneOf` told apart by the string value of one property (Katapult's `code`).
pub trait Tagged: Sized {
    /// The tag property.
    const TAG: &'static str;

    /// Whether the tag's values are integers (`"type": 2`): an integer tag is then handed to
    /// [`Tagged::decode_variant`] as its decimal text, and a string tag as no tag.
    const INTEGER_TAG: bool = false;

    /// Decodes the variant `tag` names (or the unknown-variant fallback) from `members`: every
    /// member of the object, in wire order, the tag included.
    fn decode_variant<'de, M: MapAccess<'de>>(tag: Option<&str>, members: M) -> Result<Self, M::Error>;
}

/// Reads a struct from a JSON object only. serde's derived structs also read an array (their
/// fields in order, `["a"]` as `{name: "a"}`): a union that tries an object member before a list
/// member would take the list for the object. The union's object members read through this.
pub fn object_only<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectOnly(PhantomData))
}

struct ObjectOnly<T>(PhantomData<T>);

/// Whether `value` is an object every member of which is in `declared`: a union of objects whose
/// members overlap decodes it as such a member first, so that none of its members is dropped.
pub fn members_within(value: &serde_json::Value, declared: &[&str]) -> bool {
    value
        .as_object()
        .is_some_and(|members| members.keys().all(|name| declared.contains(&name.as_str())))
}

/// A member a struct declares, with, where it is an object that another member of the union
/// declares differently (a `configuration` of other members), the members it declares in turn.
#[derive(Debug, Clone, Copy)]
pub struct Declared<'a> {
    /// The member's wire name.
    pub name: &'a str,
    /// What the member holds where it is an object, when that is looked into.
    pub within: Option<&'a [Declared<'a>]>,
    /// The one string the member may be (an object's `type: recent_value`), else any value.
    pub value: Option<&'a str>,
}

impl<'a> Declared<'a> {
    /// A member of any value.
    pub const fn member(name: &'a str) -> Self {
        Declared {
            name,
            within: None,
            value: None,
        }
    }

    /// A member that, where it is a string, is `value` and no other.
    pub const fn tag(name: &'a str, value: &'a str) -> Self {
        Declared {
            name,
            within: None,
            value: Some(value),
        }
    }

    /// A member that, where it is an object, holds only the members `within` declares.
    pub const fn object(name: &'a str, within: &'a [Declared<'a>]) -> Self {
        Declared {
            name,
            within: Some(within),
            value: None,
        }
    }
}

/// Whether `value` is an object every member of which is in `declared`, and every member that
/// is an object where `declared` says what it holds holds only that, at every depth given.
/// A member that is not an object there (`null`) is left to the member's type to take or refuse;
/// a string where a tag is declared must be its value.
pub fn members_within_nested(value: &serde_json::Value, declared: &[Declared<'_>]) -> bool {
    value.as_object().is_some_and(|members| {
        members.iter().all(|(name, member)| {
            declared
                .iter()
                .find(|d| d.name == name)
                .is_some_and(|d| match (d.within, d.value) {
                    (Some(within), _) if member.is_object() => members_within_nested(member, within),
                    (_, Some(value)) if member.is_string() => member.as_str() == Some(value),
                    _ => true,
                })
        })
    })
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }
}

/// Deserializes a tagged union in one pass: members before the tag are held (as
/// `serde_json::Value`s), the tag picks the variant, and the variant reads the held members and
/// then the rest of the stream. The wire sends the tag first, so nothing is held in practice.
/// Works from any self-describing input (JSON text, a `serde_json::Value`, …) in any member order.
pub fn deserialize_tagged<'de, D: Deserializer<'de>, T: Tagged>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(TaggedVisitor(PhantomData))
}

struct TaggedVisitor<T>(PhantomData<T>);

impl<'de, T: Tagged> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with a `{}`", T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // Members before the tag; none on the wire, so this does not allocate in practice.
        let mut held: Vec<(Cow<'de, str>, serde_json::Value)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == T::TAG {
                let value: TagValue<'de> = map.next_value()?;
                let tag = match &value {
                    TagValue::Str(tag) if !T::INTEGER_TAG => Some(tag.clone()),
                    TagValue::Other(serde_json::Value::Number(number))
                        if T::INTEGER_TAG && (number.is_i64() || number.is_u64()) =>
                    {
                        Some(Cow::Owned(number.to_string()))
                    }
                    TagValue::Str(_) | TagValue::Other(_) => None,
                };
                let members = Replay {
                    held: held.into_iter(),
                    tag_name: T::TAG,
                    tag: Some((key, value)),
                    pending: None,
                    rest: Some(map),
                };
                return T::decode_variant(tag.as_deref(), members);
            }
            held.push((key, map.next_value()?));
        }
        T::decode_variant(
            None,
            Replay {
                held: held.into_iter(),
                tag_name: T::TAG,
                tag: None,
                pending: None,
                rest: None::<A>,
            },
        )
    }
}

/// The tag's value, read once: a string (borrowed where it can be), or anything else kept as JSON.
enum TagValue<'de> {
    Str(Cow<'de, str>),
    Other(serde_json::Value),
}

impl<'de> Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagVisitor;

        impl<'de> Visitor<'de> for TagVisitor {
            type Value = TagValue<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue::Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TagValue::Str(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(TagValue::Str(Cow::Owned(v)))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(TagValue::Other(v.into()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(v.into()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(v.into()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(v.into()))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue::Other(serde_json::Value::Null))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(TagValue::Other)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(TagValue::Other)
            }
        }

        deserializer.deserialize_any(TagVisitor)
    }
}

/// Hands a string already read to a `Deserialize` as the stream would have: unlike serde's string
/// deserializers it also fills an `Option`.
struct StrValue<'de, E> {
    value: Cow<'de, str>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> Deserializer<'de> for StrValue<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Cow::Borrowed(v) => visitor.visit_borrowed_str(v),
            Cow::Owned(v) => visitor.visit_string(v),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Members already read: those before the tag (as raw JSON), then the tag; then the rest of the
/// object from the stream, which must not name the tag again.
struct Replay<'de, A> {
    held: std::vec::IntoIter<(Cow<'de, str>, serde_json::Value)>,
    tag_name: &'static str,
    tag: Option<(Cow<'de, str>, TagValue<'de>)>,
    pending: Option<Pending<'de>>,
    rest: Option<A>,
}

enum Pending<'de> {
    Held(serde_json::Value),
    Tag(TagValue<'de>),
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let next = match self.held.next() {
            Some((key, value)) => Some((key, Pending::Held(value))),
            None => self.tag.take().map(|(key, tag)| (key, Pending::Tag(tag))),
        };
        if let Some((key, value)) = next {
            self.pending = Some(value);
            return match key {
                Cow::Borrowed(key) => seed.deserialize(de::value::BorrowedStrDeserializer::new(key)),
                Cow::Owned(key) => seed.deserialize(de::value::StringDeserializer::new(key)),
            }
            .map(Some);
        }
        match &mut self.rest {
            Some(rest) => rest.next_key_seed(NotTheTag {
                seed,
                tag: self.tag_name,
            }),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match (self.pending.take(), &mut self.rest) {
            (Some(Pending::Held(value)), _) => seed.deserialize(value).map_err(de::Error::custom),
            (Some(Pending::Tag(TagValue::Str(value))), _) => seed.deserialize(StrValue {
                value,
                error: PhantomData,
            }),
            (Some(Pending::Tag(TagValue::Other(value))), _) => seed.deserialize(value).map_err(de::Error::custom),
            (None, Some(rest)) => rest.next_value_seed(seed),
            (None, None) => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

/// Reads a key after the tag, refusing a second tag. Which of two tags would win depends on the
/// decoder (a struct refuses the duplicate, a map keeps the last), so neither is believed: an
/// object that sends its tag twice is an error in either order.
struct NotTheTag<K> {
    seed: K,
    tag: &'static str,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for NotTheTag<K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        let key = KeySeed.deserialize(deserializer)?;
        if key == self.tag {
            return Err(de::Error::custom(format_args!("{DUPLICATE_TAG}`{}`", self.tag)));
        }
        match key {
            Cow::Borrowed(key) => self.seed.deserialize(de::value::BorrowedStrDeserializer::new(key)),
            Cow::Owned(key) => self.seed.deserialize(de::value::StringDeserializer::new(key)),
        }
    }
}

/// An object's members as borrowed raw JSON, in wire order. Only works on JSON text.
#[derive(Debug, Default)]
pub struct Fields<'de> {
    members: Vec<(Cow<'de, str>, &'de RawValue)>,
}

impl<'de> Fields<'de> {
    pub fn get(&self, key: &str) -> Option<&'de RawValue> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
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
pub(crate) struct KeySeed;

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

/// A union variant this client does not know, kept whole: the tag that selected nothing (`None`
/// when the object had no string tag) and every member of the object as it came.
///
/// `Debug` shows the tag and the members' names, never their values: nothing says which of an
/// unknown object's members is a secret. Read a value with [`UnknownVariant::field`].
#[derive(Clone, PartialEq, Serialize)]
pub struct UnknownVariant {
    /// The tag it carried, if any.
    #[serde(skip)]
    pub tag: Option<String>,
    /// Every member of the object, as sent.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownVariant")
            .field("tag", &self.tag)
            .field("members", &self.fields.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The tag, and that this client does not know it (the members may hold anything, so none is
/// shown; read them with [`UnknownVariant::field`]).
impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.tag {
            Some(tag) => write!(
                f,
                "{} (a variant this client does not know)",
                crate::display::Neutralised(tag)
            ),
            None => f.write_str("an object without a tag this client knows"),
        }
    }
}

impl UnknownVariant {
    /// Keeps an object whose tag matched no known variant (`tag` is `None` when it had none).
    pub fn from_members<'de, M: MapAccess<'de>>(tag: Option<&str>, members: M) -> Result<Self, M::Error> {
        let fields = serde_json::Map::deserialize(de::value::MapAccessDeserializer::new(members))?;
        Ok(UnknownVariant {
            tag: tag.map(str::to_owned),
            fields,
        })
    }

    /// A member that is a string, such as an error's description.
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).and_then(serde_json::Value::as_str)
    }

    /// A member, as sent.
    pub fn field(&self, name: &str) -> Option<&serde_json::Value> {
        self.fields.get(name)
    }
}

/// Serializes the variant `value` of a tagged union with its tag set to `tag_value`, whatever the
/// variant's own tag field holds: an optional tag left unset would otherwise go out without it.
pub fn serialize_tagged<T: Serialize, S: serde::Serializer>(
    value: &T,
    tag: &str,
    tag_value: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let serde_json::Value::Object(members) = &mut value {
        members.insert(tag.to_owned(), serde_json::Value::String(tag_value.to_owned()));
    }
    value.serialize(serializer)
}

/// [`serialize_tagged`] for a union tagged by an integer: the tag goes out as the number `tag_value`.
pub fn serialize_integer_tagged<T: Serialize, S: serde::Serializer>(
    value: &T,
    tag: &str,
    tag_value: i64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let serde_json::Value::Object(members) = &mut value {
        members.insert(tag.to_owned(), serde_json::Value::from(tag_value));
    }
    value.serialize(serializer)
}

/// A struct whose schema gives one member a single value (`type: "vpc"`, `code: "not_found"`):
/// the value that member always goes out with.
pub trait OneValueMember {
    /// The member's one value.
    const VALUE: &'static str;
}

/// Serializes a struct's one-value member as its one value, whatever the field holds: the field
/// tells what a server sent, and a caller cannot send a value the schema does not allow.
pub fn serialize_one_value<T: OneValueMember, S: serde::Serializer>(
    _sent: &String,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(T::VALUE)
}

/// [`serialize_one_value`] for a member that may be `null`: `None` goes out as `null`.
pub fn serialize_one_value_option<T: OneValueMember, S: serde::Serializer>(
    sent: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match sent {
        Some(_) => serializer.serialize_str(T::VALUE),
        None => serializer.serialize_none(),
    }
}

/// [`serialize_one_value`] for a member that may be absent and may be `null`, kept apart
/// (`Option<Option<String>>`): `Some(None)` goes out as `null`. (Absent is skipped by the field's
/// `skip_serializing_if`.)
pub fn serialize_one_value_kept_null<T: OneValueMember, S: serde::Serializer>(
    sent: &Option<Option<String>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match sent {
        Some(Some(_)) => serializer.serialize_str(T::VALUE),
        Some(None) | None => serializer.serialize_none(),
    }
}

/// Serde adapters for secret fields: the value leaves the secret only when a request is serialized.
pub mod secret {
    use secrecy::{ExposeSecret, SecretString};
    use serde::Serializer;

    /// Serializes a secret as its value (for a request body).
    pub fn serialize<S: Serializer>(value: &SecretString, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.expose_secret())
    }

    /// Serializes an optional secret as its value (for a request body).
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
    fn members_within_says_whether_an_object_has_only_the_declared_members() {
        let declared = ["url", "index_prefix"];
        assert!(members_within(&serde_json::json!({"url": "u"}), &declared));
        assert!(members_within(&serde_json::json!({}), &declared));
        assert!(!members_within(
            &serde_json::json!({"url": "u", "site": "s"}),
            &declared
        ));
        assert!(!members_within(&serde_json::json!(["url"]), &declared));
    }

    #[test]
    fn members_within_nested_looks_into_the_objects_it_is_told_of() {
        let configuration = [Declared::tag("type", "count"), Declared::member("ttl_seconds")];
        let declared = [
            Declared::member("name"),
            Declared::object("configuration", &configuration),
            Declared::member("meta"),
        ];
        let within = |value: serde_json::Value| members_within_nested(&value, &declared);
        assert!(within(
            serde_json::json!({"name": "n", "configuration": {"ttl_seconds": 3}})
        ));
        assert!(within(serde_json::json!({"configuration": null})));
        assert!(within(serde_json::json!({"meta": {"anything": 1}})), "not looked into");
        assert!(!within(serde_json::json!({"configuration": {"regex": ".*"}})));
        assert!(within(serde_json::json!({"configuration": {"type": "count"}})));
        assert!(!within(serde_json::json!({"configuration": {"type": "recent"}})));
        assert!(
            within(serde_json::json!({"configuration": {"type": 3}})),
            "left to the type"
        );
        assert!(!within(serde_json::json!({"name": "n", "other": 1})));
        assert!(!within(serde_json::json!("name")));
    }

    #[test]
    fn a_struct_read_object_only_refuses_an_array_that_serde_would_take_for_its_fields() {
        let array = serde_json::json!(["x", 1]);
        // What serde's derive does on its own: the fields in order.
        let by_position: Detail = serde_json::from_value(array.clone()).expect("serde reads arrays");
        assert_eq!(by_position.code, "x");
        assert!(object_only::<_, Detail>(&array).is_err());
        assert!(object_only::<_, Detail>(&mut serde_json::Deserializer::from_str(r#"["x", 1]"#)).is_err());
        let object = serde_json::json!({"code": "x", "n": 1});
        let expected = Detail {
            code: "x".into(),
            n: Some(1),
        };
        assert_eq!(object_only::<_, Detail>(&object).expect("an object"), expected);
        let from_text = object_only::<_, Detail>(&mut serde_json::Deserializer::from_str(r#"{"n": 1, "code": "x"}"#));
        assert_eq!(from_text.expect("an object"), expected);
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

    /// A two-variant union the way the generator emits one.
    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(Detail),
        Unknown(UnknownVariant),
    }

    impl Tagged for Shape {
        const TAG: &'static str = "code";

        fn decode_variant<'de, M: MapAccess<'de>>(tag: Option<&str>, members: M) -> Result<Self, M::Error> {
            match tag {
                Some("circle") => {
                    Detail::deserialize(de::value::MapAccessDeserializer::new(members)).map(Shape::Circle)
                }
                _ => UnknownVariant::from_members(tag, members).map(Shape::Unknown),
            }
        }
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_tagged(deserializer)
        }
    }

    #[test]
    fn the_tag_selects_the_variant_wherever_it_stands() {
        let circle = Shape::Circle(Detail {
            code: "circle".into(),
            n: Some(2),
        });
        for body in [
            r#"{"code": "circle", "n": 2}"#,
            r#"{"n": 2, "code": "circle"}"#,
            r#"{"n": 2, "code": "circle", "ignored": [1, {"a": null}]}"#,
            r#"{"\u006e": 2, "code": "circ\u006ce"}"#,
        ] {
            assert_eq!(serde_json::from_str::<Shape>(body).unwrap(), circle, "{body}");
        }
        let from_value = serde_json::from_value::<Shape>(serde_json::json!({"n": 2, "code": "circle"})).unwrap();
        assert_eq!(from_value, circle, "a `serde_json::Value` decodes as the text does");
        let err = serde_json::from_str::<Shape>(r#"{"n": "two", "code": "circle"}"#).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }

    #[test]
    fn unknown_variants_keep_everything() {
        let body = r#"{"description": "d", "code": "new_code", "detail": {"a": 1}}"#;
        let Shape::Unknown(unknown) = serde_json::from_str::<Shape>(body).unwrap() else {
            panic!()
        };
        assert_eq!(unknown.tag.as_deref(), Some("new_code"));
        assert_eq!(unknown.str_field("description"), Some("d"));
        assert_eq!(unknown.field("detail"), Some(&serde_json::json!({"a": 1})));
        assert_eq!(unknown.fields.len(), 3);
        let Shape::Unknown(untagged) = serde_json::from_str::<Shape>(r#"{"code": 7}"#).unwrap() else {
            panic!()
        };
        assert_eq!(untagged.tag, None);
        assert_eq!(untagged.fields["code"], 7);
    }

    /// A union tagged by an integer (`"type": 2`), as the generator emits one.
    #[derive(Debug, PartialEq)]
    enum Component {
        Button(serde_json::Map<String, serde_json::Value>),
        Unknown(UnknownVariant),
    }

    impl Tagged for Component {
        const TAG: &'static str = "type";
        const INTEGER_TAG: bool = true;

        fn decode_variant<'de, M: MapAccess<'de>>(tag: Option<&str>, members: M) -> Result<Self, M::Error> {
            match tag {
                Some("2") => Deserialize::deserialize(de::value::MapAccessDeserializer::new(members)).map(Self::Button),
                _ => UnknownVariant::from_members(tag, members).map(Self::Unknown),
            }
        }
    }

    impl<'de> Deserialize<'de> for Component {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_tagged(deserializer)
        }
    }

    #[test]
    fn an_integer_tag_selects_by_its_number_and_a_string_is_no_tag() {
        let button = serde_json::from_str::<Component>(r#"{"label": "ok", "type": 2}"#).unwrap();
        let Component::Button(members) = &button else {
            panic!("{button:?}")
        };
        assert_eq!(members["type"], 2, "the variant reads the number as sent");
        let Component::Unknown(text) = serde_json::from_str::<Component>(r#"{"type": "2"}"#).unwrap() else {
            panic!("the text \"2\" is not the number 2")
        };
        assert_eq!(text.tag, None);
        let Component::Unknown(newer) = serde_json::from_str::<Component>(r#"{"type": 9, "x": 1}"#).unwrap() else {
            panic!("an unknown number is an unknown variant")
        };
        assert_eq!(newer.tag.as_deref(), Some("9"));
        assert_eq!(
            serde_json::to_value(&newer).unwrap(),
            serde_json::json!({"type": 9, "x": 1})
        );
        let from_value = serde_json::from_value::<Component>(serde_json::json!({"type": 2})).unwrap();
        assert!(matches!(from_value, Component::Button(_)), "{from_value:?}");
        for fraction in [r#"{"type": 2.5}"#, r#"{"type": -0.0}"#] {
            let decoded = serde_json::from_str::<Component>(fraction).unwrap();
            assert!(
                matches!(&decoded, Component::Unknown(u) if u.tag.is_none()),
                "{fraction}: {decoded:?}"
            );
        }
        let mut out = Vec::new();
        serialize_integer_tagged(
            &serde_json::json!({"label": "ok", "type": 7}),
            "type",
            2,
            &mut serde_json::Serializer::new(&mut out),
        )
        .unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&out).unwrap(),
            serde_json::json!({"label": "ok", "type": 2})
        );
    }

    #[test]
    fn a_tag_sent_twice_is_refused_in_either_order() {
        for body in [
            r#"{"code": "circle", "n": 2, "code": "new_code"}"#,
            r#"{"code": "new_code", "n": 2, "code": "circle"}"#,
            r#"{"n": 2, "code": "circle", "code": "circle"}"#,
        ] {
            let err = decode::<Shape>(body.as_bytes()).unwrap_err();
            assert!(
                err.message().starts_with("duplicate tag member `code`"),
                "{body}: {err}"
            );
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Typed {
        number: u64,
        text: String,
        flag: Option<bool>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    enum Kind {
        #[serde(rename = "a")]
        A,
    }

    #[test]
    fn decode_errors_never_quote_the_value() {
        for (body, expected) in [
            (
                r#"{"number": "hunter2-secret", "text": "x"}"#,
                "at `number`: invalid type: string, expected u64",
            ),
            (
                r#"{"number": 1, "text": 987654321987}"#,
                "at `text`: invalid type: integer, expected a string",
            ),
            (
                r#"{"number": 1, "text": "x", "flag": "hunter2-secret, expected a boolean"}"#,
                "at `flag`: invalid type: string, expected a boolean",
            ),
            (
                r#"{"number": -5, "text": "x"}"#,
                "at `number`: invalid value: integer, expected u64",
            ),
            (
                r#"{"number": 1, "text": "x", "kind": "hunter2-secret"}"#,
                "at `kind`: unknown variant, expected `a`",
            ),
        ] {
            let err = decode::<Typed>(body.as_bytes()).unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(shown.starts_with(expected), "{body}: {shown}");
            assert!(!shown.contains("hunter2") && !shown.contains("987654321987"), "{shown}");
        }
        let err = decode::<Typed>(br#"{"text": "x"}"#).unwrap_err();
        assert!(err.message().starts_with("missing field `number`"), "{err}");
        let err = decode::<Typed>(br#"{"number": 1, "text": "unterminated"#).unwrap_err();
        assert!(err.message().starts_with("EOF while parsing"), "{err}");
    }

    #[test]
    fn unions_decode_from_any_input_in_any_order() {
        let circle = Shape::Circle(Detail {
            code: "circle".into(),
            n: Some(2),
        });
        for value in [
            serde_json::json!({"code": "circle", "n": 2}),
            serde_json::json!({"n": 2, "code": "circle"}),
        ] {
            assert_eq!(
                serde_json::from_value::<Shape>(value.clone()).unwrap(),
                circle,
                "{value}"
            );
        }
        let Shape::Unknown(unknown) =
            serde_json::from_value::<Shape>(serde_json::json!({"n": 1, "code": "x"})).unwrap()
        else {
            panic!()
        };
        assert_eq!(unknown.tag.as_deref(), Some("x"));
    }

    #[test]
    fn a_variant_always_goes_out_with_its_tag() {
        #[derive(Serialize)]
        struct Variant {
            #[serde(skip_serializing_if = "Option::is_none")]
            code: Option<String>,
            n: i64,
        }
        for code in [None, Some("wrong".to_owned())] {
            let mut out = Vec::new();
            let variant = Variant { code, n: 1 };
            serialize_tagged(&variant, "code", "circle", &mut serde_json::Serializer::new(&mut out)).unwrap();
            let sent: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(sent, serde_json::json!({"code": "circle", "n": 1}));
        }
    }

    #[test]
    fn a_one_value_member_goes_out_as_its_value_whatever_the_field_holds() {
        #[derive(Serialize)]
        struct Network {
            #[serde(rename = "type", serialize_with = "serialize_one_value::<Network, _>")]
            kind: String,
            #[serde(serialize_with = "serialize_one_value_option::<Network, _>")]
            also: Option<String>,
        }
        impl OneValueMember for Network {
            const VALUE: &'static str = "vpc";
        }
        let set_wrong = Network {
            kind: "subnet".to_owned(),
            also: Some("subnet".to_owned()),
        };
        assert_eq!(
            serde_json::to_value(&set_wrong).unwrap(),
            serde_json::json!({"type": "vpc", "also": "vpc"})
        );
        let null = Network {
            kind: String::new(),
            also: None,
        };
        assert_eq!(
            serde_json::to_value(&null).unwrap(),
            serde_json::json!({"type": "vpc", "also": null})
        );
    }

    #[test]
    fn a_one_value_member_that_keeps_null_goes_out_absent_null_or_as_its_value() {
        #[derive(Serialize, Deserialize)]
        struct Reference {
            #[serde(
                rename = "type",
                default,
                deserialize_with = "crate::null_kept::deserialize",
                skip_serializing_if = "Option::is_none",
                serialize_with = "serialize_one_value_kept_null::<Reference, _>"
            )]
            kind: Option<Option<String>>,
        }
        impl OneValueMember for Reference {
            const VALUE: &'static str = "item_reference";
        }
        for text in ["{}", r#"{"type":null}"#, r#"{"type":"item_reference"}"#] {
            let read: Reference = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&read).unwrap(), text);
        }
        let set_wrong = Reference {
            kind: Some(Some("other".to_owned())),
        };
        assert_eq!(
            serde_json::to_string(&set_wrong).unwrap(),
            r#"{"type":"item_reference"}"#
        );
    }
}
