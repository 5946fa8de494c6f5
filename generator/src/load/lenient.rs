//! A document read as a YAML tree (JSON is YAML) that keeps what `yaml_serde::Value` refuses: an
//! integer beyond 64 bits (`-9223372036854776000`, a bound some documents write for `int64`)
//! becomes the float it is closest to, for the rewrite to drop or keep; a tag (`!x value`) is
//! its value.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use yaml_serde::{Mapping, Number, Value};

/// The tree.
pub struct Tree(pub Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    // Beyond 64 bits: the nearest float (a bound past `i64` says no more than the type's range).
    #[allow(clippy::cast_precision_loss)]
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(Number::from(v as f64)))
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(Number::from(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Mapping::new();
        while let Some((Tree(key), Tree(value))) = map.next_entry()? {
            members.insert(key, value);
        }
        Ok(Value::Mapping(members))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant::<Tree>(variant).map(|Tree(value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::Tree;

    #[test]
    fn integers_beyond_64_bits_are_floats_and_order_is_kept() {
        let Tree(value) = yaml_serde::from_str("b: -9223372036854776000\na: 1\nc: [x, !t 2]\n").unwrap();
        let keys: Vec<&str> = value
            .as_mapping()
            .unwrap()
            .keys()
            .filter_map(yaml_serde::Value::as_str)
            .collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(value["b"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(value["c"][1].as_i64(), Some(2));
    }
}
