//! Text a document supplies (descriptions, summaries, titles, names), made inert wherever the
//! generator writes it: rustdoc, Markdown files, TOML comments.
//!
//! A description becomes `///` lines, and rustdoc compiles and runs every code block it takes for
//! Rust (a fence without a language, `rust`, `no_run`, an indented block, …). So code blocks are
//! rewritten as `text` fences, raw HTML other than a few formatting tags is shown as text, and the
//! characters that could end a comment line (`\r`, line separators), break the build (bidi
//! controls are denied in comments) or hide in a line (zero-width and other format characters)
//! are written as `\u{…}`. Markdown that is only formatting (links, emphasis, lists, tables) is
//! kept as the document wrote it.

use std::fmt::Write as _;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions rustdoc turns on: code blocks are found as rustdoc finds them.
fn rustdoc_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Inline HTML tags that only format text; any other HTML is shown as text.
const FORMATTING_TAGS: &[&str] = &[
    "b", "i", "em", "strong", "code", "br", "p", "ul", "ol", "li", "sub", "sup", "u", "s", "pre", "tt", "hr",
];

/// The lines of a doc comment for `text`: inert Markdown, no line break inside a line.
pub fn doc_lines(text: &str) -> Vec<String> {
    let text = plain_characters(text);
    if !needs_rewriting(&text) {
        return text.split('\n').map(str::to_owned).collect();
    }
    let markdown = rewrite(&text);
    let lines: Vec<&str> = markdown.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(first, |i| i + 1);
    lines[first..last.max(first)].iter().map(|l| (*l).to_owned()).collect()
}

/// `label: text`, when the text begins with a paragraph; else the label, and the text below it as
/// the blocks it is (a code fence, an indented block, a list), which the label would otherwise
/// turn into words of its first line. The label alone when there is no text.
pub fn labelled(label: &str, text: Option<&str>) -> String {
    let text = text.map(|t| t.trim_start_matches(['\n', '\r'])).unwrap_or_default();
    if text.trim().is_empty() {
        return label.to_owned();
    }
    match Parser::new_ext(text, rustdoc_options()).next() {
        Some(Event::Start(Tag::Paragraph)) => format!("{label}: {text}"),
        _ => format!("{label}:\n\n{text}"),
    }
}

