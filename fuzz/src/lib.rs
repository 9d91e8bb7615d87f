//! The properties the fuzz targets check, as functions that panic with a description of
//! the input when a property fails. Shared by the cargo-fuzz targets and by the crate's
//! `tests/fuzz_properties.rs`, which replays saved findings and hostile inputs through them.
//!
//! `ssr_transform`, for any UTF-8 input:
//! - it does not panic; it refuses a module that parses only with a clear error: a parse
//!   error located in the input (the crate reports early errors oxc leaves out, so
//!   whether a refusal is right is judged with native Node, by fuzz/differential.mjs),
//!   or the documented lone-surrogate specifier error;
//! - its output compiles as Vite's module runner compiles it: the strict body of an async
//!   function (and, when the input has no early error, the output has none either);
//! - `deps` holds exactly the sources of the static imports and re-exports, and
//!   `dynamicDeps` those of the literal `import()`s;
//! - every source-map segment lies inside the output and points inside the original.
//!
//! `transform_cjs_import` and `rewrite_cjs_imports`, for any UTF-8 input:
//! - they do not panic;
//! - what they produce for a valid import statement or module parses as a module, and
//!   imports every rewritten url in place of the original specifiers;
//! - every segment of `rewrite_cjs_imports`'s map points inside the original.

use std::collections::BTreeSet;

use native_ssr_transform::cjs_interop::{
    CjsImport, CjsImportRequest, Format, rewrite_cjs_imports, transform_cjs_import,
};
use native_ssr_transform::parse::parse_module;
use native_ssr_transform::sourcemap::{Lines, Origin, Segment, Utf16Len, decode, encode};
use native_ssr_transform::{
    ErrorKind, ExportStyle, InputMap, OutputMap, TransformOptions, TransformOutput, ssr_transform,
};
use oxc_allocator::Allocator;
use oxc_ast::ast::{Expression, ImportExpression, Program, Statement, StringLiteral};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;
use oxc_span::{GetSpan, SourceType};

const URL: &str = "/src/fuzz.js";
const CJS_IMPORTER: &str = "/src/importer.js";
const CJS_URL: &str = "/node_modules/.vite/deps/dep.js?v=0123abcd";
/// The parameters of the function the module runner compiles a module into.
const RUNNER_PARAMETERS: &str = "__vite_ssr_exports__,__vite_ssr_import_meta__,__vite_ssr_import__,\
__vite_ssr_dynamic_import__,__vite_ssr_exportAll__,__vite_ssr_exportName__";
/// The checks parse and analyse inputs as deep as the fuzzer makes them, on the fuzzer's
/// thread; the transform sizes its own stack, the checks run on this much.
const CHECK_STACK: usize = 1 << 30;

/// The options an input is transformed with, chosen from the input's length so that a
/// saved input reproduces with the same options while the corpus stays plain JavaScript.
#[derive(Debug, Clone, Copy)]
enum Variant {
    Default,
    DefineProperty,
    StrictEsm,
    /// Default options, composed with an identity map of the input.
    ComposedWithInputMap,
}

impl Variant {
    const ALL: [Variant; 4] = [Self::Default, Self::DefineProperty, Self::StrictEsm, Self::ComposedWithInputMap];

    fn of(code: &str) -> Self {
        Self::ALL[code.len() % Self::ALL.len()]
    }

    fn options(self) -> TransformOptions {
        TransformOptions {
            export_style: match self {
                Self::DefineProperty => ExportStyle::DefineProperty,
                _ => ExportStyle::ExportName,
            },
            strict_esm: matches!(self, Self::StrictEsm),
            ..TransformOptions::default()
        }
    }
}

