//! Objects that have exactly one of several members (`maxProperties: 1`): an enum whose variant
//! is the member the object has.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::display::{JsonShape, Neutralised};
use crate::json::KeySeed;

/// An enum generated for an object that has exactly one of several members.
pub trait OneMember: Sized {
    /// The type's name, for errors.
    const NAME: &'static str;

    /// Decodes the value of the member `name` from `map` (the next value): the variant of a
    /// known member, else [`UnknownMember`].
    fn decode_member<'de, M: MapAccess<'de>>(name: &str, map: &mut M) -> Result<Self, M::Error>;
}

/// Deserializes an object that must have exactly one member: none, or a second one, is an error
/// that names them.
pub fn deserialize_one_member<'de, D: Deserializer<'de>, T: OneMember>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(OneMemberVisitor(PhantomData))
}

struct OneMemberVisitor<T>(PhantomData<T>);

impl<'de, T: OneMember> Visitor<'de> for OneMemberVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with exactly one member (`{}`)", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(name) = map.next_key_seed(KeySeed)? else {
            return Err(de::Error::custom(format_args!(
                "`{}` is an object with exactly one member, and this one has none",
                T::NAME
            )));
        };
        let value = T::decode_member(&name, &mut map)?;
        if let Some(second) = map.next_key_seed(KeySeed)? {
            return Err(de::Error::custom(format_args!(
                "`{}` is an object with exactly one member, and this one has `{}` and `{}`",
                T::NAME,
                Neutralised(&name),
                Neutralised(&second)
            )));
        }
        Ok(value)
    }
}

/// Serializes the object `{name: value}`.
pub fn serialize_one_member<S: Serializer, V: Serialize + ?Sized>(
    serializer: S,
    name: &str,
    value: &V,
) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_map(Some(1))?;
    object.serialize_entry(name, value)?;
    object.end()
}

/// A member a newer version of the document added, which this client does not know: its name
/// and value, as sent (and sent back the same way).
///
/// `Debug` shows the name and the value's shape, never the value: nothing says it is not a secret.
#[derive(Clone, PartialEq)]
pub struct UnknownMember {
    /// The member's name.
    pub name: String,
    /// Its value, as sent.
    pub value: serde_json::Value,
}

impl UnknownMember {
    /// Reads the value of the member `name` from `map` (the next value).
    pub fn decode<'de, M: MapAccess<'de>>(name: &str, map: &mut M) -> Result<Self, M::Error> {
        Ok(UnknownMember {
            name: name.to_owned(),
            value: map.next_value()?,
        })
    }
}

impl fmt::Debug for UnknownMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownMember")
            .field("name", &self.name)
            .field("value", &JsonShape(&self.value))
            .finish()
    }
}

impl Serialize for UnknownMember {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_one_member(serializer, &self.name, &self.value)
    }
}

/// An object of one member, whatever its name.
impl OneMember for UnknownMember {
    const NAME: &'static str = "UnknownMember";

    fn decode_member<'de, M: MapAccess<'de>>(name: &str, map: &mut M) -> Result<Self, M::Error> {
        UnknownMember::decode(name, map)
    }
}

impl<'de> Deserialize<'de> for UnknownMember {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_one_member(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Pick {
        Id(i64),
        Name(String),
        Unknown(UnknownMember),
    }

    impl OneMember for Pick {
        const NAME: &'static str = "Pick";
        fn decode_member<'de, M: MapAccess<'de>>(name: &str, map: &mut M) -> Result<Self, M::Error> {
            match name {
                "id" => map.next_value().map(Pick::Id),
                "name" => map.next_value().map(Pick::Name),
                _ => UnknownMember::decode(name, map).map(Pick::Unknown),
            }
        }
    }

    impl<'de> Deserialize<'de> for Pick {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_one_member(deserializer)
        }
    }

    impl Serialize for Pick {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Pick::Id(value) => serialize_one_member(serializer, "id", value),
                Pick::Name(value) => serialize_one_member(serializer, "name", value),
                Pick::Unknown(value) => value.serialize(serializer),
            }
        }
    }

    #[test]
    fn the_member_an_object_has_is_the_variant_and_goes_back_out_the_same() {
        for (text, expected) in [
            (r#"{"id":7}"#, Pick::Id(7)),
            (r#"{"name":"ann"}"#, Pick::Name("ann".to_owned())),
            (
                r#"{"colour":[1,"x"]}"#,
                Pick::Unknown(UnknownMember {
                    name: "colour".to_owned(),
                    value: serde_json::json!([1, "x"]),
                }),
            ),
        ] {
            let picked: Pick = serde_json::from_str(text).unwrap();
            assert_eq!(picked, expected);
            assert_eq!(serde_json::to_string(&picked).unwrap(), text);
            let from_value: Pick = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
            assert_eq!(from_value, expected);
        }
    }

    #[test]
    fn none_or_two_members_or_a_wrong_value_is_an_error_that_says_so() {
        let none = serde_json::from_str::<Pick>("{}").unwrap_err().to_string();
        assert!(
            none.contains("`Pick` is an object with exactly one member, and this one has none"),
            "{none}"
        );
        let two = serde_json::from_str::<Pick>(r#"{"id":1,"name":"x"}"#)
            .unwrap_err()
            .to_string();
        assert!(two.contains("has `id` and `name`"), "{two}");
        let wrong = serde_json::from_str::<Pick>(r#"{"id":"seven"}"#)
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("invalid type"), "{wrong}");
        let hostile = serde_json::from_str::<Pick>("{\"id\":1,\"\\u001b[2J\":2}")
            .unwrap_err()
            .to_string();
        assert!(!hostile.contains('\u{1b}'), "{hostile:?}");
        let debug = format!(
            "{:?}",
            Pick::Unknown(UnknownMember {
                name: "k".into(),
                value: serde_json::json!("secret")
            })
        );
        assert!(!debug.contains("secret"), "{debug}");
    }
}
