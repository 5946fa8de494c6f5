//! `cargo clientgen new` on the OpenAPI Initiative's examples: each new crate builds and passes
//! `clippy -D warnings` with every feature and with no tag (TLS by `rustls-ring`), its generated
//! `--check` passes, a hand-edited generated file is caught and restored, and a new tag in a newer
//! document is a clear error until the manifest declares its feature.

use std::fs;
use std::path::{Path, PathBuf};

use cargo_clientgen::{NewCrate, new_crate, regenerate};
use clientgen::project::{Drift, Mode};
use xtask::project_root;

const EXAMPLES: &[&str] = &[
    "petstore.yaml",
    "petstore-expanded.yaml",
    "uspto.yaml",
    "api-with-examples.yaml",
    "callback-example.yaml",
    "link-example.yaml",
    "v3.1/mega.yaml",
    "v3.1/non-oauth-scopes.yaml",
];

/// A fresh directory outside this workspace, as a user's would be.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cargo-clientgen-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// A new crate for `file`, in a directory of its own for `test` (tests run side by side).
fn new_example(test: &str, file: &str) -> PathBuf {
    let dir = scratch(&format!("{test}-{}", crate_name(file)));
    new_example_in(&dir, file);
    dir
}

/// `petstore-client` for `v3.1/petstore.yaml`.
fn crate_name(file: &str) -> String {
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("x")
        .replace('.', "-");
    format!("{stem}-client")
}

/// `cargo clientgen new` for `file` into `dir`, pinned to this project's dependency versions.
fn new_example_in(dir: &Path, file: &str) {
    let root = project_root();
    let request = NewCrate {
        dir: dir.to_path_buf(),
        spec: root.join("generator/tests/fixtures/openapi-examples").join(file),
        name: Some(crate_name(file)),
        runtime_path: Some(root.join("runtime")),
        ..NewCrate::default()
    };
    new_crate(&request).unwrap_or_else(|e| panic!("{file}: {e}"));
    // Pinned to this project's versions, as its own tests are.
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
}

/// What a user writes against the petstore's crate, with no dependency but it: a `&str` for a
/// path parameter, the crate's `StatusCode`, the error object shown with `{}`, the stream trait
/// of the listings and the uuid crate through its re-exports.
const PETSTORE_USER: &str = r#"
use petstore_client::{Client, Error, ShowPetByIdError, StatusCode, StreamExt};

async fn name_of(client: &Client, id: &str) -> Result<Option<String>, String> {
    match client.show_pet_by_id(id).await {
        Ok(pet) => Ok(Some(pet.into_body().name)),
        Err(error) if error.status() == Some(StatusCode::NOT_FOUND) => Ok(None),
        Err(Error::Api(error)) => match &error.error {
            ShowPetByIdError::Other { status, body } if *status == StatusCode::INTERNAL_SERVER_ERROR => {
                Err(format!("the server failed: {body}"))
            }
            other => Err(format!("{} {other}", other.status())),
        },
        Err(other) => Err(other.to_string()),
    }
}

fn needs_stream_ext<S: StreamExt>(_: &S) {}

fn main() {
    let _ = name_of;
    let _ = needs_stream_ext::<futures_like::Never>;
    let id = petstore_client::uuid::Uuid::nil();
    assert_eq!(id.to_string(), "00000000-0000-0000-0000-000000000000");
}

