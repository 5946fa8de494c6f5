//! Times each stage of generating the whole Core API once (a quick look, not a benchmark).
use std::time::Instant;

fn main() {
    let spec = std::fs::read_to_string("spec/katapult-core-openapi.json").expect("spec");
    let mut config =
        clientgen::Config::from_yaml(&std::fs::read_to_string("spec/codegen.yaml").expect("cfg")).expect("cfg");
    config.operations = vec![clientgen::OperationSelector::All];
    for _ in 0..3 {
        let t = Instant::now();
        let doc = clientgen::load::load(&spec).expect("load");
        let t_load = t.elapsed();
        let t = Instant::now();
        let api = clientgen::lower::lower(&doc, &config, "spec").expect("lower");
        let t_lower = t.elapsed();
        let t = Instant::now();
        let files = clientgen::emit::emit(&api);
        let t_emit = t.elapsed();
        let mut parse = std::time::Duration::ZERO;
        let mut unparse = std::time::Duration::ZERO;
        for f in files {
            if let clientgen::emit::FileBody::Rust(tokens) = f.body {
                let t = Instant::now();
                let file: syn::File = syn::parse2(tokens).expect("parse");
                parse += t.elapsed();
                let t = Instant::now();
                let text = prettyplease::unparse(&file);
                unparse += t.elapsed();
                std::hint::black_box(text);
            }
        }
        println!("load {t_load:?} lower {t_lower:?} emit {t_emit:?} syn::parse2 {parse:?} prettyplease {unparse:?}");
    }
}
