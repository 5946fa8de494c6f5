//! What every benchmark of this project shares: criterion set up to write where the ratios are read
//! from, and the ratios themselves, taken from the medians criterion measured in the same run.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

/// `<workspace>/target/criterion`, wherever the bench runs from.
pub fn output_directory() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workspace = here.parent().map(PathBuf::from).unwrap_or(here);
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"))
        .join("criterion")
}

pub fn criterion() -> Criterion {
    Criterion::default()
        .output_directory(&output_directory())
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

/// The median time of one benchmark of this run, in nanoseconds.
pub fn median_ns(group: &str, id: &str) -> Option<f64> {
    // criterion turns `/` in an id into `_` in its directory name.
    let path = output_directory()
        .join(group)
        .join(id.replace('/', "_"))
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// Prints `candidate / floor` (time) for each pair, with the goal it is held to.
/// `goal` is the largest acceptable time ratio; `f64::INFINITY` for a figure shown without a goal.
pub fn report(title: &str, group: &str, pairs: &[(&str, &str, f64)]) {
    println!("\n{title}");
    println!(
        "{:<72} {:>12} {:>12} {:>8} {:>6}",
        "candidate / floor", "floor", "candidate", "ratio", "goal"
    );
    for (floor, candidate, goal) in pairs {
        match (median_ns(group, floor), median_ns(group, candidate)) {
            (Some(f), Some(c)) => {
                let ratio = c / f;
                let verdict = match goal.is_finite() {
                    false => "",
                    true if ratio <= *goal => "met",
                    true => "MISSED",
                };
                let goal = if goal.is_finite() {
                    format!("≤{goal}")
                } else {
                    "-".to_owned()
                };
                println!(
                    "{:<72} {:>12} {:>12} {:>8.2} {:>6} {verdict}",
                    format!("{candidate} / {floor}"),
                    human(f),
                    human(c),
                    ratio,
                    goal
                );
            }
            _ => println!("{candidate} / {floor}: not measured in this run (filtered out?)"),
        }
    }
}

fn human(ns: f64) -> String {
    match ns {
        ns if ns >= 1e9 => format!("{:.2} s", ns / 1e9),
        ns if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        ns if ns >= 1e3 => format!("{:.2} µs", ns / 1e3),
        ns => format!("{ns:.0} ns"),
    }
}
