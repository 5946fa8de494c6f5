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