/// Checks every `ssr_transform` property on `code`.
pub fn ssr_transform_holds(code: &str) {
    let variant = Variant::of(code);
    let in_map = matches!(variant, Variant::ComposedWithInputMap).then(|| identity_map(code));
    let result = ssr_transform(code, in_map.as_ref(), URL, &variant.options());
    stacker::grow(CHECK_STACK, || {
        let allocator = Allocator::default();
        let Ok(input) = parse_module(&allocator, code, URL) else {
            assert!(result.is_err(), "{variant:?}: an input that does not parse was transformed: {code:?}");
            return;
        };
        let output = match result {
            Ok(output) => output,
            Err(error) => {
                let clear = match error.kind {
                    ErrorKind::Parse => error.pos.is_none_or(|pos| pos <= code.utf16_len()),
                    // The documented limit: such a specifier cannot reach `deps` unchanged.
                    ErrorKind::InvalidInput => has_lone_surrogate_specifier(&input),
                    ErrorKind::Internal => false,
                };
                assert!(clear, "{variant:?}: a module that parses was refused ({}): {code:?}", error.message);
                return;
            }
        };
        let context = || format!("{variant:?}, input {code:?}, output {:?}", output.code);
        assert_compiles_in_module_runner(&output.code, has_no_early_error(&input), &context);
        assert_deps_are_the_imports(&input, &output, &context);
        assert_map_inside(code, &output.code, mappings_of(&output), &context);
    });
}

/// Checks every property of the CommonJS interop on `code`: `transform_cjs_import` on
/// each import or export statement and on the whole input, `rewrite_cjs_imports` on the
/// whole input with a request for every specifier.
pub fn cjs_interop_holds(code: &str) {
    let format = if code.len().is_multiple_of(2) { Format::Current } else { Format::Legacy };
    let node_mode = code.len() % 4 >= 2;
    let whole_input = transform_cjs_import(code, CJS_URL, "dep", 0, CJS_IMPORTER, node_mode, format);
    stacker::grow(CHECK_STACK, || {
        let allocator = Allocator::default();
        let Ok(input) = parse_module(&allocator, code, CJS_IMPORTER) else {
            assert!(whole_input.is_err(), "an input that does not parse was transformed: {code:?}");
            return;
        };
        for (index, statement) in input.body.iter().enumerate() {
            if let Some(source) = static_source(statement) {
                let span = statement.span();
                let text = &code[span.start as usize..span.end as usize];
                let raw_url = &code[source.span.start as usize + 1..source.span.end as usize - 1];
                let result = transform_cjs_import(text, CJS_URL, raw_url, index, CJS_IMPORTER, node_mode, format)
                    .unwrap_or_else(|e| panic!("{text:?} parsed in {code:?} but not alone: {}", e.message));
                assert_cjs_import_is_valid(text, &result, format);
            }
        }
        assert_rewritten_module_is_valid(code, &input, node_mode);
    });
}

/// A map from `code` to itself with a segment at every line start and after every space.
fn identity_map(code: &str) -> InputMap {
    let lines: Lines = code
        .split('\n')
        .enumerate()
        .map(|(line, text)| {
            let mut segments = Vec::new();
            let mut column = 0;
            let mut after_space = true;
            for c in text.chars() {
                if after_space {
                    let origin = Origin { source: 0, line: line as u32, column, name: None };
                    segments.push(Segment { generated_column: column, origin: Some(origin) });
                }
                after_space = c == ' ';
                column += c.len_utf16() as u32;
            }
            segments
        })
        .collect();
    InputMap { mappings: encode(&lines), sources: vec![Some("original.js".to_owned())], ..InputMap::default() }
}

fn parse<'a>(allocator: &'a Allocator, code: &'a str, source_type: SourceType) -> Result<Program<'a>, String> {
    let parsed = Parser::new(allocator, code, source_type)
        .with_options(ParseOptions { preserve_parens: false, ..ParseOptions::default() })
        .parse();
    match parsed.diagnostics.first() {
        Some(error) => Err(error.to_string()),
        None if parsed.panicked => Err("the parser gave up".to_owned()),
        None => Ok(parsed.program),
    }
}

/// The early errors the parser leaves to semantic analysis (redeclarations, undeclared
/// exports, strict-mode rules, …).
fn early_errors(program: &Program) -> Vec<String> {
    let built = SemanticBuilder::new().with_check_syntax_error(true).build(program);
    built.diagnostics.iter().map(std::string::ToString::to_string).collect()
}

