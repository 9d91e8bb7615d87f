//! The fuzz targets' properties (fuzz/src/lib.rs), checked on every saved finding in
//! fuzz/regressions/<target>/ and on hostile inputs, so that they keep holding without a
//! fuzzer run, and so that the properties themselves keep compiling with the crate.

#[path = "../../../fuzz/src/lib.rs"]
mod properties;

use std::path::Path;

/// Runs `property` on each file of fuzz/regressions/`target`/ (none yet is fine).
fn replay_findings(target: &str, property: fn(&str)) {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&directory) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // As the fuzz targets: input that is not UTF-8 never reaches the API.
        if let Ok(code) = std::str::from_utf8(&bytes) {
            property(code);
        }
    }
}

/// Inputs at the edges of what the transform handles: nesting, line terminators, BOM,
/// NUL, hashbangs, non-ASCII text and every import and export form.
fn hostile_inputs() -> Vec<String> {
    let nested = |open: &str, close: &str, depth: usize| {
        format!("import {{ a }} from 'a'\nx = {}a{}\n", open.repeat(depth), close.repeat(depth))
    };
    let mut inputs: Vec<String> = [
        "",
        "\u{feff}import a from 'a'\r\nexport default a\r\n",
        "#!/usr/bin/env node\u{2028}import a from 'a'\na()",
        "import { a } from 'a'\rexport { a }\u{2029}a('\0')",
        "import * as ns from 'ns'; export * from 'x'; export * as y from 'y'; export { z as \"😀\" } from 'z'",
        "import { a } from 'a'; ({ a } = o); for ({ a } of []); class C { static { var a } }",
        "export default class extends (await import('b')).B { [import.meta.url] = `${'é'}` }",
        "import a, { b as c } from 'a'; export { c as default }; c`t${a}`",
        "let x = ;",
        "export /* c */ default function f() {}",
    ]
    .map(str::to_owned)
    .to_vec();
    for depth in [1_000, 10_000] {
        for (open, close) in [("(", ")"), ("[", "]"), ("function f(){", "}"), ("`${", "}`")] {
            inputs.push(nested(open, close, depth));
        }
    }
    inputs
}

#[test]
fn saved_ssr_transform_findings_hold() {
    replay_findings("ssr_transform", properties::ssr_transform_holds);
}

#[test]
fn saved_transform_cjs_import_findings_hold() {
    replay_findings("transform_cjs_import", properties::cjs_interop_holds);
}

#[test]
fn properties_hold_on_hostile_inputs() {
    for input in hostile_inputs() {
        properties::ssr_transform_holds(&input);
        properties::cjs_interop_holds(&input);
    }
}
