//! Runs the generator on a document with `operations: [all]` and prints the first error, if any:
//! `cargo run -p clientgen --example try_spec -- PATH [CONFIG]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: try_spec PATH [CONFIG]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let config = match args.next() {
        Some(config) => {
            let text = std::fs::read_to_string(&config).unwrap_or_else(|e| panic!("{config}: {e}"));
            clientgen::Config::from_yaml(&text).unwrap_or_else(|e| panic!("{config}: {e}"))
        }
        None => clientgen::Config::new().operation(clientgen::OperationSelector::All),
    };
    match clientgen::generate(&text, &config, &path) {
        Ok(files) => println!("{path}: {} files", files.len()),
        Err(e) => println!("{path}: {e}"),
    }
}
