//! `cargo clientgen new <DIR> --spec <PATH>`, `cargo clientgen [--check] [--dir <DIR>]`.

use std::path::PathBuf;
use std::process::ExitCode;

use cargo_clientgen::{COMMAND, NewCrate, new_crate, regenerate};
use clientgen::project::{Mode, drift_report, summary};

const USAGE: &str = "usage:\n  cargo clientgen new <DIR> --spec <PATH> [--name <CRATE>] [--license <SPDX>] [--repository <URL>]\n                          [--runtime-path <PATH>]\n      \
    write a new client crate for an OpenAPI 3.0 or 3.1 document (JSON or YAML); it depends on\n      \
    clientgen-runtime by version, and also by a path relative to the crate with --runtime-path\n  \
    cargo clientgen [--check] [--verbose] [--dir <DIR>]\n      \
    regenerate the generated modules of the crate in DIR (default: here) from its clientgen.yaml;\n      \
    --check writes nothing and fails when they are not up to date; the report of secrets, raw JSON\n      \
    and left-out operations is printed when something changed, or always with --verbose";

fn main() -> ExitCode {
    // As a cargo subcommand, cargo passes the subcommand's name first.
    let args: Vec<String> = std::env::args().skip(1).skip_while(|a| a == "clientgen").collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut args = args.iter();
    let flag_value = |flag: &str, args: &mut std::slice::Iter<'_, String>| {
        args.next()
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
    };
    let first = args.clone().next().map(String::as_str);
    if first == Some("new") {
        args.next();
        let mut dir = None;
        let mut request = NewCrate::default();
        let mut spec = None;
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--spec" => spec = Some(PathBuf::from(flag_value("--spec", &mut args)?)),
                "--name" => request.name = Some(flag_value("--name", &mut args)?),
                "--license" => request.license = Some(flag_value("--license", &mut args)?),
                "--repository" => request.repository = Some(flag_value("--repository", &mut args)?),
                "--runtime-path" => {
                    request.runtime_path = Some(PathBuf::from(flag_value("--runtime-path", &mut args)?))
                }
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Ok(ExitCode::SUCCESS);
                }
                other if dir.is_none() && !other.starts_with('-') => dir = Some(PathBuf::from(other)),
                other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
            }
        }
        request.dir = dir.ok_or_else(|| format!("which directory?\n{USAGE}"))?;
        request.spec = spec.ok_or_else(|| format!("--spec is required\n{USAGE}"))?;
        let generated = new_crate(&request)?;
        eprint!("{}", summary(&generated));
        eprintln!(
            "wrote {} ({} file(s) generated); build it with `cargo build --manifest-path {}/Cargo.toml`",
            request.dir.display(),
            generated.files.len(),
            request.dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut mode = Mode::Write;
    let mut verbose = false;
    let mut dir = PathBuf::from(".");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => mode = Mode::Check,
            "--verbose" | "-v" => verbose = true,
            "--dir" => dir = PathBuf::from(flag_value("--dir", &mut args)?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    let (generated, drift) = regenerate(&dir, mode)?;
    // The report of secrets, raw JSON and left-out operations is news only when the code changed.
    if verbose || !drift.is_empty() {
        eprint!("{}", summary(&generated));
    }
    match (mode, drift.is_empty()) {
        (Mode::Check, false) => {
            eprint!("{}", drift_report(&drift, COMMAND));
            Ok(ExitCode::FAILURE)
        }
        (Mode::Check, true) => {
            eprintln!("generated code is up to date");
            Ok(ExitCode::SUCCESS)
        }
        (Mode::Write, _) => {
            eprintln!("{} file(s) updated", drift.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}
