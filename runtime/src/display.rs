//! Text from the network as `Display` shows it: control characters neutralised, so that a server
//! cannot forge log lines or send escape sequences to a terminal through an error message.

use std::fmt;

/// Writes `text` with every character that could move the cursor, end a line or reorder what a
/// reader sees replaced by its `\u{…}` escape (`\n` → `\u{a}`). Printable text is written as it
/// is; the value itself is never changed, only how it is shown.
pub struct Neutralised<'a>(pub &'a str);

impl fmt::Display for Neutralised<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(is_unsafe) {
            f.write_str(&rest[..at])?;
            let mut chars = rest[at..].chars();
            if let Some(c) = chars.next() {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

/// Control characters (C0, DEL, C1: line breaks, escape sequences), line and paragraph
/// separators, the bidirectional controls that reorder a line as it is displayed, and every
/// character that shows nothing (zero-width spaces and joiners, word joiners, the byte-order mark,
/// soft hyphens, variation selectors, tags, Hangul fillers): `scope_not_granted` followed by a
/// zero-width space must not pass for the code it looks like.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}' | '\u{1160}'
            | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
        )
}

#[cfg(test)]
mod tests {
    use super::Neutralised;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        let shown = |s: &str| Neutralised(s).to_string();
        assert_eq!(shown("plain text, ünïcode ✓"), "plain text, ünïcode ✓");
        assert_eq!(shown("a\nERROR forged\r\n"), "a\\u{a}ERROR forged\\u{d}\\u{a}");
        assert_eq!(shown("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(shown("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(shown("evil\u{202e}txt.exe\u{2028}"), "evil\\u{202e}txt.exe\\u{2028}");
        assert_eq!(shown("tab\there"), "tab\\u{9}here");
        assert_eq!(shown(""), "");
        assert_eq!(
            shown("scope_not_granted\u{200b}\u{2060}\u{feff}\u{61c}\u{ad}\u{e0041}"),
            "scope_not_granted\\u{200b}\\u{2060}\\u{feff}\\u{61c}\\u{ad}\\u{e0041}"
        );
    }
}

/// Free-form JSON as `Debug` shows it: member names and the kind of each value, never a value.
/// A server may echo a token or a password into any member of an object the document leaves open
/// (an error's `detail`), and nothing says which member that is.
pub struct JsonShape<'a, T: ?Sized>(pub &'a T);

/// A value that holds free-form JSON, shown by [`JsonShape`].
pub trait Shape {
    /// Writes the value's shape.
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

impl<T: Shape + ?Sized> fmt::Debug for JsonShape<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_shape(f)
    }
}

impl Shape for serde_json::Value {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use serde_json::Value;
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(_) => f.write_str("<bool>"),
            Value::Number(_) => f.write_str("<number>"),
            Value::String(_) => f.write_str("<string>"),
            Value::Array(items) => items.fmt_shape(f),
            Value::Object(members) => members.fmt_shape(f),
        }
    }
}

impl Shape for serde_json::Map<String, serde_json::Value> {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k, JsonShape(v))))
            .finish()
    }
}

impl<T: Shape> Shape for [T] {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(JsonShape)).finish()
    }
}

impl<T: Shape> Shape for Vec<T> {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt_shape(f)
    }
}

impl<T: Shape> Shape for std::collections::BTreeMap<String, T> {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, v)| (k, JsonShape(v))))
            .finish()
    }
}

impl<T: Shape> Shape for Option<T> {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => f.debug_tuple("Some").field(&JsonShape(value)).finish(),
            None => f.write_str("None"),
        }
    }
}

impl<T: Shape + ?Sized> Shape for Box<T> {
    fn fmt_shape(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_shape(f)
    }
}

#[cfg(test)]
mod shape_tests {
    use super::JsonShape;

    #[test]
    fn free_form_json_shows_names_and_kinds_never_values() {
        let detail = serde_json::json!({
            "token": "Bearer s3cr3t-t0k3n",
            "nested": {"password": "hunter2", "pin": 1234, "ok": true, "list": ["x", null]}
        });
        let shown = format!("{:?}", JsonShape(&detail));
        for secret in ["s3cr3t", "hunter2", "1234", "\"x\""] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("\"token\"") && shown.contains("\"password\""), "{shown}");
        assert_eq!(
            format!("{:?}", JsonShape(&Some(vec![serde_json::json!("a")]))),
            "Some([<string>])"
        );
    }
}

/// Implements `Debug` for a generated struct that has free-form JSON members: each member is
/// `plain` (shown as its own `Debug` shows it) or `json` (shown by [`JsonShape`]), with its label.
#[doc(hidden)]
#[macro_export]
macro_rules! shaped_debug {
    ($name:ident { $($mode:ident $field:tt $label:literal),* $(,)? }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(::std::stringify!($name))
                    $( .field($label, $crate::shaped_debug!(@$mode self.$field)) )*
                    .finish()
            }
        }
    };
    (@plain $value:expr) => { &$value };
    (@json $value:expr) => { &$crate::__private::JsonShape(&$value) };
}
