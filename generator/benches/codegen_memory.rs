//! Peak heap use of code generation, against parsing the document alone, counted by a global
//! allocator (kept out of `codegen.rs`, whose timings it would skew).
//!
//! `cargo bench -p clientgen --bench codegen_memory`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use clientgen::{Config, OperationSelector};

const SPEC: &str = include_str!("../../spec/katapult-core-openapi.json");
const CONFIG: &str = include_str!("../../spec/codegen.yaml");

/// Counts live heap bytes and their high-water mark; a few lines, so no crate for it.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes above what was live when `f` started.
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = f();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    drop(result);
    peak
}

fn main() {
    // The project's config generates every operation; the one-endpoint case selects one.
    let mut whole = Config::from_yaml(CONFIG).expect("config");
    whole.operations = vec![OperationSelector::All];
    let mut one_endpoint = whole.clone();
    one_endpoint.operations = vec![OperationSelector::Id(
        "post:object_storage_access_key_generate_credentials".to_owned(),
    )];
    one_endpoint.features.default.clear();
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let parse = peak_of(|| serde_json::from_str::<openapiv3::OpenAPI>(SPEC).expect("parses"));
    let one = peak_of(|| clientgen::generate(SPEC, &one_endpoint, "spec").expect("generates"));
    let all = peak_of(|| clientgen::generate(SPEC, &whole, "spec").expect("generates"));
    println!("\nPeak heap (document {:.2} MiB)", mib(SPEC.len()));
    println!("  parse floor               {:>8.1} MiB", mib(parse));
    println!(
        "  generate one endpoint     {:>8.1} MiB  ({:.2}x the floor)",
        mib(one),
        one as f64 / parse as f64
    );
    println!(
        "  generate whole document   {:>8.1} MiB  ({:.2}x the floor)",
        mib(all),
        all as f64 / parse as f64
    );
}
