//! Times each stage of generating the whole Core API on one thread (a quick look at where the
//! time goes, not a benchmark): `cargo run --release -p clientgen --example stage_times`; with
//! `-- one`, the one endpoint of the `codegen` bench; with `-- PATH`, every operation of another
//! document, with the default config.

use std::time::{Duration, Instant};

fn main() {
    let argument = std::env::args().nth(1);
    let other = argument.as_deref().filter(|a| *a != "one");
    let path = other.unwrap_or("spec/katapult-core-openapi.json");
    let spec = std::fs::read_to_string(path).expect("run from the project root, or give a readable document");
    let mut config = match other {
        Some(_) => clientgen::Config::new(),
        None => clientgen::Config::from_yaml(&std::fs::read_to_string("spec/codegen.yaml").expect("config"))
            .expect("config"),
    };
    config.operations = vec![clientgen::OperationSelector::All];
    if argument.as_deref() == Some("one") {
        config.operations = vec![clientgen::OperationSelector::Id(
            "post:object_storage_access_key_generate_credentials".to_owned(),
        )];
        config.features.default.clear();
    }
    for _ in 0..5 {
        let started = Instant::now();
        let document = clientgen::load::load(&spec).expect("load");
        let load = started.elapsed();
        let started = Instant::now();
        let api = clientgen::lower::lower(&document, &config, "spec").expect("lower");
        let lower = started.elapsed();
        let (mut emit, mut parse, mut print) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        for job in clientgen::emit::jobs(&api) {
            let started = Instant::now();
            let file = clientgen::emit::emit_file(&api, job);
            emit += started.elapsed();
            let started = Instant::now();
            let parsed: syn::File = syn::parse2(file.body).expect("parses");
            parse += started.elapsed();
            let started = Instant::now();
            std::hint::black_box(prettyplease::unparse(&parsed));
            print += started.elapsed();
        }
        println!("load {load:?}  lower {lower:?}  emit {emit:?}  syn::parse2 {parse:?}  prettyplease {print:?}");
    }
}
