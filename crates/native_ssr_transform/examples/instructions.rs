//! The fixed workloads of `benchmark/callgrind.sh`. Each is a function of its own, kept
//! out of line, so that callgrind can count exactly it: neither process start-up nor
//! reading the file is counted.
//!
//! ```text
//! instructions transform <file> [iterations]   ssr_transform as the Node binding calls it
//! instructions parse <file> [iterations]       its parse, alone: the floor
//! ```
//!
//! `<file>` may be a directory: each iteration then goes over every file in it, as an
//! app's many small modules do (the fixed cost of a call counts there).

use std::hint::black_box;

use native_ssr_transform::{OutputMap, TransformOptions, TransformOutput, parse, ssr_transform};

/// No input map, so a source map is generated, as for a module no plugin touched.
#[inline(never)]
fn transform_once(code: &str, url: &str) -> TransformOutput {
    ssr_transform(code, None, url, &TransformOptions::default()).unwrap_or_else(|error| panic!("{error}"))
}

/// The parse that every transform starts with, through the same entry point.
#[inline(never)]
fn parse_once(code: &str, url: &str) -> usize {
    parse::with_module(code, url, |program| Ok(program.body.len())).unwrap_or_else(|error| panic!("{error}"))
}

/// Bytes of code and mappings out, so that the result is used.
fn output_bytes(output: &TransformOutput) -> usize {
    let map_bytes = match &output.map {
        OutputMap::Generated { mappings } => mappings.len(),
        OutputMap::Input | OutputMap::Composed(_) => 0,
    };
    output.code.len() + map_bytes
}

fn main() {
    const USAGE: &str = "usage: instructions <transform|parse> <file> [iterations]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [workload, path, rest @ ..] = args.as_slice() else { panic!("{USAGE}") };
    let iterations: usize = rest.first().map_or(1, |n| n.parse().expect("iterations must be a whole number"));
    let modules = read_modules(path);
    let mut result = 0;
    for _ in 0..iterations {
        for (name, code) in &modules {
            result += match workload.as_str() {
                "transform" => output_bytes(&black_box(transform_once(black_box(code), name))),
                "parse" => parse_once(black_box(code), name),
                _ => panic!("{USAGE}"),
            };
        }
    }
    let bytes: usize = modules.iter().map(|(_, code)| code.len()).sum();
    println!("{workload} × {iterations}: {path} ({} modules, {bytes} bytes) -> {result}", modules.len());
}

/// The file at `path`, or every file in the directory at `path`, by name.
fn read_modules(path: &str) -> Vec<(String, String)> {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    let Ok(entries) = std::fs::read_dir(path) else { return vec![(path.to_owned(), read(path))] };
    let mut names: Vec<String> =
        entries.map(|entry| entry.expect("a readable directory").path().to_string_lossy().into_owned()).collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let code = read(&name);
            (name, code)
        })
        .collect()
}