fn has_no_early_error(program: &Program) -> bool {
    early_errors(program).is_empty()
}

/// Compiles `code` the way Vite's module runner does, `new AsyncFunction(...helpers,
/// '"use strict";\n' + code)`, with the hashbang commented out as the test helper does.
/// Early errors are required to be absent only when the input had none: errors that
/// Vite's parser leaves to the runner (`with`, legacy octal, …) are the runner's to report.
fn assert_compiles_in_module_runner(code: &str, input_had_no_early_error: bool, context: &dyn Fn() -> String) {
    let body = code.strip_prefix("#!").map_or_else(|| code.to_owned(), |rest| format!("//{rest}"));
    let function = format!("(async function anonymous({RUNNER_PARAMETERS}\n) {{\n\"use strict\";\n{body}\n}})");
    let allocator = Allocator::default();
    let program = parse(&allocator, &function, SourceType::script())
        .unwrap_or_else(|error| panic!("the output does not compile: {error}; {}", context()));
    if input_had_no_early_error {
        let errors = early_errors(&program);
        assert!(errors.is_empty(), "the output has early errors {errors:?}; {}", context());
    }
}

/// The specifier of an import, `export … from` or `export * from` statement.
fn static_source<'p, 'a>(statement: &'p Statement<'a>) -> Option<&'p StringLiteral<'a>> {
    match statement {
        Statement::ImportDeclaration(import) => Some(&import.source),
        Statement::ExportFromDeclaration(export) => Some(&export.source),
        Statement::ExportAllDeclaration(export) => Some(&export.source),
        _ => None,
    }
}

fn static_sources(program: &Program) -> BTreeSet<String> {
    program.body.iter().filter_map(static_source).map(|source| source.value.to_string()).collect()
}

/// Whether an import, a re-export or a literal `import()` names a module with a lone
/// surrogate (`'\uD800'`).
fn has_lone_surrogate_specifier(program: &Program) -> bool {
    struct Finder {
        found: bool,
    }
    impl<'a> Visit<'a> for Finder {
        fn visit_import_expression(&mut self, import: &ImportExpression<'a>) {
            self.found |= matches!(&import.source, Expression::StringLiteral(source) if source.lone_surrogates);
            walk::walk_import_expression(self, import);
        }
    }
    let mut finder = Finder { found: program.body.iter().filter_map(static_source).any(|s| s.lone_surrogates) };
    finder.visit_program(program);
    finder.found
}

/// The specifiers of `import()` calls: only string literals (`true`), or also templates
/// without substitutions (`false`), as es-module-lexer names them.
fn dynamic_sources(program: &Program, string_literals_only: bool) -> BTreeSet<String> {
    struct Collector {
        string_literals_only: bool,
        sources: BTreeSet<String>,
    }
    impl<'a> Visit<'a> for Collector {
        fn visit_import_expression(&mut self, import: &ImportExpression<'a>) {
            match &import.source {
                Expression::StringLiteral(source) => {
                    self.sources.insert(source.value.to_string());
                }
                Expression::TemplateLiteral(template) if !self.string_literals_only => {
                    if let ([quasi], []) = (template.quasis.as_slice(), template.expressions.as_slice())
                        && let Some(cooked) = &quasi.value.cooked
                    {
                        self.sources.insert(cooked.to_string());
                    }
                }
                _ => {}
            }
            walk::walk_import_expression(self, import);
        }
    }
    let mut collector = Collector { string_literals_only, sources: BTreeSet::new() };
    collector.visit_program(program);
    collector.sources
}

fn assert_deps_are_the_imports(input: &Program, output: &TransformOutput, context: &dyn Fn() -> String) {
    let deps: BTreeSet<String> = output.deps.iter().map(str::to_owned).collect();
    assert_eq!(deps.len(), output.deps.len(), "deps has duplicates {:?}; {}", output.deps, context());
    assert_eq!(deps, static_sources(input), "deps; {}", context());
    let dynamic_deps: BTreeSet<String> = output.dynamic_deps.iter().map(str::to_owned).collect();
    assert_eq!(dynamic_deps, dynamic_sources(input, true), "dynamicDeps; {}", context());
}

