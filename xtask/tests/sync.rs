//! `codegen --check` finds every kind of drift and writes nothing; `codegen` repairs it, removing
//! generated files the generator no longer makes and leaving hand-written ones alone.

use std::fs;
use std::path::PathBuf;

use clientgen::GeneratedFile;
use clientgen::format::GENERATED_MARKER;
use xtask::{Drift, Mode, project_root, sync};

fn scratch(name: &str) -> PathBuf {
    let dir = project_root().join("target/sync-tests").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).expect("scratch dir");
    dir
}

fn file(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        path: path.to_owned(),
        contents: format!("// {GENERATED_MARKER} from test.\n{body}\n"),
    }
}

#[test]
fn check_reports_missing_differing_and_stale_files_and_writes_nothing() {
    let dir = scratch("check");
    let files = vec![file("src/lib.rs", "pub mod a;"), file("src/a.rs", "pub struct A;")];
    fs::write(dir.join("src/lib.rs"), "// edited by hand\n").expect("write");
    fs::write(dir.join("src/old.rs"), format!("// {GENERATED_MARKER} from test.\n")).expect("write");
    fs::write(dir.join("src/hand.rs"), "// hand-written, no marker\n").expect("write");

    let drift = sync(&dir, &files, Mode::Check).expect("checks");
    assert_eq!(
        drift,
        vec![
            Drift::Differs(dir.join("src/lib.rs")),
            Drift::Missing(dir.join("src/a.rs")),
            Drift::Stale(dir.join("src/old.rs")),
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.join("src/lib.rs")).expect("read"),
        "// edited by hand\n"
    );
    assert!(!dir.join("src/a.rs").exists());
    assert!(dir.join("src/old.rs").exists());
    let report = xtask::drift_report(&drift, clientgen::format::REGENERATE_COMMAND);
    assert!(report.contains("cargo xtask codegen"), "{report}");
}

#[test]
fn write_repairs_the_drift_and_keeps_hand_written_files() {
    let dir = scratch("write");
    let files = vec![file("src/lib.rs", "pub mod a;"), file("src/a.rs", "pub struct A;")];
    fs::write(dir.join("src/old.rs"), format!("// {GENERATED_MARKER} from test.\n")).expect("write");
    fs::write(dir.join("src/hand.rs"), "// hand-written, no marker\n").expect("write");

    sync(&dir, &files, Mode::Write).expect("writes");
    assert_eq!(sync(&dir, &files, Mode::Check).expect("checks"), vec![]);
    assert!(!dir.join("src/old.rs").exists(), "the stale generated file is removed");
    assert!(
        dir.join("src/hand.rs").exists(),
        "a file without the marker is not the generator's"
    );
}
