//! A first pass over the document as a tree, before it is read into a model: no object has a key
//! twice, and nothing is nested deeper than a real document needs.
//!
//! `openapiv3` reads some nodes by trying one shape and then another; a key written twice makes
//! the two tries disagree, which it does not survive. Depth is limited so that a document nested
//! thousands of levels deep is refused at once, not parsed slowly or blowing the stack.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// How deep objects and arrays may nest: real documents stay well under 64.
pub const MAX_DEPTH: usize = 100;

/// Where a YAML text first nests flow collections (`[`, `{`) deeper than [`MAX_DEPTH`], as a line
/// and column (from 1). The YAML parser takes time quadratic in that depth before any check on the
/// tree could run, so this looks at the text first: brackets in quoted scalars and comments do not
/// count; those in plain text do, which only a text with a hundred more `[` than `]` could notice.
pub fn yaml_flow_too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let (mut line, mut column) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line = line.saturating_add(1);
            column = 0;
        } else {
            column = column.saturating_add(1);
        }
        match quote {
            Some('\'') if c == '\'' => {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some('"') if c == '"' => quote = None,
            Some(_) => {}
            None => {
                let token_start = previous.is_whitespace() || matches!(previous, '[' | '{' | ',' | ':');
                match c {
                    '\'' | '"' if token_start => quote = Some(c),
                    '#' if previous.is_whitespace() => {
                        for skipped in chars.by_ref() {
                            if skipped == '\n' {
                                line = line.saturating_add(1);
                                column = 0;
                                break;
                            }
                        }
                        previous = '\n';
                        continue;
                    }
                    '[' | '{' => {
                        depth = depth.saturating_add(1);
                        if depth > MAX_DEPTH {
                            return Some((line, column));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        previous = c;
    }
    None
}

/// The whole document, checked.
pub struct Tree {
    /// Whether some object holds a `$ref` and a `description` or `nullable` beside it (a 3.0
    /// document's way of saying what one use of a type means), for the loader to read them.
    pub refs_with_siblings: bool,
}

impl<'de> de::Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        Checked { depth: 0 }
            .deserialize(deserializer)
            .map(|refs_with_siblings| Tree { refs_with_siblings })
    }
}

/// Walks the whole tree; an error says what is wrong, and serde's path says where. The value is
/// whether an object below holds a `$ref` with a `description` or `nullable` beside it.
#[derive(Clone, Copy)]
pub struct Checked {
    pub depth: usize,
}

impl<'de> DeserializeSeed<'de> for Checked {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Checked {
    fn deeper<E: de::Error>(self) -> Result<Checked, E> {
        let depth = self.depth.saturating_add(1);
        if depth > MAX_DEPTH {
            return Err(E::custom(format!(
                "nested more than {MAX_DEPTH} levels deep here; no API document needs that, so it is refused"
            )));
        }
        Ok(Checked { depth })
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON or YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i128<E>(self, _: i128) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u128<E>(self, _: u128) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let inner = self.deeper()?;
        let mut refs_with_siblings = false;
        while let Some(below) = seq.next_element_seed(inner)? {
            refs_with_siblings |= below;
        }
        Ok(refs_with_siblings)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let inner = self.deeper()?;
        // Most objects have a handful of keys: a scan of those beats hashing each.
        let mut few: Vec<Cow<'de, str>> = Vec::new();
        let mut many: HashSet<Cow<'de, str>> = HashSet::new();
        let mut refs_with_siblings = false;
        while let Some(Key(key)) = map.next_key()? {
            let repeated = if many.is_empty() && few.len() < 16 {
                let repeated = few.contains(&key);
                few.push(key.clone());
                repeated
            } else {
                many.extend(few.drain(..));
                !many.insert(key.clone())
            };
            if repeated {
                return Err(de::Error::custom(format!(
                    "the key `{key}` is written twice in this object; keep one of them"
                )));
            }
            refs_with_siblings |= map.next_value_seed(inner)?;
        }
        let has = |key: &str| few.iter().any(|k| k == key) || many.contains(key);
        Ok(refs_with_siblings || (has("$ref") && (has("description") || has("nullable"))))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<bool, A::Error> {
        // A YAML tag (`!x value`): the value under it is what counts.
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// A mapping key as text: YAML keys may be numbers (`200:`) or booleans. Borrowed from the
/// document where the parser can.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
        struct KeyText;
        impl<'de> Visitor<'de> for KeyText {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_unit<E>(self) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed("null")))
            }
            fn visit_none<E>(self) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed("null")))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Key<'de>, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Key(Cow::Borrowed("(a sequence)")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key<'de>, A::Error> {
                while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(Key(Cow::Borrowed("(a mapping)")))
            }
        }
        deserializer.deserialize_any(KeyText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_depth_counts_only_brackets_that_nest() {
        let deep = format!("a: {}1{}\n", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(yaml_flow_too_deep(&deep), Some((1, MAX_DEPTH + 4)));
        let quoted = format!(
            "a: '{}' # {}\nb: \"{}\\\"\"\n",
            "[".repeat(300),
            "{".repeat(300),
            "[".repeat(300)
        );
        assert_eq!(yaml_flow_too_deep(&quoted), None);
        let balanced = "pattern: ^[a-z]+$\n".repeat(500);
        assert_eq!(yaml_flow_too_deep(&balanced), None);
        assert_eq!(yaml_flow_too_deep("a: don't [x, 'y']\n"), None);
    }
}
