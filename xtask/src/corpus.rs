//! `cargo xtask corpus DIR [--quick | --examples] [--open-json]`: the generator measured on a
//! folder of real documents.
//!
//! For every OpenAPI document in the folder (`.json`, `.yaml`, `.yml`): generate it whole
//! (`operations: [all]`), then with `unsupported: skip`, and `cargo check`, `cargo clippy -D
//! warnings` and `cargo test --doc` the skip-mode output (`--quick`: none of these;
//! `--examples`: instead, decode every example the document gives into its generated type and
//! encode it again), one document at a time, every crate building in one shared target directory.
//! One table at the end. A tool, not a test: the documents are the user's, and nothing in CI
//! needs them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use clientgen::{Config, OperationSelector, Unsupported};

use crate::examples::{self, Outcome, Outcomes};

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
    /// `--examples` runs: what the round trip of the document's examples gave.
    examples: Option<Result<Outcomes, String>>,
    seconds: f64,
}

type Step = Result<(), String>;

/// What to measure besides generation.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub steps: Steps,
    /// Print each place kept as raw JSON.
    pub list_open_json: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Steps {
    /// Generation only.
    Generate,
    /// `cargo check`, clippy and doc tests of the output.
    #[default]
    Build,
    /// The documents' examples decoded and encoded again (every type both ways).
    Examples,
}

/// Runs the measurement and prints the table; fails only when the folder cannot be read.
pub fn run(root: &Path, dir: &Path, options: &Options) -> Result<(), String> {
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
        let row = measure(root, &work, path, options.steps);
        eprintln!("{}", one_line(&row));
        if let Some(Ok(outcomes)) = &row.examples {
            let problems = outcomes.examples.problems.iter().chain(&outcomes.random.problems);
            for (kind, places) in problems {
                for place in places.iter().take(12) {
                    eprintln!("    {kind}: {place}");
                }
                if places.len() > 12 {
                    eprintln!("    {kind}: … {} more", places.len() - 12);
                }
            }
        }
        if options.list_open_json {
            for (place, pointer) in &row.open_json {
                eprintln!("    raw JSON: {place} at {pointer}");
            }
        }
        rows.push(row);
    }
    print!("{}", table(&rows, options.steps));
    Ok(())
}

fn measure(root: &Path, work: &Path, path: &Path, steps: Steps) -> Row {
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
        examples: None,
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
            if steps == Steps::Examples {
                config.both_ways = true;
                row.examples = Some(round_trip(root, work, &document, &text, &config));
            }
            if steps == Steps::Build {
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
                        forget_build(&dir, &target, &name);
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

/// Generates the document with every type both ways, writes the program that tries each of its
/// examples ([`crate::examples`]), runs it and reads its report.
fn round_trip(root: &Path, work: &Path, document: &str, text: &str, config: &Config) -> Result<Outcomes, String> {
    let source = format!("spec/{document}");
    let generated = clientgen::generate_report(text, config, &source).map_err(|e| e.to_string())?;
    let targets = clientgen::example_targets::example_targets(text, config).map_err(|e| e.to_string())?;
    let raw = clientgen::load::raw(text).map_err(|e| e.to_string())?;
    let mut samples = examples::samples(&raw, &targets);
    samples.extend(examples::random_samples(&raw, &targets, RANDOM_PER_TYPE));
    let name = format!("{}-examples", crate_name(document));
    let dir = work.join(&name);
    let _ = fs::remove_dir_all(dir.join("src"));
    crate::write_featured_crate(root, &dir, &name, &generated)?;
    let program = dir.join("examples/round_trip.rs");
    fs::create_dir_all(dir.join("examples")).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(&program, examples::program(&name, &samples)).map_err(|e| format!("{}: {e}", program.display()))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "--all-features", "--example", "round_trip"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    forget_build(&dir, &work.join("target"), &name);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("failed");
        return Err(format!("the round-trip program: {first}"));
    }
    let report = String::from_utf8_lossy(&output.stdout);
    // Every line, for a reader who wants more than the first few of each kind.
    let saved = dir.join("round_trip.out");
    fs::write(&saved, report.as_bytes()).map_err(|e| format!("{}: {e}", saved.display()))?;
    Ok(Outcomes::read(&report))
}

/// Random values drawn per named type in `--examples` runs.
const RANDOM_PER_TYPE: usize = 3;

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

/// Removes what building the document's crate `name` left in the shared target directory: each
/// generated crate is large, and a folder of documents would otherwise fill the disk (64 GB after
/// a few hundred); the dependencies stay, for the next document.
fn forget_build(dir: &Path, target: &Path, name: &str) {
    // Nothing is lost if this fails: the next run builds again.
    let _ = cargo(dir, target, &["clean", "--quiet", "--package", name]);
}

/// `cargo <args>` in `dir`; the error is the first line that says `error`. Incremental state is
/// not kept: each crate is built once.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Step {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
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

fn table(rows: &[Row], steps: Steps) -> String {
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
    if steps == Steps::Examples {
        out.push_str(&examples_table(rows, "examples", |o| &o.examples));
        out.push_str(&examples_table(rows, "random values", |o| &o.random));
    }
    if steps == Steps::Build {
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
                || matches!(r.examples, Some(Err(_)))
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
        if let Some(Err(error)) = &row.examples {
            let _ = writeln!(out, "  examples: {}", error.chars().take(300).collect::<String>());
        }
    }
    out
}

/// Per document: how many examples (or random values) came back the same, respelled, or not, by
/// kind of problem.
fn examples_table(rows: &[Row], what: &str, part: fn(&Outcomes) -> &Outcome) -> String {
    let outcomes: Vec<(&str, &Outcome)> = rows
        .iter()
        .filter_map(|r| match &r.examples {
            Some(Ok(outcomes)) => Some((r.document.as_str(), part(outcomes))),
            _ => None,
        })
        .collect();
    let mut kinds: Vec<&str> = outcomes
        .iter()
        .flat_map(|(_, o)| o.problems.keys().map(String::as_str))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let header: String = kinds.iter().map(|k| format!(" {k} |")).collect();
    let mut out = format!("\n| document | {what} | same | respelled |{header}\n");
    let _ = writeln!(out, "|---|---|---|---|{}", "---|".repeat(kinds.len()));
    let mut total = Outcome::default();
    for (document, outcome) in &outcomes {
        let counts: String = kinds
            .iter()
            .map(|k| format!(" {} |", outcome.problems.get(*k).map_or(0, Vec::len)))
            .collect();
        let all = outcome.same + outcome.respelled + outcome.failed();
        let _ = writeln!(
            out,
            "| {document} | {all} | {} | {} |{counts}",
            outcome.same, outcome.respelled,
        );
        total.same += outcome.same;
        total.respelled += outcome.respelled;
        for (kind, places) in &outcome.problems {
            total
                .problems
                .entry(kind.clone())
                .or_default()
                .extend(places.iter().cloned());
        }
    }
    let all = total.same + total.respelled + total.failed();
    let _ = writeln!(
        out,
        "\n{what}: {all}; the same back: {}, respelled: {}, not: {}",
        total.same,
        total.respelled,
        total.failed()
    );
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