mod futures_like {
    /// A stream of nothing, so that the example names `StreamExt` without another crate.
    pub struct Never;
    impl petstore_client::Stream for Never {
        type Item = ();
        fn poll_next(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<()>> {
            std::task::Poll::Ready(None)
        }
    }
}
"#;

/// Every tag, the mocks and every TLS backend at once.
const ALL_FEATURES: &[&str] = &["--all-features"];

/// No tag, and the TLS backend that is not the default alone: this also checks that the runtime
/// builds with `rustls-ring` by itself, which no other build of the workspace does.
const NO_TAGS: &[&str] = &["--no-default-features", "--features", "rustls-ring"];

/// Writes the manifest of a workspace in `base` whose members are the crates in the folders
/// `members`. With `aligned`, one more member builds their third-party dependencies with this
/// workspace's features (`xtask::align`), so that a build of them all reuses what this workspace's
/// own builds compiled; without it, they resolve by themselves, as a user's crate would (the runtime's
/// TLS backends alone are checked that way).
fn workspace_around(base: &Path, members: &[String], aligned: bool) {
    let manifest = |members: &[String]| {
        let quoted: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
        let text = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", quoted.join(", "));
        fs::write(base.join("Cargo.toml"), text).expect("workspace manifest");
    };
    manifest(members);
    if !aligned {
        return;
    }
    let dependencies = xtask::align::aligned_dependencies(&project_root(), base).unwrap_or_else(|e| panic!("{e}"));
    let alignment = base.join("feature-alignment");
    fs::create_dir_all(alignment.join("src")).expect("alignment crate");
    let package = "[package]\nname = \"feature-alignment\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n";
    fs::write(
        alignment.join("Cargo.toml"),
        format!("{package}\n[dependencies]\n{dependencies}"),
    )
    .expect("alignment manifest");
    fs::write(alignment.join("src/lib.rs"), "//! Dependency features only.\n").expect("alignment lib");
    let mut with_alignment = members.to_vec();
    with_alignment.push("feature-alignment".to_owned());
    manifest(&with_alignment);
}

#[test]
fn every_example_becomes_a_crate_that_builds_lints_clean_and_checks() {
    let root = project_root();
    // Each crate is what `cargo clientgen new` writes; they are linted side by side, as members
    // of one workspace around them, so that one cargo run per feature set checks them all.
    let base = scratch("examples");
    let mut members = Vec::with_capacity(EXAMPLES.len());
    for file in EXAMPLES {
        let name = crate_name(file);
        let dir = base.join(&name);
        new_example_in(&dir, file);
        if *file == "petstore.yaml" {
            fs::create_dir_all(dir.join("examples")).expect("examples");
            fs::write(dir.join("examples/user.rs"), PETSTORE_USER).expect("user program");
            let manifest = dir.join("Cargo.toml");
            let text = fs::read_to_string(&manifest).expect("manifest");
            let example = "\n[[example]]\nname = \"user\"\nrequired-features = [\"pets\"]\n";
            fs::write(&manifest, text + example).expect("manifest");
        }
        members.push(name);
    }
    fs::copy(root.join("Cargo.lock"), base.join("Cargo.lock")).expect("lock file");
    for features in [ALL_FEATURES, NO_TAGS] {
        workspace_around(&base, &members, features == ALL_FEATURES);
        let mut args = vec!["clippy", "--workspace", "--all-targets", "--quiet"];
        args.extend_from_slice(features);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        xtask::cargo_in(&root, &base, &args).unwrap_or_else(|e| panic!("{features:?}: {e}"));
    }
    for file in EXAMPLES {
        let (_, drift) =
            regenerate(&base.join(crate_name(file)), Mode::Check).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(drift.is_empty(), "{file}: {drift:?}");
    }
    let _ = fs::remove_dir_all(&base);
}

/// A document written by an attacker: code blocks of every kind in its descriptions, summaries,
/// title and names, tags that try to write TOML or take the crate's own feature names, control,
/// bidi and zero-width characters everywhere (and shapes that once broke the build: a brace in a
/// path, seven path parameters, a recursive request body). The new crate's manifest holds only what the tool
/// writes, it builds and lints clean with every feature and none, and its doc tests run nothing
/// the document wrote (that code would leave a file behind).
#[test]
fn a_hostile_document_runs_no_code_and_writes_nothing_into_the_manifest() {
    let root = project_root();
    let ran = std::env::temp_dir().join("clientgen-hostile-doctest-ran");
    let _ = fs::remove_file(&ran);
    let base = scratch("hostile");
    let dir = base.join("hostile-client");
    new_crate(&NewCrate {
        dir: dir.clone(),
        spec: root.join("generator/tests/fixtures/hostile.json"),
        name: Some("hostile-client".to_owned()),
        runtime_path: Some(root.join("runtime")),
        ..NewCrate::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    fs::copy(root.join("Cargo.lock"), base.join("Cargo.lock")).expect("lock file");

    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
    let tables: Vec<&str> = manifest.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(
        tables,
        [
            "[package]",
            "[package.metadata.clientgen]",
            "[package.metadata.docs.rs]",
            "[dependencies]",
            "[features]"
        ],
        "{manifest}"
    );
    for feature in [
        "tag-full = []",
        "tag-default = []",
        "tag-mock = []",
        "mock = [\"clientgen-runtime/mock\"]",
    ] {
        assert!(manifest.contains(feature), "{feature} in {manifest}");
    }
    assert!(!manifest.contains('\0'), "{manifest}");

    let members = ["hostile-client".to_owned()];
    // Every feature last: the doc tests below build in that workspace, aligned.
    for features in [NO_TAGS, ALL_FEATURES] {
        workspace_around(&base, &members, features == ALL_FEATURES);
        let mut args = vec!["clippy", "--workspace", "--all-targets", "--quiet"];
        args.extend_from_slice(features);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        xtask::cargo_in(&root, &base, &args).unwrap_or_else(|e| panic!("{e}"));
    }
    let doc_tests = ["test", "--workspace", "--doc", "--all-features", "--quiet"];
    xtask::cargo_in(&root, &base, &doc_tests).unwrap_or_else(|e| panic!("{e}"));
    assert!(!ran.exists(), "a doc test ran code from the document");
    let readme = fs::read_to_string(dir.join("README.md")).expect("readme");
    // The title is one line of text in the README (which is the crate's documentation too).
    assert!(
        readme.contains("for Evil \\`\\`\\` std") && readme.contains("\\<script\\>"),
        "{readme}"
    );
    let _ = fs::remove_dir_all(&base);
}

#[test]
fn regenerating_touches_only_the_generated_modules_and_check_catches_edits() {
    let dir = new_example("edits", "petstore.yaml");
    let manifest = dir.join("Cargo.toml");
    let lib = dir.join("src/lib.rs");
    // The user's own edits outside src/generated/ survive regeneration.
    fs::write(
        &manifest,
        fs::read_to_string(&manifest).expect("manifest") + "\n# mine\n",
    )
    .expect("edit");
    fs::write(&lib, fs::read_to_string(&lib).expect("lib") + "\npub fn mine() {}\n").expect("edit");
    let types = dir.join("src/generated/types.rs");
    fs::write(&types, "// @generated by `cargo clientgen` edited by hand\n").expect("edit");
    let (_, drift) = regenerate(&dir, Mode::Check).expect("checks");
    assert_eq!(
        drift,
        [Drift::Differs(
            fs::canonicalize(dir.join("src/generated"))
                .expect("dir")
                .join("types.rs")
        )]
    );
    let (_, written) = regenerate(&dir, Mode::Write).expect("regenerates");
    assert_eq!(written.len(), 1);
    let (_, drift) = regenerate(&dir, Mode::Check).expect("checks");
    assert!(drift.is_empty(), "{drift:?}");
    assert!(fs::read_to_string(&manifest).expect("manifest").ends_with("# mine\n"));
    assert!(fs::read_to_string(&lib).expect("lib").contains("pub fn mine()"));
    assert!(
        fs::read_to_string(&types)
            .expect("types")
            .starts_with("// @generated by `cargo clientgen` from spec/petstore.yaml.")
    );

    // A newer document with a new tag: an error that says which feature to add, until it is.
    let spec = dir.join("spec/petstore.yaml");
    let newer = fs::read_to_string(&spec)
        .expect("spec")
        .replace("      tags:\n        - pets\n", "      tags:\n        - store\n");
    assert!(newer.contains("- store"), "the fixture lists its tags as expected");
    fs::write(&spec, newer).expect("newer spec");
    let error = regenerate(&dir, Mode::Check).expect_err("a feature is missing");
    assert!(error.contains("(store)") && error.contains("store = []"), "{error}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_new_crate_is_not_written_over_anything_nor_for_a_broken_document() {
    let root = project_root();
    let dir = scratch("taken");
    fs::create_dir_all(&dir).expect("dir");
    fs::write(dir.join("keep.txt"), "mine").expect("file");
    let request = NewCrate {
        dir: dir.clone(),
        spec: root.join("generator/tests/fixtures/openapi-examples/petstore.yaml"),
        name: Some("taken".to_owned()),
        ..NewCrate::default()
    };
    let error = new_crate(&request).expect_err("not empty");
    assert!(error.contains("not empty"), "{error}");
    assert_eq!(fs::read_to_string(dir.join("keep.txt")).expect("kept"), "mine");

    let broken = scratch("broken-spec");
    fs::create_dir_all(&broken).expect("dir");
    let spec = broken.join("swagger.yaml");
    fs::write(&spec, "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n").expect("spec");
    let target = scratch("broken");
    let error = new_crate(&NewCrate {
        dir: target.clone(),
        spec,
        name: Some("broken".to_owned()),
        ..NewCrate::default()
    })
    .expect_err("Swagger 2.0");
    assert!(error.contains("#/swagger"), "{error}");
    assert!(
        !target.exists(),
        "nothing is written for a document the generator refuses"
    );
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::remove_dir_all(&broken);
}

/// A new crate leaves this repository: written without `--runtime-path`, it depends on
/// `clientgen-runtime` by version only. Moved to a folder of its own, beside a vendored copy of
/// the registry that holds the runtime as `cargo package` makes it (and every other dependency,
/// from this workspace's lock; no `[patch]`), it packages as `cargo publish` would, and the
/// package compiles against the runtime's package.
#[test]
fn a_new_crate_moved_away_publishes_against_the_runtime_by_version() {
    let root = project_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let base = scratch("moved");
    let vendor = base.join("vendor");
    // A target directory of its own: cargo fingerprints a dependency by where its sources are,
    // so a build from the vendored copy in the shared one would rebuild, and overwrite, the other
    // builds' compiled dependencies of the same name.
    let target = root.join("target/moved-crate");
    let run_in = |target: &Path, dir: &Path, args: &[&str]| {
        let (subcommand, rest) = args.split_first().expect("a cargo subcommand");
        let output = std::process::Command::new(&cargo)
            .arg(subcommand)
            .args(xtask::workspace_settings(&root))
            .args(rest)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .output()
            .unwrap_or_else(|e| panic!("cargo {args:?}: {e}"));
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "cargo {args:?} in {}:\n{stderr}",
            dir.display()
        );
        stderr
    };
    let run = |dir: &Path, args: &[&str]| run_in(&target, dir, args);
    run(
        &root,
        &[
            "vendor",
            "--versioned-dirs",
            "--locked",
            "-q",
            &vendor.to_string_lossy(),
        ],
    );
    run(
        &root,
        &[
            "package",
            "-q",
            "-p",
            "clientgen-runtime",
            "--no-verify",
            "--allow-dirty",
            "--locked",
        ],
    );
    unpack(&target.join("package/clientgen-runtime-0.1.0.crate"), &vendor);
    // A directory source lists each file's checksum; none listed means none checked.
    fs::write(
        vendor.join("clientgen-runtime-0.1.0/.cargo-checksum.json"),
        r#"{"files":{},"package":null}"#,
    )
    .expect("checksum file");

    let dir = base.join("petstore-client");
    new_crate(&NewCrate {
        dir: dir.clone(),
        spec: root.join("generator/tests/fixtures/openapi-examples/petstore.yaml"),
        license: Some("MIT OR Apache-2.0".to_owned()),
        repository: Some("https://example.com/petstore-client".to_owned()),
        ..NewCrate::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
    assert!(
        manifest.contains("clientgen-runtime = { version = \"0.1.0\", default-features = false }"),
        "{manifest}"
    );
    assert!(!manifest.contains("path ="), "{manifest}");
    for line in [
        "license = \"MIT OR Apache-2.0\"",
        "rust-version = \"1.88\"",
        "[package.metadata.clientgen]",
    ] {
        assert!(manifest.contains(line), "{line} in {manifest}");
    }
    // Beside both the new crate and the package unpacked below.
    fs::create_dir_all(base.join(".cargo")).expect(".cargo");
    fs::write(
        base.join(".cargo/config.toml"),
        format!(
            "[source.crates-io]\nreplace-with = \"vendored\"\n\n[source.vendored]\ndirectory = {:?}\n",
            vendor.to_string_lossy()
        ),
    )
    .expect("cargo config");
    // The same dependency versions as this workspace.
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    // Packaged as `cargo publish` would (the manifest checked for crates.io, the runtime resolved
    // by version from the registry) ...
    let report = run(
        &dir,
        &[
            "publish",
            "--dry-run",
            "--allow-dirty",
            "--registry",
            "crates-io",
            "--no-verify",
        ],
    );
    assert!(report.contains("Packaged"), "{report}");
    assert!(report.contains("aborting upload due to dry run"), "{report}");
    // ... and the package itself, unpacked, checked against the runtime's package: the compile
    // errors `publish`'s own verification build would find, for the cost of a check. With
    // `rustls-ring` alone, as the crates of the first test are linted without tags: the
    // dependencies resolve to the same features, so their checks are shared (with no TLS
    // backend, reqwest and everything under it were checked once more for this build alone).
    // `cargo package` writes the same `.crate` where its name is known (a dry run's is not).
    run(&dir, &["package", "--no-verify", "--allow-dirty", "-q"]);
    // Away from the vendored copy, in the workspace's target directory: the other dependencies
    // come from crates.io as the workspace's do, so their compiled checks are shared (from the
    // vendored sources, each of them was checked once more, a minute of CPU), and the runtime's
    // package stands in for crates.io's by version: the new crate still asks for `0.1.0`.
    let away = scratch("moved-package");
    fs::create_dir_all(&away).expect("a folder for the package");
    unpack(&target.join("package/petstore-client-0.1.0.crate"), &away);
    let unpacked = away.join("petstore-client-0.1.0");
    fs::copy(root.join("Cargo.lock"), unpacked.join("Cargo.lock")).expect("lock file");
    let runtime_package = format!(
        "patch.crates-io.clientgen-runtime.path={:?}",
        vendor.join("clientgen-runtime-0.1.0").to_string_lossy()
    );
    run_in(
        &root.join("target"),
        &unpacked,
        &[
            "check",
            "--config",
            &runtime_package,
            "--all-targets",
            "--no-default-features",
            "--features",
            "full,rustls-ring",
        ],
    );
    let _ = fs::remove_dir_all(&base);
    let _ = fs::remove_dir_all(&away);
}

/// Unpacks a `.crate` file (a gzipped tar of `<name>-<version>/`) into `into`.
fn unpack(packaged: &Path, into: &Path) {
    let untar = std::process::Command::new("tar")
        .arg("xzf")
        .arg(packaged)
        .arg("-C")
        .arg(into)
        .status()
        .expect("tar");
    assert!(untar.success(), "unpacking {}", packaged.display());
}
