//! The one error type of the generator: what is wrong, and where in which input.

use std::fmt;
use std::path::PathBuf;

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A node of the OpenAPI document, as a JSON pointer (`#/components/schemas/Foo/properties/bar`).
    Spec(String),
    /// A place in the generator config, as a path (`operations[2].id`).
    Config(String),
    /// A file as a whole (could not be read or written).
    File(PathBuf),
}

/// A problem with the inputs that stops generation. Never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn spec(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Location::Spec(pointer.into()),
            message: message.into(),
        }
    }

    pub fn config(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Location::Config(path.into()),
            message: message.into(),
        }
    }

    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Location::File(path.into()),
            message: message.into(),
        }
    }

    /// The JSON pointer into the spec, when the problem is in the spec.
    pub fn pointer(&self) -> Option<&str> {
        match &self.location {
            Location::Spec(p) => Some(p),
            _ => None,
        }
    }
}

/// Pointers and messages quote the document: on a terminal or in a CI log, a line break or an
/// escape sequence from it is a space or `\u{…}`, so that it cannot forge a line or restyle one.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = crate::prose::comment_line;
        let message = shown(&self.message);
        match &self.location {
            Location::Spec(pointer) => write!(f, "spec {}: {message}", shown(pointer)),
            Location::Config(path) => write!(f, "config {}: {message}", shown(path)),
            Location::File(path) => write!(f, "{}: {message}", shown(&path.display().to_string())),
        }
    }
}

impl std::error::Error for Diagnostic {}

pub type Result<T, E = Diagnostic> = std::result::Result<T, E>;

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer_join(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(
            pointer_join("#/paths", "/object_storage/access_keys"),
            "#/paths/~1object_storage~1access_keys"
        );
        assert_eq!(pointer_join("#", "a~b"), "#/a~0b");
    }

    #[test]
    fn display_names_the_place() {
        let d = Diagnostic::spec("#/components/schemas/X", "unknown $ref `#/nope`");
        assert_eq!(d.to_string(), "spec #/components/schemas/X: unknown $ref `#/nope`");
    }

    #[test]
    fn display_cannot_forge_a_line() {
        let d = Diagnostic::spec("#/tags/a\nerror: b", "value `x\u{1b}[2K\ry`");
        assert_eq!(d.to_string(), "spec #/tags/a error: b: value `x\\u{1b}[2K y`");
    }
}
