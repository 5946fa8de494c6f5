//! `cargo xtask corpus DIR [--quick] [--open-json]`: the generator measured on a folder of real documents.
//!
//! For every OpenAPI document in the folder (`.json`, `.yaml`, `.yml`): generate it whole
//! (`operations: [all]`), then with `unsupported: skip`, and (unless `--quick`) `cargo check`,
//! `cargo clippy -D warnings` and `cargo test --doc` the skip-mode output, one document at a time,
//! every crate building in one shared target directory. One table at the end. A tool, not a test:
//! the documents are the user's, and nothing in CI needs them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use clientgen::{Config, OperationSelector, Unsupported};

/// What one document gave.
struct Row {
    document: String,
    operations: usize,
    /// `None` when the whole document generates; else the first error, located.
    whole_error: Option<String>,
    /// Operations left out in skip mode, by kind of cause.
    left_out: Vec<(String, usize)>,
    /// Every place kept as raw JSON: the place and its pointer.
    open_json: Vec<(String, String)>,
    /// `None` in `--quick` runs or when generation failed; else each step's first error.
    check: Option<Step>,
    clippy: Option<Step>,
    doc_tests: Option<Step>,
    seconds: f64,
}

type Step = Result<(), String>;

/// Runs the measurement and prints the table; fails only when the folder cannot be read.
pub fn run(root: &Path, dir: &Path, quick: bool, list_open_json: bool) -> Result<(), String> {
    let mut documents: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "json" | "yaml" | "yml"))
        })
        .collect();
    documents.sort();
    if documents.is_empty() {
        return Err(format!("{}: no .json, .yaml or .yml document", dir.display()));
    }
    let work = root.join("target/corpus");
    let mut rows = Vec::new();
    for path in &documents {
        let row = measure(root, &work, path, quick);
        eprintln!("{}", one_line(&row));
        if list_open_json {
            for (place, pointer) in &row.open_json {
                eprintln!("    raw JSON: {place} at {pointer}");
            }
        }
        rows.push(row);
    }
    print!("{}", table(&rows, quick));
    Ok(())
}

fn measure(root: &Path, work: &Path, path: &Path, quick: bool) -> Row {
    let started = Instant::now();
    let document = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut row = Row {
        document: document.clone(),
        operations: 0,
        whole_error: None,
        left_out: Vec::new(),
        open_json: Vec::new(),
        check: None,
        clippy: None,
        doc_tests: None,
        seconds: 0.0,
    };
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            row.whole_error = Some(format!("cannot read: {e}"));
            return row;
        }
    };
    row.operations = clientgen::load::load(&text)
        .map(|doc| doc.operations().count())
        .unwrap_or(0);
    let mut config = Config::new().operation(OperationSelector::All);
    config.features.per_tag = true;
    config.mock_feature = Some("mock".to_owned());
    let source = format!("spec/{document}");
    row.whole_error = clientgen::generate_report(&text, &config, &source)
        .err()
        .map(|e| e.to_string());
    config.unsupported = Unsupported::Skip;
    match clientgen::generate_report(&text, &config, &source) {
        Ok(generated) => {
            row.left_out = causes(&generated.skipped);
            row.open_json = generated
                .open_json
                .iter()
                .map(|place| (place.place.clone(), place.pointer.clone()))
                .collect();
            if !quick {
                let name = crate_name(&document);
                let dir = work.join(&name);
                let _ = fs::remove_dir_all(dir.join("src"));
                match crate::write_featured_crate(root, &dir, &name, &generated) {
                    Ok(()) => {
                        let target = work.join("target");
                        row.check = Some(cargo(&dir, &target, &["check", "--all-features", "--quiet"]));
                        row.clippy = Some(cargo(
                            &dir,
                            &target,
                            &[
                                "clippy",
                                "--all-features",
                                "--all-targets",
                                "--quiet",
                                "--",
                                "-D",
                                "warnings",
                            ],
                        ));
                        row.doc_tests = Some(cargo(&dir, &target, &["test", "--doc", "--all-features", "--quiet"]));
                    }
                    Err(e) => row.check = Some(Err(e)),
                }
            }
        }
        Err(e) => row.whole_error = row.whole_error.or(Some(e.to_string())),
    }
    row.seconds = started.elapsed().as_secs_f64();
    row
}

