//! `multipart/form-data` bodies: text fields and files, encoded once into bytes so that a retry
//! sends exactly the same body.
//!
//! Written here rather than with reqwest's `multipart` form, whose streamed body cannot be sent
//! twice, and which the retry rules need.

use std::fmt;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::error::{Error, InvalidArgument};

/// A file for a `multipart/form-data` body (a `format: binary` field): its bytes, and the file
/// name and content type to send with them.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file of these bytes, sent as `application/octet-stream` without a file name until told.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the server is told (`filename="…"`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's `Content-Type` (`image/png`); `application/octet-stream` when not told.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file name the server is told, if any.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }
}

/// Sizes and names, never the contents.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

/// In JSON (where a document rarely puts `format: binary`), a file is the string of its bytes.
impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| FilePart::new(text.into_bytes()))
    }
}

/// A `multipart/form-data` body being built; generated code adds each field.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Part {
    name: &'static str,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Bytes,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// A text field: a string as it is, a number or boolean as JSON writes it, an object or array
    /// as JSON text; `null` adds nothing.
    pub fn text<T: Serialize, E>(&mut self, name: &'static str, value: &T) -> Result<(), Error<E>> {
        let value = serde_json::to_value(value).map_err(|e| {
            Error::InvalidArgument(Box::new(InvalidArgument {
                parameter: name,
                reason: format!("cannot be encoded: {e}"),
            }))
        })?;
        let text = match value {
            Value::Null => return Ok(()),
            Value::String(text) => text,
            other => other.to_string(),
        };
        self.parts.push(Part {
            name,
            file_name: None,
            content_type: None,
            body: Bytes::from(text),
        });
        Ok(())
    }

    /// A file field.
    pub fn file(&mut self, name: &'static str, file: FilePart) {
        self.parts.push(Part {
            name,
            file_name: file.file_name,
            content_type: Some(
                file.content_type
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
            ),
            body: file.bytes,
        });
    }

    /// The `Content-Type` (with its boundary) and the encoded body.
    pub(crate) fn finish(self) -> (String, Bytes) {
        let boundary = boundary_absent_from(&self.parts);
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(b"--");
            body.extend_from_slice(boundary.as_bytes());
            body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            body.extend_from_slice(quoted(part.name).as_bytes());
            body.push(b'"');
            if let Some(file_name) = &part.file_name {
                body.extend_from_slice(b"; filename=\"");
                body.extend_from_slice(quoted(file_name).as_bytes());
                body.push(b'"');
            }
            if let Some(content_type) = &part.content_type {
                body.extend_from_slice(b"\r\nContent-Type: ");
                body.extend_from_slice(header_safe(content_type).as_bytes());
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(&part.body);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"--\r\n");
        (format!("multipart/form-data; boundary={boundary}"), Bytes::from(body))
    }
}

/// A name in a quoted `Content-Disposition` parameter, as browsers write it (WHATWG): `"`, CR and
/// LF percent-encoded, so that no value can end the header or add one; so is every other control
/// character (a NUL that would cut `evil.php\0.png` short on the server) and every character that
/// hides or reorders text (`\u{202e}` turning `gpj.exe` around), byte by byte in UTF-8.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c == '"' || crate::display::is_unsafe(c) {
            let mut bytes = [0u8; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A content type the caller gave, without anything that could end the header line.
fn header_safe(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// A random boundary that no part contains.
fn boundary_absent_from(parts: &[Part]) -> String {
    loop {
        let boundary: String = std::iter::repeat_with(fastrand::alphanumeric).take(32).collect();
        let boundary = format!("clientgen-{boundary}");
        let needle = boundary.as_bytes();
        if !parts
            .iter()
            .any(|part| part.body.windows(needle.len()).any(|window| window == needle))
        {
            return boundary;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(form: Multipart) -> (String, String) {
        let (content_type, body) = form.finish();
        let boundary = content_type.split("boundary=").nth(1).unwrap().to_owned();
        (boundary, String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn text_and_files_in_order() {
        let mut form = Multipart::new();
        form.text::<_, ()>("title", &"Holiday").unwrap();
        form.text::<_, ()>("count", &3).unwrap();
        form.text::<_, ()>("tags", &vec!["a", "b"]).unwrap();
        form.text::<_, ()>("absent", &Option::<String>::None).unwrap();
        form.file(
            "photo",
            FilePart::new(b"\x89PNG".to_vec())
                .file_name("beach.png")
                .content_type("image/png"),
        );
        let (boundary, body) = encoded(form);
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHoliday\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\n[\"a\",\"b\"]\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"beach.png\"\r\nContent-Type: image/png\r\n\r\n\u{FFFD}PNG\r\n\
             --{b}--\r\n",
            b = boundary
        );
        assert_eq!(body, expected);
    }

    #[test]
    fn names_cannot_break_out_of_their_header() {
        let mut form = Multipart::new();
        form.file(
            "f",
            FilePart::new(Vec::new())
                .file_name("a\"\r\nX-Evil: 1.txt")
                .content_type("text/plain\r\nX-Evil: 1"),
        );
        let (_, body) = encoded(form);
        assert!(body.contains("filename=\"a%22%0D%0AX-Evil: 1.txt\""), "{body}");
        assert!(body.contains("Content-Type: text/plainX-Evil: 1\r\n"), "{body}");
        assert_eq!(body.matches("\r\nX-Evil").count(), 0);
    }

    #[test]
    fn file_names_carry_no_control_or_hidden_character() {
        let mut form = Multipart::new();
        form.file(
            "f",
            FilePart::new(Vec::new()).file_name("evil.php\0.png\u{7}\u{202e}gpj"),
        );
        let (_, body) = encoded(form);
        assert!(body.contains("filename=\"evil.php%00.png%07%E2%80%AEgpj\""), "{body}");
    }

    #[test]
    fn the_boundary_is_in_no_part() {
        for _ in 0..50 {
            let mut form = Multipart::new();
            form.text::<_, ()>("t", &"clientgen-").unwrap();
            let (boundary, body) = encoded(form);
            assert_eq!(body.matches(&format!("--{boundary}")).count(), 2);
        }
    }

    #[test]
    fn a_file_shows_its_size_not_its_contents() {
        let file = FilePart::new(b"top secret".to_vec()).file_name("k.txt");
        let shown = format!("{file:?}");
        assert!(shown.contains("len: 10") && !shown.contains("top secret"), "{shown}");
    }
}