fn mappings_of(output: &TransformOutput) -> Option<&str> {
    match &output.map {
        OutputMap::Input => None,
        OutputMap::Generated { mappings } => Some(mappings),
        OutputMap::Composed(map) => Some(&map.mappings),
    }
}

/// Every segment starts inside `output` (a column may be the line's end) and maps to a
/// position inside `original`, of its single source.
fn assert_map_inside(original: &str, output: &str, mappings: Option<&str>, context: &dyn Fn() -> String) {
    let Some(mappings) = mappings else { return };
    let lines = decode(mappings).unwrap_or_else(|error| panic!("our mappings do not decode: {error}; {}", context()));
    let line_lengths =
        |text: &str| text.split('\n').map(native_ssr_transform::sourcemap::Utf16Len::utf16_len).collect::<Vec<_>>();
    let (original_lines, output_lines) = (line_lengths(original), line_lengths(output));
    assert!(lines.len() <= output_lines.len(), "more mapped lines than output lines; {}", context());
    for (generated_line, segments) in lines.iter().enumerate() {
        for segment in segments {
            let place = || format!("segment {segment:?} of generated line {generated_line}; {}", context());
            assert!(segment.generated_column <= output_lines[generated_line], "outside the output: {}", place());
            let Some(origin) = segment.origin else { continue };
            assert_eq!(origin.source, 0, "{}", place());
            let length = original_lines.get(origin.line as usize);
            assert!(length.is_some_and(|&length| origin.column <= length), "outside the original: {}", place());
        }
    }
}

fn assert_cjs_import_is_valid(statement: &str, result: &CjsImport, format: Format) {
    let CjsImport::Rewritten { import_line, hoisted_assignments } = result else { return };
    let module = match hoisted_assignments {
        Some(assignments) => format!("{import_line};\n{assignments}"),
        None => import_line.clone(),
    };
    let allocator = Allocator::default();
    let program = parse(&allocator, &module, SourceType::mjs())
        .unwrap_or_else(|error| panic!("{format:?}: the rewrite of {statement:?} does not parse: {error}\n{module}"));
    assert_eq!(
        static_sources(&program),
        BTreeSet::from([CJS_URL.to_owned()]),
        "{format:?}: the rewrite of {statement:?} does not import the url alone\n{module}"
    );
}

fn assert_rewritten_module_is_valid(code: &str, input: &Program, node_mode: bool) {
    let specifiers: BTreeSet<String> = static_sources(input).into_iter().chain(dynamic_sources(input, false)).collect();
    let url_of = |specifier: &str| specifiers.iter().position(|s| s == specifier).map(|i| format!("/@deps/{i}.js"));
    let requests: Vec<CjsImportRequest> = specifiers
        .iter()
        .map(|specifier| CjsImportRequest { specifier: specifier.clone(), url: url_of(specifier).unwrap(), node_mode })
        .collect();
    let rewritten = rewrite_cjs_imports(code, &requests, CJS_IMPORTER, true)
        .unwrap_or_else(|e| panic!("a module that parses was not rewritten: {}; {code:?}", e.message));
    let context = || format!("input {code:?}, output {:?}", rewritten.code);
    let allocator = Allocator::default();
    let output = parse(&allocator, &rewritten.code, SourceType::mjs())
        .unwrap_or_else(|error| panic!("the rewritten module does not parse: {error}; {}", context()));
    let mapped = |sources: BTreeSet<String>| sources.iter().map(|s| url_of(s).unwrap()).collect::<BTreeSet<_>>();
    assert_eq!(static_sources(&output), mapped(static_sources(input)), "static imports; {}", context());
    assert_eq!(dynamic_sources(&output, true), mapped(dynamic_sources(input, false)), "import(); {}", context());
    assert_map_inside(code, &rewritten.code, Some(&rewritten.mappings), &context);
}