/// Skipped operations grouped by the kind of their problem: the message with its quoted names
/// left out, so that one rule met in many places is one row.
fn causes(skipped: &[clientgen::ir::SkippedOperation]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for operation in skipped {
        let kind = without_quoted(&operation.problem.message);
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts
}

fn without_quoted(message: &str) -> String {
    let mut out = String::new();
    for (i, piece) in message.split('`').enumerate() {
        out.push_str(if i % 2 == 0 { piece } else { "…" });
    }
    out.chars().take(90).collect()
}

fn crate_name(document: &str) -> String {
    let stem: String = document
        .rsplit_once('.')
        .map_or(document, |(stem, _)| stem)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("corpus-{stem}")
}

/// `cargo <args>` in `dir`; the error is the first line that says `error`.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Step {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    let count = text.lines().filter(|l| l.starts_with("error")).count();
    let first = text
        .lines()
        .find(|l| l.starts_with("error") || l.contains("FAILED"))
        .unwrap_or("failed");
    Err(format!("{count} error line(s); first: {first}"))
}

fn mark(step: &Option<Step>) -> &'static str {
    match step {
        None => "-",
        Some(Ok(())) => "yes",
        Some(Err(_)) => "NO",
    }
}

fn one_line(row: &Row) -> String {
    format!(
        "{}: whole {}, check {}, clippy {}, doc tests {} ({:.1} s)",
        row.document,
        if row.whole_error.is_none() { "yes" } else { "NO" },
        mark(&row.check),
        mark(&row.clippy),
        mark(&row.doc_tests),
        row.seconds
    )
}

fn table(rows: &[Row], quick: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n| document | operations | whole | left out (skip mode) | check | clippy | doc tests | raw JSON | time |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    for row in rows {
        let left_out: usize = row.left_out.iter().map(|(_, n)| n).sum();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.1} s |",
            row.document,
            row.operations,
            if row.whole_error.is_none() { "yes" } else { "no" },
            left_out,
            mark(&row.check),
            mark(&row.clippy),
            mark(&row.doc_tests),
            row.open_json.len(),
            row.seconds
        );
    }
    let whole = rows.iter().filter(|r| r.whole_error.is_none()).count();
    let passed = |step: fn(&Row) -> &Option<Step>| rows.iter().filter(|r| matches!(step(r), Some(Ok(())))).count();
    let _ = writeln!(out, "\nwhole: {whole}/{}", rows.len());
    if !quick {
        let _ = writeln!(
            out,
            "check: {}/{}, clippy: {}/{}, doc tests: {}/{}",
            passed(|r| &r.check),
            rows.len(),
            passed(|r| &r.clippy),
            rows.len(),
            passed(|r| &r.doc_tests),
            rows.len()
        );
    }
    let problems: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            r.whole_error.is_some()
                || !r.left_out.is_empty()
                || [&r.check, &r.clippy, &r.doc_tests]
                    .iter()
                    .any(|s| matches!(s, Some(Err(_))))
        })
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(out, "\nWhat stood in the way:");
    }
    for row in problems {
        let _ = writeln!(out, "- {}", row.document);
        if let Some(error) = &row.whole_error {
            let _ = writeln!(out, "  whole: {}", error.chars().take(300).collect::<String>());
        }
        for (cause, n) in &row.left_out {
            let _ = writeln!(out, "  left out ({n}): {cause}");
        }
        for (label, step) in [
            ("check", &row.check),
            ("clippy", &row.clippy),
            ("doc tests", &row.doc_tests),
        ] {
            if let Some(Err(error)) = step {
                let _ = writeln!(out, "  {label}: {}", error.chars().take(300).collect::<String>());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_group_by_kind() {
        assert_eq!(
            without_quoted("`allOf` members define property `x` in ways"),
            "… members define property … in ways"
        );
        assert_eq!(crate_name("oai-petstore.yaml"), "corpus-oai-petstore");
        assert_eq!(crate_name("Box API.v2.json"), "corpus-box-api-v2");
    }
}
