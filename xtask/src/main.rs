//! `cargo xtask codegen [--check] [--config PATH] [--spec PATH] [--out DIR]`, and the project's
//! other tasks (`features`, `bench-compile`, `semver`, `msrv`, `corpus`).

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{Inputs, Mode, codegen, drift_report, project_root};

const USAGE: &str = "usage: cargo xtask codegen [--check] [--config PATH] [--spec PATH] [--out DIR]\n\
       cargo xtask features        (print the [features] section generated/Cargo.toml must have)\n\
       cargo xtask bench-compile   (time `cargo check` of generated crates; see README, Performance)\n\
       cargo xtask semver          (cargo-semver-checks: client of 2.61.1 → client of spec/)\n\
       cargo xtask msrv            (every dependency users build declares a rust-version no newer than ours)\n\
       cargo xtask corpus DIR [--quick | --examples] [--open-json]  (every document in DIR: generate, check,\n\
           clippy, doc tests; --quick: generate only; --examples: decode and re-encode the documents'\n\
           own examples; --open-json lists each place kept as raw JSON)\n\
       cargo xtask random-documents DIR [--count N] [--seed S]  (write N random documents, default 20,\n\
           for `corpus DIR` to measure)\n\
  --check   write nothing; fail if generated/ differs from what spec/ gives\n\
  --config  generator config (default spec/codegen.yaml)\n\
  --spec    OpenAPI 3.0 or 3.1 document, JSON or YAML (default: the config's `spec`)\n\
  --out     directory of the generated crate (default: the config's `out`)";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("codegen") => {}
        Some("features") => {
            return match xtask::features(&project_root()) {
                Ok(section) => {
                    print!("{section}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        Some("corpus") => {
            let mut dir = None;
            let mut options = xtask::corpus::Options::default();
            for arg in args {
                match arg.as_str() {
                    "--quick" => options.steps = xtask::corpus::Steps::Generate,
                    "--examples" => options.steps = xtask::corpus::Steps::Examples,
                    "--open-json" => options.list_open_json = true,
                    other if dir.is_none() => dir = Some(PathBuf::from(other)),
                    other => {
                        eprintln!("error: unexpected argument `{other}`\n{USAGE}");
                        return ExitCode::from(2);
                    }
                }
            }
            let Some(dir) = dir else {
                eprintln!("error: name the folder of documents\n{USAGE}");
                return ExitCode::from(2);
            };
            return match xtask::corpus::run(&project_root(), &dir, &options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        Some("random-documents") => {
            let (mut dir, mut count, mut seed) = (None, 20_usize, String::from("1"));
            while let Some(arg) = args.next() {
                let parsed = match arg.as_str() {
                    "--count" => args.next().and_then(|n| n.parse().ok()).map(|n| count = n),
                    "--seed" => args.next().map(|s| seed = s),
                    other if dir.is_none() && !other.starts_with("--") => {
                        dir = Some(PathBuf::from(other));
                        Some(())
                    }
                    _ => None,
                };
                if parsed.is_none() {
                    eprintln!("error: unexpected or incomplete argument `{arg}`\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
            let Some(dir) = dir else {
                eprintln!("error: name the folder to write the documents to\n{USAGE}");
                return ExitCode::from(2);
            };
            return match xtask::random_documents::write(&dir, count, &seed) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(task @ ("bench-compile" | "semver" | "msrv")) => {
            let root = project_root();
            let outcome = match task {
                "semver" => xtask::semver::run(&root),
                "msrv" => xtask::msrv::run(&root),
                _ => xtask::compile_cost::run(&root),
            };
            return match outcome {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let mut mode = Mode::Write;
    let mut inputs = Inputs::default();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let parsed = match arg.as_str() {
            "--check" => {
                mode = Mode::Check;
                Ok(())
            }
            "--config" => value("--config").map(|v| inputs.config = Some(v)),
            "--spec" => value("--spec").map(|v| inputs.spec = Some(v)),
            "--out" => value("--out").map(|v| inputs.out = Some(v)),
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(message) = parsed {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    match codegen(&project_root(), &inputs, mode) {
        Ok(drift) if drift.is_empty() => {
            eprintln!("generated code is up to date");
            ExitCode::SUCCESS
        }
        Ok(drift) if mode == Mode::Check => {
            eprint!("{}", drift_report(&drift, clientgen::format::REGENERATE_COMMAND));
            ExitCode::FAILURE
        }
        Ok(drift) => {
            for d in &drift {
                eprintln!("updated {d}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
