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
/// separators, and the bidirectional controls that reorder a line as it is displayed.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
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
    }
}