/// One line of Markdown that shows `text` as written: no block syntax, no links, no HTML.
pub fn inline(text: &str) -> String {
    let text = plain_characters(text);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.trim().chars().enumerate() {
        match c {
            '\n' | '\t' => out.push(' '),
            // What starts or ends Markdown syntax inline; any punctuation at the start of a line.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if i == 0 && c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// One line of a `#` comment (TOML, YAML): no line break, no control or invisible character.
pub fn comment_line(text: &str) -> String {
    plain_characters(text).replace(['\n', '\t'], " ")
}

/// Line breaks normalised to `\n`; other control characters, bidi controls and invisible format
/// characters written as `\u{…}`, so that they neither end a comment nor hide in one.
pub fn plain_characters(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A character that shows nothing, or changes how the text around it shows: control characters,
/// bidi controls, zero-width and other format characters (Unicode category Cf), the
/// replacement-prone noncharacters and private-use code points are not included (they show).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}' | '\u{1160}'
            | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
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

/// Whether the text holds anything rustdoc would not show as plain prose: a code block, or HTML
/// beyond the formatting tags.
fn needs_rewriting(text: &str) -> bool {
    // Cheap first: no fence, no run of four spaces or tab, no `<` means no code block and no HTML.
    let suspicious = text.contains("```")
        || text.contains("~~~")
        || text.contains('<')
        || text.contains("    ")
        || text.contains('\t');
    suspicious
        && Parser::new_ext(text, rustdoc_options()).any(|event| match event {
            Event::Start(Tag::CodeBlock(kind)) => !is_text_fence(&kind),
            Event::Html(html) | Event::InlineHtml(html) => !is_formatting_html(&html),
            _ => false,
        })
}

fn is_text_fence(kind: &CodeBlockKind<'_>) -> bool {
    matches!(kind, CodeBlockKind::Fenced(info) if info.as_ref() == "text")
}

/// `<b>`, `</li>`, `<br/>`: a formatting tag without attributes.
fn is_formatting_html(html: &str) -> bool {
    let html = html.trim();
    let Some(inner) = html.strip_prefix('<').and_then(|h| h.strip_suffix('>')) else {
        return false;
    };
    let name = inner.trim_start_matches('/').trim_end_matches('/').trim();
    FORMATTING_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name))
}

/// The text rendered again from its events, every code block a `text` fence and HTML beyond the
/// formatting tags as text. Should the renderer fail, or its output still hold a block rustdoc
/// would run, the text is escaped line by line instead.
fn rewrite(text: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(text, rustdoc_options())
        .map(|event| match event {
            Event::Start(Tag::CodeBlock(_)) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from("text"))))
            }
            Event::Html(html) | Event::InlineHtml(html) if !is_formatting_html(&html) => Event::Text(html),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => Event::Text(CowStr::from("")),
            other => other,
        })
        .filter(|event| !matches!(event, Event::Text(t) if t.is_empty()))
        .collect();
    let options = pulldown_cmark_to_cmark::Options {
        code_block_token_count: pulldown_cmark_to_cmark::calculate_code_block_token_count(&events)
            .unwrap_or(pulldown_cmark_to_cmark::DEFAULT_CODE_BLOCK_TOKEN_COUNT),
        ..Default::default()
    };
    let mut out = String::with_capacity(text.len() + 16);
    let rendered = pulldown_cmark_to_cmark::cmark_with_options(events.iter(), &mut out, rustdoc_options(), options);
    if rendered.is_ok() && !needs_rewriting(&out) {
        out
    } else {
        text.lines().map(inline).collect::<Vec<_>>().join("\n")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_label_goes_before_a_paragraph_and_above_a_block() {
        use super::labelled;
        assert_eq!(
            labelled("HTTP 404", Some("Not found.\nReally.")),
            "HTTP 404: Not found.\nReally."
        );
        assert_eq!(labelled("HTTP 404", Some("  ")), "HTTP 404");
        assert_eq!(labelled("HTTP 404", None), "HTTP 404");
        assert_eq!(
            labelled("HTTP 400", Some("```\ncode\n```")),
            "HTTP 400:\n\n```\ncode\n```"
        );
        assert_eq!(labelled("HTTP 400", Some("    indented")), "HTTP 400:\n\n    indented");
        assert_eq!(labelled("`a`", Some("\n- one\n- two")), "`a`:\n\n- one\n- two");
    }

    use super::*;

    /// Every code block rustdoc finds in `lines` joined, with its info string.
    fn code_blocks(lines: &[String]) -> Vec<String> {
        let text = lines.join("\n");
        Parser::new_ext(&text, rustdoc_options())
            .filter_map(|event| match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => Some(info.to_string()),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => Some("(indented)".to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn code_blocks_become_text_fences() {
        let hostile = [
            "Run:\n```\nstd::fs::write(\"/tmp/x\", \"\").unwrap();\n```",
            "```rust\nfn main() {}\n```",
            "```no_run,should_panic\npanic!()\n```",
            "~~~\nlet x = 1;\n~~~",
            "Text.\n\n    std::process::exit(1);\n",
            "- item\n\n  ```\n  code\n  ```",
            "> ```\n> quoted code\n> ```",
            "-     indented in a list",
            "````\n```\nnested\n```\n````",
            "```json\n{\"a\": 1}\n```",
            "\t\ttabbed code",
        ];
        for text in hostile {
            let lines = doc_lines(text);
            let blocks = code_blocks(&lines);
            assert!(!blocks.is_empty(), "{text:?} keeps its code, as text: {lines:#?}");
            assert!(blocks.iter().all(|info| info == "text"), "{text:?} → {lines:#?}");
        }
    }

    #[test]
    fn the_code_is_kept() {
        let lines = doc_lines("Example:\n```\nlet secret = 42;\n```\nDone.");
        let text = lines.join("\n");
        assert!(text.contains("let secret = 42;"), "{text}");
        assert!(text.contains("Done."), "{text}");
    }

    #[test]
    fn ordinary_markdown_is_kept_as_written() {
        for text in [
            "A [link](https://example.com) and *emphasis*.",
            "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |",
            "Line<br>break and <b>bold</b>.",
            "```text\nalready text\n```",
        ] {
            assert_eq!(doc_lines(text).join("\n"), text);
        }
    }

    #[test]
    fn html_other_than_formatting_is_text() {
        let lines = doc_lines("Hi <script>alert(1)</script> <img src=x onerror=y>").join("\n");
        let html: Vec<String> = Parser::new_ext(&lines, rustdoc_options())
            .filter_map(|e| match e {
                Event::Html(h) | Event::InlineHtml(h) => Some(h.to_string()),
                _ => None,
            })
            .collect();
        assert!(html.is_empty(), "{lines} still has {html:?}");
        assert!(lines.contains("script"), "{lines}");
    }

    #[test]
    fn nothing_ends_a_comment_line() {
        for text in ["a\rb", "a\u{2028}b", "a\u{85}b", "a\r\nb"] {
            assert_eq!(doc_lines(text), ["a", "b"], "{text:?}");
        }
        let lines = doc_lines("a\u{202e}b\u{200b}c\u{0}d\u{1b}[31m");
        assert_eq!(lines, ["a\\u{202e}b\\u{200b}c\\u{0}d\\u{1b}[31m"]);
        assert!(doc_lines("x */ /* y").iter().all(|l| !l.contains('\n')));
    }

    #[test]
    fn inline_text_has_no_markdown() {
        assert_eq!(inline("Pet *store*\n```rust"), "Pet \\*store\\* \\`\\`\\`rust");
        assert_eq!(inline("- a (b), c: d."), "\\- a (b), c: d.");
        assert_eq!(comment_line("a\nb = 1\u{0}"), "a b = 1\\u{0}");
    }

    #[test]
    fn hidden_characters() {
        for c in [
            '\u{200b}', '\u{2060}', '\u{feff}', '\u{61c}', '\u{202e}', '\u{0}', '\u{7f}', '\u{9b}',
        ] {
            assert!(is_hidden(c), "{:x}", c as u32);
        }
        for c in ['a', 'é', '€', '中', ' '] {
            assert!(!is_hidden(c), "{c}");
        }
    }
}
