//! Golden files of the Rust emitted for `fixtures/mini.yaml`. After an intended change to the
//! output, refresh them with `UPDATE_EXPECT=1 cargo test -p clientgen --test generator snapshots`.

use clientgen::Config;
use expect_test::expect_file;

fn generated(path: &str) -> String {
    let config = Config::from_yaml(include_str!("fixtures/mini-config.yaml")).expect("config");
    let files = clientgen::generate(include_str!("fixtures/mini.yaml"), &config, "tests/fixtures/mini.yaml")
        .expect("generates");
    let file = files
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no file {path}"));
    file.contents
}

#[test]
fn types() {
    expect_file!["snapshots/mini/types.rs"].assert_eq(&generated("types.rs"));
}

#[test]
fn operations() {
    // The fixture's operations have no tags, so they all go in `other`.
    expect_file!["snapshots/mini/operations.rs"].assert_eq(&generated("operations/other.rs"));
    expect_file!["snapshots/mini/operations_mod.rs"].assert_eq(&generated("operations/mod.rs"));
}

#[test]
fn client_and_index() {
    expect_file!["snapshots/mini/client.rs"].assert_eq(&generated("client.rs"));
    expect_file!["snapshots/mini/mod.rs"].assert_eq(&generated("mod.rs"));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(generated("types.rs"), generated("types.rs"));
    assert_eq!(generated("operations/other.rs"), generated("operations/other.rs"));
}
