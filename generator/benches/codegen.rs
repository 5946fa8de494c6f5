//! Code generation against its floor: `generate` (load, lower, emit, format) for one endpoint and
//! for the whole Core API, against only parsing the document into `openapiv3`, in the same run.
//!
//! `cargo bench -p clientgen --bench codegen`

#[path = "../../generated/benches/common/mod.rs"]
mod common;

use std::hint::black_box;

use clientgen::{Config, OperationSelector};

const SPEC: &str = include_str!("../../spec/katapult-core-openapi.json");
const CONFIG: &str = include_str!("../../spec/codegen.yaml");

fn main() {
    // The project's config generates every operation; the one-endpoint case selects one.
    let mut whole = Config::from_yaml(CONFIG).expect("config");
    whole.operations = vec![OperationSelector::All];
    let mut one_endpoint = whole.clone();
    one_endpoint.operations = vec![OperationSelector::Id(
        "post:object_storage_access_key_generate_credentials".to_owned(),
    )];
    one_endpoint.features.default.clear();

    let mut c = common::criterion();
    let mut group = c.benchmark_group("codegen");
    group.sample_size(20);
    group.bench_function("parse floor", |b| {
        b.iter(|| serde_json::from_str::<openapiv3::OpenAPI>(black_box(SPEC)).expect("parses"))
    });
    group.bench_function("generate one endpoint", |b| {
        b.iter(|| clientgen::generate(black_box(SPEC), &one_endpoint, "spec").expect("generates"))
    });
    group.bench_function("generate whole document", |b| {
        b.iter(|| clientgen::generate(black_box(SPEC), &whole, "spec").expect("generates"))
    });
    group.finish();
    c.final_summary();

    common::report(
        "Code generation (time ratio to parsing the document)",
        "codegen",
        &[
            ("parse floor", "generate one endpoint", 2.0),
            ("parse floor", "generate whole document", 10.0),
        ],
    );
}
