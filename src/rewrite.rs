//! Vite's `ssrTransform`: ESM in, the body of an async function out.
//!
//! ```text
//! import { a } from './a'             __vite_ssr_exportName__("b", () => { try { return b } catch {} });
//! export const b = a + 1          ->  const __vite_ssr_import_0__ = await __vite_ssr_import__("./a", {"importedNames":["a"]});
//!                                     const b = __vite_ssr_import_0__.a + 1
//! ```
//!
//! The edits are issued in the order Vite issues them (imports, exports, then one walk
//! over the tree, then the collected identifiers), because magic-string's output and map
//! depend on that order. Only the decision of which identifiers to rewrite differs: it
//! follows the language's scoping rules, declaration hoisting included ([`crate::scope`]).

use std::ops::Range;

use oxc_ast::ast::{
    Argument, AssignmentTargetPropertyIdentifier, BindingIdentifier, BindingPattern, CallExpression, CatchParameter,
    Class, Comment, Declaration, Directive, ExportAllDeclaration, ExportDeclaration, ExportDefaultDeclaration,
    ExportDefaultDeclarationKind, ExportFromDeclaration, ExportNamedDeclaration, Expression, FormalParameters,
    Function, FunctionBody, IdentifierReference, ImportDeclaration, ImportDeclarationSpecifier, ImportExpression,
    ImportMeta, ModuleExportName, ObjectProperty, Program, Statement, StaticBlock, SwitchCase,
    TaggedTemplateExpression, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::{Visit, walk};
use oxc_diagnostics::OxcDiagnostic;
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::{ScopeFlags, ScopeId};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::early_errors::module_early_errors;
use crate::edits::{EditError, Edits};
use crate::error::Error;
use crate::parse::with_module;
use crate::scope::{self, ImportScope};
use crate::sourcemap::{ComposedMap, InputMap, Lines, VlqWriter, compose};

const IMPORT_META: &str = "__vite_ssr_import_meta__";
const DYNAMIC_IMPORT: &str = "__vite_ssr_dynamic_import__";
const EXPORT_DEFAULT_LOCAL: &str = "__vite_ssr_export_default__";
const GENERATED_PREFIX: &str = "__vite_ssr_";

/// How exports are defined on the module's exports object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExportStyle {
    /// `__vite_ssr_exportName__(name, getter)`: Vite 7 and 8, vite-node 3.2+, Vitest 4+.
    #[default]
    ExportName,
    /// A getter defined on `__vite_ssr_exports__`, for runners without that helper.
    DefineProperty,
}

#[derive(Debug, Clone, Default)]
pub struct TransformOptions {
    /// Vite's `json.stringify` fast path for `.json` requests.
    pub json_stringify: bool,
    pub export_style: ExportStyle,
    /// Keep ECMAScript module semantics where Vite's output bends them, at the cost of
    /// byte parity: reading an export before it is initialised throws, anonymous default
    /// exports are named `default` (and a default function is hoisted), a superclass is
    /// read live, and an imported template tag is called without a receiver.
    pub strict_esm: bool,
    /// Byte offsets of original characters whose place in the output the caller needs
    /// (ascending); see [`TransformOutput::tracked`].
    pub track: Vec<u32>,
}

/// The source map of a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputMap {
    /// The caller's input map is the result's map, unchanged.
    Input,
    /// A map of our edits alone: one source, `sources = [basename(url)]`.
    Generated { mappings: String, source: String },
    /// Our edits traced through the input map.
    Composed(ComposedMap),
}

#[derive(Debug, Clone)]
pub struct TransformOutput {
    pub code: String,
    pub map: OutputMap,
    pub deps: Vec<String>,
    pub dynamic_deps: Vec<String>,
    /// UTF-16 output offsets of the characters named by [`TransformOptions::track`].
    pub tracked: Vec<u32>,
}

/// Transforms `code` as Vite's `ssrTransform(code, inMap, url, originalCode)` does.
pub fn ssr_transform(
    code: &str,
    in_map: Option<&InputMap>,
    url: &str,
    options: &TransformOptions,
) -> Result<TransformOutput, Error> {
    if options.json_stringify && is_json_request(url) {
        return Ok(transform_json(code, &options.track));
    }
    with_module(code, url, |program| transform(program, in_map, url, options))
}

fn transform(
    program: &Program,
    in_map: Option<&InputMap>,
    url: &str,
    options: &TransformOptions,
) -> Result<TransformOutput, Error> {
    let code = program.source_text;
    let early_errors = module_early_errors(program);
    if !early_errors.is_empty() {
        return Err(Error::parse(code, url, &early_errors));
    }
    if let Some(span) = lone_surrogate_specifier(program) {
        return Err(lone_surrogate_error(code, url, span));
    }
    let rewrite = Rewrite::new(program, options.export_style, options.strict_esm);
    let Rewritten { edits, deps, dynamic_deps, rejection } =
        rewrite.run().map_err(|e| Error::internal(url, e.to_string()))?;
    match rejection {
        Some(Rejection::LoneSurrogateImport(span)) => return Err(lone_surrogate_error(code, url, span)),
        Some(Rejection::AnonymousClass(span)) => {
            let error = OxcDiagnostic::error("A class declaration needs a name").with_label(span);
            return Err(Error::parse(code, url, &[error]));
        }
        None => {}
    }
    let map = match in_map {
        Some(map) if map.mappings.is_empty() => OutputMap::Input,
        Some(map) if !map.sources.is_empty() => {
            let mut lines = Lines::new();
            edits.write_mappings(&mut lines);
            OutputMap::Composed(compose(&lines, map).map_err(|e| Error::invalid_input(url, e))?)
        }
        _ => {
            // Mappings run to 2 to 3.5 times the source (a segment of about 5 bytes every
            // 2 to 3 bytes); reserving for more avoids regrowth, which copies them all.
            // Pages never written are never touched, and `finish` gives back the rest.
            let mut writer = VlqWriter::with_capacity(code.len() * 4 + 4096);
            edits.write_mappings(&mut writer);
            OutputMap::Generated { mappings: writer.finish(), source: basename(url).to_owned() }
        }
    };
    let tracked = edits.output_positions(&options.track).map_err(|offset| {
        Error::invalid_input(
            url,
            format!("the character at byte {offset} is inside rewritten code and cannot be kept as it is"),
        )
    })?;
    Ok(TransformOutput { code: edits.render(), map, deps, dynamic_deps, tracked })
}

/// A static import specifier with a lone surrogate (dynamic ones are found by the walk):
/// it could only reach `deps` changed, as a Rust string holds none, so it is refused.
fn lone_surrogate_specifier(program: &Program) -> Option<Span> {
    program.body.iter().find_map(|statement| {
        let source = match statement {
            Statement::ImportDeclaration(import) => &import.source,
            Statement::ExportFromDeclaration(export) => &export.source,
            Statement::ExportAllDeclaration(export) => &export.source,
            _ => return None,
        };
        source.lone_surrogates.then_some(source.span)
    })
}

/// A module the walk found it must refuse.
enum Rejection {
    /// A literal `import()` specifier with a lone surrogate.
    LoneSurrogateImport(Span),
    /// `class {}` as a declaration outside `export default`, which oxc 0.146 lets through.
    AnonymousClass(Span),
}

fn lone_surrogate_error(code: &str, url: &str, span: Span) -> Error {
    let at = &code[span.start as usize..span.end as usize];
    Error::invalid_input(
        url,
        format!("the module specifier {at} holds a lone surrogate, which cannot be passed on unchanged"),
    )
}

/// Vite's JSON fast path: the first `export default` becomes an assignment.
fn transform_json(code: &str, track: &[u32]) -> TransformOutput {
    const FROM: &str = "export default";
    const TO: &str = "__vite_ssr_exports__.default =";
    let mut edits = Edits::new(code);
    if let Some(at) = code.find(FROM) {
        // Only ASCII is replaced, so the edit cannot fail.
        let _ = edits.update(at as u32, (at + FROM.len()) as u32, TO.to_owned());
    }
    let tracked = edits.output_positions(track).unwrap_or_default();
    TransformOutput { code: edits.render(), map: OutputMap::Input, deps: Vec::new(), dynamic_deps: Vec::new(), tracked }
}

/// `/\.(?:json|json5)(?:$|\?)/`
fn is_json_request(url: &str) -> bool {
    [".json", ".json5"]
        .iter()
        .any(|ext| url.match_indices(ext).any(|(i, _)| matches!(url.as_bytes().get(i + ext.len()), None | Some(b'?'))))
}

/// Node's `path.posix.basename`.
fn basename(url: &str) -> &str {
    let trimmed = url.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// Length of a leading hashbang line with its line terminator: where hoisted code goes.
pub(crate) fn file_start(code: &str) -> u32 {
    if !code.starts_with("#!") {
        return 0;
    }
    match code.char_indices().find(|&(_, c)| matches!(c, '\r' | '\n' | '\u{2028}' | '\u{2029}')) {
        None => code.len() as u32,
        Some((i, '\r')) if code[i + 1..].starts_with('\n') => i as u32 + 2,
        Some((i, c)) => (i + c.len_utf8()) as u32,
    }
}

/// `JSON.stringify` of a string.
fn push_json_string(out: &mut String, value: &str) {
    out.push('"');
    // Specifiers and names rarely need escaping: then the text goes in as it is.
    if !value.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(value);
        out.push('"');
        return;
    }
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

pub(crate) fn json_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    push_json_string(&mut out, value);
    out
}

fn export_name_str<'a>(name: &ModuleExportName<'a>) -> &'a str {
    match name {
        ModuleExportName::IdentifierName(id) => id.name.as_str(),
        ModuleExportName::IdentifierReference(id) => id.name.as_str(),
        ModuleExportName::StringLiteral(s) => s.value.as_str(),
    }
}

/// The pieces, joined. A module has a line of generated code per import and export, and
/// `format!` costs several times a plain copy of the pieces.
fn concat(pieces: &[&str]) -> String {
    let mut joined = String::with_capacity(pieces.iter().map(|piece| piece.len()).sum());
    for piece in pieces {
        joined.push_str(piece);
    }
    joined
}

/// `binding.name` or `binding["string name"]`.
fn member(binding: &str, name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::StringLiteral(s) => concat(&[binding, "[", &json_string(&s.value), "]"]),
        _ => concat(&[binding, ".", export_name_str(name)]),
    }
}

/// The names the rewrite declares. Vite uses fixed names, which break a module that
/// declares or shadows the same name; here a name the module uses as an identifier is
/// skipped. Modules that never mention the prefix (all but a handful) are not scanned.
struct GeneratedNames<'a> {
    taken: FxHashSet<&'a str>,
}

impl<'a> GeneratedNames<'a> {
    fn of(program: &Program<'a>) -> Self {
        let mut taken = FxHashSet::default();
        if program.source_text.contains(GENERATED_PREFIX) {
            let mut collector = IdentifierNames { names: &mut taken };
            collector.visit_program(program);
        }
        Self { taken }
    }

    /// `__vite_ssr_import_N__` with the next free `N`.
    fn import(&self, next: &mut usize) -> String {
        loop {
            let name = format!("__vite_ssr_import_{next}__");
            *next += 1;
            if !self.taken.contains(name.as_str()) {
                return name;
            }
        }
    }

    fn export_default(&self) -> &'static str {
        if self.taken.contains(EXPORT_DEFAULT_LOCAL) { "__vite_ssr_export_default_1__" } else { EXPORT_DEFAULT_LOCAL }
    }
}

/// Collects identifier names that start with the generated prefix.
struct IdentifierNames<'s, 'a> {
    names: &'s mut FxHashSet<&'a str>,
}

impl<'a> Visit<'a> for IdentifierNames<'_, 'a> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if it.name.starts_with(GENERATED_PREFIX) {
            self.names.insert(it.name.as_str());
        }
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        if it.name.starts_with(GENERATED_PREFIX) {
            self.names.insert(it.name.as_str());
        }
    }
}

/// An insertion-ordered set of specifiers.
#[derive(Default)]
struct OrderedSet {
    items: Vec<String>,
    seen: FxHashSet<u64>,
}

impl OrderedSet {
    fn insert(&mut self, value: &str) {
        // Most modules list a handful of specifiers: compare text only on a hash match.
        let hash = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, value);
        if !self.seen.insert(hash) && self.items.iter().any(|item| item == value) {
            return;
        }
        self.items.push(value.to_owned());
    }
}

struct Rewritten<'a> {
    edits: Edits<'a>,
    deps: Vec<String>,
    dynamic_deps: Vec<String>,
    rejection: Option<Rejection>,
}

struct Rewrite<'p, 'a> {
    program: &'p Program<'a>,
    source: &'a str,
    edits: Edits<'a>,
    export_style: ExportStyle,
    strict_esm: bool,
    file_start: u32,
    hoist_index: u32,
    next_import: usize,
    /// Identifiers of the module that look like generated names; see [`GeneratedNames`].
    names: GeneratedNames<'a>,
    deps: OrderedSet,
    /// Rewritten text of each import binding, by index.
    bindings: Vec<String>,
    /// Import local name -> binding index, for `export { local }` lists.
    binding_by_name: FxHashMap<&'a str, usize>,
    exports: ExportWriter<'a>,
}

impl<'p, 'a> Rewrite<'p, 'a> {
    fn new(program: &'p Program<'a>, export_style: ExportStyle, strict_esm: bool) -> Self {
        let source = program.source_text;
        let file_start = file_start(source);
        Self {
            program,
            source,
            edits: Edits::new(source),
            export_style,
            strict_esm,
            file_start,
            hoist_index: file_start,
            next_import: 0,
            names: GeneratedNames::of(program),
            deps: OrderedSet::default(),
            bindings: Vec::new(),
            binding_by_name: FxHashMap::default(),
            exports: ExportWriter::new(export_style, strict_esm, false),
        }
    }

    fn run(mut self) -> Result<Rewritten<'a>, EditError> {
        let body = &self.program.body;
        let mut re_export_bindings: FxHashMap<u32, String> = FxHashMap::default();
        for statement in body {
            match statement {
                Statement::ImportDeclaration(import) => self.define_import_declaration(import)?,
                Statement::ExportFromDeclaration(export) => {
                    let names = export.specifiers.iter().map(|s| export_name_str(&s.local)).collect::<Vec<_>>();
                    let id = self.define_import(export.span, &export.source.value, &names)?;
                    re_export_bindings.insert(export.span.start, id);
                }
                Statement::ExportAllDeclaration(export) => {
                    let id = self.define_import(export.span, &export.source.value, &[])?;
                    re_export_bindings.insert(export.span.start, id);
                }
                _ => {}
            }
        }

        let has_exports = body.iter().any(|s| {
            matches!(
                s,
                Statement::ExportDeclaration(_)
                    | Statement::ExportNamedDeclaration(_)
                    | Statement::ExportFromDeclaration(_)
                    | Statement::ExportDefaultDeclaration(_)
                    | Statement::ExportAllDeclaration(_)
            )
        });
        let uses_object = self.export_style == ExportStyle::DefineProperty || self.strict_esm;
        let binds_object = uses_object && has_exports && scope::binds_at_top_level(self.program, "Object");
        self.exports = ExportWriter::new(self.export_style, self.strict_esm, binds_object);

        for statement in body {
            match statement {
                Statement::ExportDeclaration(export) => self.export_declaration(export)?,
                Statement::ExportNamedDeclaration(export) => self.export_list(export)?,
                Statement::ExportFromDeclaration(export) => {
                    self.export_from(export, &re_export_bindings[&export.span.start])?;
                }
                Statement::ExportDefaultDeclaration(export) => self.export_default(export)?,
                Statement::ExportAllDeclaration(export) => {
                    self.export_all(export, &re_export_bindings[&export.span.start])?;
                }
                _ => {}
            }
        }

        self.exports.write(&mut self.edits, self.file_start)?;

        // Strict: a module has no `arguments`; the runner's function does, so a free one is
        // pointed at a name nothing declares.
        let free_arguments = self.strict_esm.then(|| {
            self.bindings.push("__vite_ssr_arguments__".to_owned());
            self.bindings.len() - 1
        });
        let walker = Walker::walk(self.program, ImportScope::new(&self.binding_by_name), free_arguments);
        for edit in &walker.walk_edits {
            match *edit {
                WalkEdit::Semicolon(end) => self.edits.append_left(end, ";")?,
                WalkEdit::ImportMeta(span) => self.edits.update(span.start, span.end, IMPORT_META.into())?,
                WalkEdit::DynamicImport(start) => self.edits.update(start, start + 6, DYNAMIC_IMPORT.into())?,
            }
        }
        let mut declared_superclasses: FxHashSet<usize> = FxHashSet::default();
        for edit in walker.identifier_edits.iter().filter(|edit| !edit.local) {
            let binding = &self.bindings[edit.binding];
            let span = edit.span;
            match edit.kind {
                IdentifierKind::Plain => self.edits.update(span.start, span.end, binding.clone())?,
                IdentifierKind::Shorthand => self.edits.append_left(span.end, &format!(": {binding}"))?,
                IdentifierKind::Callee { args_start } => {
                    let between = &self.source[span.end as usize..args_start as usize];
                    self.edits.update(span.start, args_start, format!("(0,{binding}){between}"))?;
                }
                IdentifierKind::Wrapped => {
                    self.edits.update(span.start, span.end, binding.clone())?;
                    self.edits.prepend_right(span.start, "(0,")?;
                    self.edits.append_left(span.end, ")")?;
                }
                IdentifierKind::SuperClass { top_level_start } => {
                    if declared_superclasses.insert(edit.binding) {
                        let name = &self.source[span.start as usize..span.end as usize];
                        self.edits.prepend_right(top_level_start, &format!("const {name} = {binding};\n"))?;
                    }
                }
            }
        }
        Ok(Rewritten {
            edits: self.edits,
            deps: self.deps.items,
            dynamic_deps: walker.dynamic_deps.items,
            rejection: walker.rejection,
        })
    }

    /// Replaces an import or re-export statement with an awaited `__vite_ssr_import__`,
    /// hoisted to the running hoist position.
    fn define_import(&mut self, span: Span, source: &str, imported_names: &[&str]) -> Result<String, EditError> {
        self.deps.insert(source);
        let id = self.names.import(&mut self.next_import);
        let mut line =
            String::with_capacity(64 + source.len() + imported_names.iter().map(|n| n.len() + 3).sum::<usize>());
        line.push_str("const ");
        line.push_str(&id);
        line.push_str(" = await __vite_ssr_import__(");
        push_json_string(&mut line, source);
        if !imported_names.is_empty() {
            line.push_str(", {\"importedNames\":[");
            for (i, name) in imported_names.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                push_json_string(&mut line, name);
            }
            line.push_str("]}");
        }
        line.push_str(");\n");
        self.edits.update(span.start, span.end, line)?;
        if span.start == self.hoist_index {
            self.hoist_index = span.end;
        } else {
            self.edits.relocate(span.start, span.end, self.hoist_index)?;
        }
        Ok(id)
    }

    fn define_import_declaration(&mut self, import: &'p ImportDeclaration<'a>) -> Result<(), EditError> {
        let specifiers: &[ImportDeclarationSpecifier] = import.specifiers.as_deref().map_or(&[], |s| s);
        let names: Vec<&str> = specifiers
            .iter()
            .filter_map(|specifier| match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(s) => Some(export_name_str(&s.imported)),
                ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => Some("default"),
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(_) => None,
            })
            .collect();
        let id = self.define_import(import.span, &import.source.value, &names)?;
        for specifier in specifiers {
            let (local, binding) = match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(s) => (&s.local, member(&id, &s.imported)),
                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => (&s.local, concat(&[&id, ".default"])),
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => (&s.local, id.clone()),
            };
            let index = self.bindings.len();
            self.bindings.push(binding);
            self.binding_by_name.insert(local.name.as_str(), index);
        }
        Ok(())
    }

    fn export_declaration(&mut self, export: &ExportDeclaration<'a>) -> Result<(), EditError> {
        match &export.declaration {
            Declaration::FunctionDeclaration(f) => {
                let name = f.id.as_ref().map_or("", |id| id.name.as_str());
                self.exports.define(name, name)?;
            }
            Declaration::ClassDeclaration(c) => {
                let name = c.id.as_ref().map_or("", |id| id.name.as_str());
                self.exports.define(name, name)?;
            }
            Declaration::VariableDeclaration(var) => {
                for declarator in &var.declarations {
                    for id in declarator.id.get_binding_identifiers() {
                        self.exports.define(id.name.as_str(), &id.name)?;
                    }
                }
            }
            _ => {}
        }
        self.edits.remove(export.span.start, export.declaration.span().start)
    }

    fn export_from(&mut self, export: &ExportFromDeclaration<'a>, binding: &str) -> Result<(), EditError> {
        for specifier in &export.specifiers {
            let local = member(binding, &specifier.local);
            self.exports.define(export_name_str(&specifier.exported), &local)?;
        }
        Ok(())
    }

    fn export_list(&mut self, export: &ExportNamedDeclaration<'a>) -> Result<(), EditError> {
        self.edits.remove(export.span.start, export.span.end)?;
        for specifier in &export.specifiers {
            let local = export_name_str(&specifier.local);
            let value = match self.binding_by_name.get(local) {
                Some(&index) => self.bindings[index].as_str(),
                None => local,
            };
            self.exports.define(export_name_str(&specifier.exported), value)?;
        }
        Ok(())
    }

    fn export_default(&mut self, export: &ExportDefaultDeclaration<'a>) -> Result<(), EditError> {
        let start = export.span.start;
        let declaration_start = export.declaration.span().start;
        let named = match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.id.as_ref().map(|id| id.name.as_str()),
            ExportDefaultDeclarationKind::ClassDeclaration(c) => c.id.as_ref().map(|id| id.name.as_str()),
            _ => None,
        };
        if let Some(name) = named {
            // Vite removes 15 UTF-16 units ("export default "); where those are not all
            // keyword and whitespace, it breaks the code, so the keywords are removed instead.
            let end = vite_prefix_end(self.source, start, declaration_start, 15).unwrap_or(declaration_start);
            self.edits.remove(start, end)?;
            return self.exports.define("default", name);
        }
        let local = self.names.export_default();
        if self.strict_esm {
            match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                    return self.export_default_function(export, f, local);
                }
                ExportDefaultDeclarationKind::ClassDeclaration(_) => {
                    return self.export_default_named(export, local);
                }
                kind if kind.as_expression().is_some_and(Expression::is_anonymous_function_definition) => {
                    return self.export_default_named(export, local);
                }
                _ => {}
            }
        }
        let end = vite_prefix_end(self.source, start, declaration_start, 14)
            .filter(|&end| self.source[start as usize..end as usize].len() == 14)
            .unwrap_or_else(|| default_keyword_end(self.source, &self.program.comments, start));
        self.edits.update(start, end, format!("const {local} ="))?;
        self.exports.define("default", local)
    }

    /// Strict: `export default function () {}` stays a hoisted declaration, callable from
    /// a cycle before the module body runs, and its `name` is `default`.
    fn export_default_function(
        &mut self,
        export: &ExportDefaultDeclaration<'a>,
        function: &oxc_ast::ast::Function<'a>,
        local: &str,
    ) -> Result<(), EditError> {
        self.edits.remove(export.span.start, function.span.start)?;
        let params = function.params.span.start;
        let spaced = self.source.as_bytes()[params as usize - 1].is_ascii_whitespace();
        self.edits.prepend_right(params, &if spaced { local.to_owned() } else { format!(" {local}") })?;
        self.exports.define("default", local)?;
        self.exports.name_default(local)
    }

    /// Strict: an anonymous class or function value gets the name `default`, as the
    /// property of that name gives it.
    fn export_default_named(&mut self, export: &ExportDefaultDeclaration<'a>, local: &str) -> Result<(), EditError> {
        let keyword_end = default_keyword_end(self.source, &self.program.comments, export.span.start);
        self.edits.update(export.span.start, keyword_end, format!("const {local} = {{ default:"))?;
        let end = export.span.end;
        let value_end = if self.source.as_bytes()[end as usize - 1] == b';' { end - 1 } else { end };
        self.edits.append_left(value_end, " }.default")?;
        self.exports.define("default", local)
    }

    fn export_all(&mut self, export: &ExportAllDeclaration<'a>, binding: &str) -> Result<(), EditError> {
        match &export.exported {
            Some(exported) => self.exports.define(export_name_str(exported), binding),
            None => self.edits.append_left(export.span.end, &concat(&["__vite_ssr_exportAll__(", binding, ");\n"])),
        }
    }
}

/// The end of Vite's fixed-length cut of `export default…` (`units` UTF-16 units from
/// `start`), when that cut holds only `export`, whitespace and `default`, so that
/// cutting there leaves valid code.
fn vite_prefix_end(source: &str, start: u32, declaration_start: u32, units: usize) -> Option<u32> {
    let rest = &source[start as usize..];
    let mut taken = 0;
    let mut end = 0;
    for c in rest.chars() {
        if taken == units {
            break;
        }
        taken += c.len_utf16();
        end += c.len_utf8();
    }
    if taken != units || start as usize + end > declaration_start as usize {
        return None;
    }
    let cut = rest[..end].strip_prefix("export")?;
    let after_export = cut.trim_start_matches(is_js_whitespace);
    if after_export.len() == cut.len() {
        return None;
    }
    let after_default = after_export.strip_prefix("default")?;
    after_default.chars().all(is_js_whitespace).then_some(start + end as u32)
}

fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// The end of the `default` keyword of an `export default` at `start`, past any comments.
fn default_keyword_end(source: &str, comments: &[Comment], start: u32) -> u32 {
    let mut pos = start + "export".len() as u32;
    loop {
        if let Some(comment) = comments.iter().find(|c| c.span.start == pos) {
            pos = comment.span.end;
            continue;
        }
        let rest = &source[pos as usize..];
        match rest.chars().next() {
            Some(c) if is_js_whitespace(c) => pos += c.len_utf8() as u32,
            _ => return pos + "default".len() as u32,
        }
    }
}

/// Emits the hoisted definition of each export.
struct ExportWriter<'a> {
    style: ExportStyle,
    /// Getters read the binding as is, so that a read in its temporal dead zone throws;
    /// definitions are sorted by name, the order of a module namespace's keys.
    strict: bool,
    /// Where the module binds its own `Object`, the global is reached another way.
    object: &'static str,
    /// The definitions, a line each, in the order Vite emits them: one insertion in the
    /// end, which is what Vite's insertions one after the other at one place make.
    text: String,
    /// Each definition's export name and line in `text`.
    lines: Vec<(&'a str, Range<usize>)>,
}

impl<'a> ExportWriter<'a> {
    fn new(style: ExportStyle, strict: bool, module_binds_object: bool) -> Self {
        let object = if module_binds_object { "({}).constructor" } else { "Object" };
        Self { style, strict, object, text: String::new(), lines: Vec::new() }
    }

    /// Hoists all definitions to the file start.
    fn write(&mut self, edits: &mut Edits, file_start: u32) -> Result<(), EditError> {
        if self.lines.is_empty() {
            return Ok(());
        }
        if self.strict {
            self.lines.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            let sorted = self.lines.iter().map(|(_, line)| &self.text[line.clone()]).collect::<String>();
            return edits.append_left(file_start, &sorted);
        }
        edits.append_left(file_start, &self.text)
    }

    fn define(&mut self, name: &'a str, local: &str) -> Result<(), EditError> {
        let quoted = json_string(name);
        let object = self.object;
        let pieces: &[&str] = match (self.style, self.strict) {
            (ExportStyle::ExportName, false) => {
                &["__vite_ssr_exportName__(", &quoted, ", () => { try { return ", local, " } catch {} });\n"]
            }
            (ExportStyle::ExportName, true) => &["__vite_ssr_exportName__(", &quoted, ", () => ", local, ");\n"],
            (ExportStyle::DefineProperty, false) => &[
                object,
                ".defineProperty(__vite_ssr_exports__, ",
                &quoted,
                ", { enumerable: true, configurable: true, get(){ try { return ",
                local,
                " } catch {} }});\n",
            ],
            (ExportStyle::DefineProperty, true) => &[
                object,
                ".defineProperty(__vite_ssr_exports__, ",
                &quoted,
                ", { enumerable: true, configurable: true, get(){ return ",
                local,
                " }});\n",
            ],
        };
        self.push_line(name, pieces);
        Ok(())
    }

    /// Names a hoisted default function `default`, before anything can read it.
    fn name_default(&mut self, local: &str) -> Result<(), EditError> {
        let object = self.object;
        self.push_line(
            "default",
            &[object, ".defineProperty(", local, ", \"name\", { value: \"default\", configurable: true });\n"],
        );
        Ok(())
    }

    fn push_line(&mut self, name: &'a str, pieces: &[&str]) {
        let start = self.text.len();
        for piece in pieces {
            self.text.push_str(piece);
        }
        self.lines.push((name, start..self.text.len()));
    }
}

enum WalkEdit {
    Semicolon(u32),
    ImportMeta(Span),
    DynamicImport(u32),
}

#[derive(Clone, Copy)]
enum IdentifierKind {
    Plain,
    /// `{ a }` becomes `{ a: binding }`.
    Shorthand,
    /// `a(x)` becomes `(0,binding)(x)`, keeping the text between callee and arguments.
    Callee {
        args_start: u32,
    },
    /// `(0,binding)` where a bare member reference would change `this`.
    Wrapped,
    /// `class X extends a` reads a `const` declared before its top-level statement.
    SuperClass {
        top_level_start: u32,
    },
}

struct IdentifierEdit {
    span: Span,
    binding: usize,
    kind: IdentifierKind,
    /// The name is declared again in a scope around the reference: no import.
    local: bool,
}

/// What a [`Walker`] collects.
struct Collected {
    walk_edits: Vec<WalkEdit>,
    identifier_edits: Vec<IdentifierEdit>,
    dynamic_deps: OrderedSet,
    rejection: Option<Rejection>,
}

/// One pass over the tree in Vite's walk order, collecting what to edit.
struct Walker<'s, 'a> {
    source: &'a str,
    scope: ImportScope<'s>,
    /// Set in strict mode only: the binding for `arguments` outside functions.
    free_arguments: Option<usize>,
    /// Non-arrow functions around the current node: inside one, `arguments` is its own.
    function_depth: u32,
    /// The name of the function expression whose parameters come next: it is bound in
    /// their scope.
    function_name: Option<&'a str>,
    top_level_start: u32,
    walk_edits: Vec<WalkEdit>,
    identifier_edits: Vec<IdentifierEdit>,
    dynamic_deps: OrderedSet,
    /// A literal `import()` specifier with a lone surrogate.
    rejection: Option<Rejection>,
    /// Set where a statement's text can show that it holds nothing to edit; see [`Self::quiet`].
    quiet_text: Option<QuietText>,
}

/// In a module that imports no binding, and not in strict mode (where a free `arguments`
/// is rewritten), only two things in a statement give edits: statement lists, which all
/// need a `{` (function bodies, blocks, `switch`, class static blocks), and `import.meta`
/// and `import()`, which need the word. A statement without either is not walked: most
/// of a module's code is in such statements, and walking them would read their part of
/// the tree for nothing.
struct QuietText {
    /// `None` when the module's text holds no `import` at all.
    import: Option<memchr::memmem::Finder<'static>>,
}

impl<'s, 'a> Walker<'s, 'a> {
    /// Collects the edits of `program`, resolving imports with `scope`.
    /// `free_arguments` is set in strict mode: the binding for `arguments` outside functions.
    fn walk(program: &Program<'a>, scope: ImportScope<'s>, free_arguments: Option<usize>) -> Collected {
        let mut walker = Self {
            source: program.source_text,
            scope,
            free_arguments,
            function_depth: 0,
            function_name: None,
            top_level_start: 0,
            walk_edits: Vec::new(),
            identifier_edits: Vec::new(),
            dynamic_deps: OrderedSet::default(),
            rejection: None,
            quiet_text: None,
        };
        if walker.scope.is_empty() && free_arguments.is_none() {
            let import = memchr::memmem::find(program.source_text.as_bytes(), b"import")
                .map(|_| memchr::memmem::Finder::new(b"import"));
            walker.quiet_text = Some(QuietText { import });
        }
        walker.visit_program(program);
        Collected {
            walk_edits: walker.walk_edits,
            identifier_edits: walker.identifier_edits,
            dynamic_deps: walker.dynamic_deps,
            rejection: walker.rejection,
        }
    }

    /// A class's parts, in Vite's walk order; the superclass may be an import read as
    /// Vite reads it (a `const` declared before the statement) or, strict, in place.
    fn visit_class_parts(&mut self, class: &Class<'a>) {
        for decorator in &class.decorators {
            self.visit_decorator(decorator);
        }
        let name = class.id.as_ref().map(|id| id.name.as_str());
        if class.is_declaration() {
            self.declare(name, false);
        }
        // The class's own scope binds its name, for the superclass and the body.
        self.enter(false);
        self.declare(name, false);
        if let Some(heritage) = &class.heritage {
            let super_class = &heritage.expression;
            // Strict: the superclass is read in place, live; Vite copies it into a `const`.
            let kind = if self.strict_esm() {
                IdentifierKind::Plain
            } else {
                IdentifierKind::SuperClass { top_level_start: self.top_level_start }
            };
            let handled = class.is_declaration()
                && matches!(super_class, Expression::Identifier(reference) if self.identifier(reference, kind));
            if !handled {
                self.visit_expression(super_class);
            }
        }
        self.visit_class_body(&class.body);
        self.leave();
    }

    /// Whether the text of `span` shows that walking it gives no edit ([`QuietText`]).
    fn quiet(&self, span: Span) -> bool {
        let Some(quiet) = &self.quiet_text else {
            return false;
        };
        let text = &self.source.as_bytes()[span.start as usize..span.end as usize];
        memchr::memchr(b'{', text).is_none() && quiet.import.as_ref().is_none_or(|import| import.find(text).is_none())
    }

    fn strict_esm(&self) -> bool {
        self.free_arguments.is_some()
    }

    /// Edits a reference to an import's name, unless a scope around it turns out to
    /// declare the name (then [`Self::leave`] marks the edit local).
    fn identifier(&mut self, reference: &IdentifierReference<'a>, kind: IdentifierKind) -> bool {
        // Most references, and in a module without imports all of them, are no import.
        if self.scope.is_empty() {
            return false;
        }
        let Some(binding) = self.scope.reference(&reference.name, self.identifier_edits.len()) else {
            return false;
        };
        self.identifier_edits.push(IdentifierEdit { span: reference.span, binding, kind, local: false });
        true
    }

    // Scopes and declarations matter only to references to imports.

    fn enter(&mut self, holds_vars: bool) {
        if !self.scope.is_empty() {
            self.scope.enter(holds_vars);
        }
    }

    fn leave(&mut self) {
        if !self.scope.is_empty() {
            let edits = &mut self.identifier_edits;
            self.scope.leave(|reference| edits[reference].local = true);
        }
    }

    fn declare(&mut self, name: Option<&str>, var: bool) {
        if let Some(name) = name.filter(|_| !self.scope.is_empty()) {
            self.scope.declare(name, var);
        }
    }

    fn declare_pattern(&mut self, pattern: &BindingPattern<'a>, var: bool) {
        if !self.scope.is_empty() {
            self.scope.declare_pattern(pattern, var);
        }
    }

    /// Vite adds `;` after every statement of a list but the last, unless it ends in one
    /// already or is a function, class, block or import declaration.
    fn statements(&mut self, directives: &[Directive<'a>], statements: &[Statement<'a>]) {
        let count = directives.len() + statements.len();
        let ends = directives.iter().map(|d| (d.span.end, false)).chain(statements.iter().map(|s| {
            let exempt = matches!(
                s,
                Statement::FunctionDeclaration(_)
                    | Statement::ClassDeclaration(_)
                    | Statement::BlockStatement(_)
                    | Statement::ImportDeclaration(_)
            );
            (s.span().end, exempt)
        }));
        for (end, exempt) in ends.take(count.saturating_sub(1)) {
            if !exempt && self.source.as_bytes()[end as usize - 1] != b';' {
                self.walk_edits.push(WalkEdit::Semicolon(end));
            }
        }
    }
}

impl<'a> Visit<'a> for Walker<'_, 'a> {
    fn visit_program(&mut self, program: &Program<'a>) {
        self.statements(&program.directives, &program.body);
        for statement in &program.body {
            self.top_level_start = statement.span().start;
            match statement {
                // Their bindings are handled with the import and export lists.
                Statement::ExportDeclaration(export) => self.visit_declaration(&export.declaration),
                Statement::ExportDefaultDeclaration(export) => self.visit_export_default_declaration(export),
                Statement::ImportDeclaration(_)
                | Statement::ExportAllDeclaration(_)
                | Statement::ExportNamedDeclaration(_)
                | Statement::ExportFromDeclaration(_) => {}
                _ => self.visit_statement(statement),
            }
        }
    }

    /// A function's body is a scope of its own, which holds its `var`s: its parameters'
    /// defaults do not see its declarations.
    fn visit_function_body(&mut self, body: &FunctionBody<'a>) {
        self.enter(true);
        self.statements(&body.directives, &body.statements);
        walk::walk_function_body(self, body);
        self.leave();
    }

    fn visit_block_statement(&mut self, block: &oxc_ast::ast::BlockStatement<'a>) {
        self.statements(&[], &block.body);
        walk::walk_block_statement(self, block);
    }

    fn visit_static_block(&mut self, block: &StaticBlock<'a>) {
        self.statements(&[], &block.body);
        walk::walk_static_block(self, block);
    }

    fn visit_switch_case(&mut self, case: &SwitchCase<'a>) {
        self.statements(&[], &case.consequent);
        walk::walk_switch_case(self, case);
    }

    fn visit_import_meta(&mut self, meta: &ImportMeta) {
        self.walk_edits.push(WalkEdit::ImportMeta(meta.span));
    }

    fn visit_import_expression(&mut self, import: &ImportExpression<'a>) {
        self.walk_edits.push(WalkEdit::DynamicImport(import.span.start));
        if let Expression::StringLiteral(source) = &import.source {
            self.dynamic_deps.insert(&source.value);
            if source.lone_surrogates {
                self.rejection.get_or_insert(Rejection::LoneSurrogateImport(source.span));
            }
        }
        walk::walk_import_expression(self, import);
    }

    fn visit_identifier_reference(&mut self, reference: &IdentifierReference<'a>) {
        if let Some(binding) = self.free_arguments
            && self.function_depth == 0
            && reference.name == "arguments"
        {
            let edit = IdentifierEdit { span: reference.span, binding, kind: IdentifierKind::Plain, local: false };
            self.identifier_edits.push(edit);
            return;
        }
        self.identifier(reference, IdentifierKind::Plain);
    }

    /// The scopes of the tree: blocks, loop heads, `switch` bodies, `catch` clauses, and
    /// a function's parameters. Of these only class static blocks hold `var`s.
    fn enter_scope(&mut self, flags: ScopeFlags, _: &std::cell::Cell<Option<ScopeId>>) {
        self.enter(flags.contains(ScopeFlags::ClassStaticBlock));
    }

    fn leave_scope(&mut self) {
        self.leave();
    }

    /// The parameters' scope binds them, and a function expression's name.
    fn visit_formal_parameters(&mut self, parameters: &FormalParameters<'a>) {
        let function_name = self.function_name.take();
        self.declare(function_name, false);
        for parameter in &parameters.items {
            self.declare_pattern(&parameter.pattern, false);
        }
        if let Some(rest) = &parameters.rest {
            self.declare_pattern(&rest.rest.argument, false);
        }
        walk::walk_formal_parameters(self, parameters);
    }

    fn visit_function(&mut self, function: &Function<'a>, flags: ScopeFlags) {
        let name = function.id.as_ref().map(|id| id.name.as_str());
        if function.is_declaration() {
            self.declare(name, false);
        } else {
            self.function_name = name;
        }
        self.function_depth += 1;
        walk::walk_function(self, function, flags);
        self.function_depth -= 1;
    }

    fn visit_object_property(&mut self, property: &ObjectProperty<'a>) {
        if property.shorthand
            && let Expression::Identifier(reference) = &property.value
            && self.identifier(reference, IdentifierKind::Shorthand)
        {
            return;
        }
        walk::walk_object_property(self, property);
    }

    fn visit_assignment_target_property_identifier(&mut self, property: &AssignmentTargetPropertyIdentifier<'a>) {
        self.identifier(&property.binding, IdentifierKind::Shorthand);
        if let Some(init) = &property.init {
            self.visit_expression(init);
        }
    }

    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        let callee_handled = match &call.callee {
            Expression::Identifier(callee) => {
                let kind = if call.optional {
                    IdentifierKind::Wrapped
                } else {
                    let args_start = call.arguments.first().map_or(call.span.end, |a| a.span().start);
                    IdentifierKind::Callee { args_start }
                };
                self.identifier(callee, kind)
            }
            _ => false,
        };
        if !callee_handled {
            self.visit_expression(&call.callee);
        }
        for argument in &call.arguments {
            match argument {
                Argument::Identifier(reference) if self.identifier(reference, IdentifierKind::Wrapped) => {}
                _ => self.visit_argument(argument),
            }
        }
    }

    fn visit_class(&mut self, class: &Class<'a>) {
        if class.is_declaration() && class.id.is_none() {
            self.rejection.get_or_insert(Rejection::AnonymousClass(class.span));
        }
        self.visit_class_parts(class);
    }

    fn visit_tagged_template_expression(&mut self, tagged: &TaggedTemplateExpression<'a>) {
        // Strict: a tag is called without a receiver; `ns.tag` would get the namespace.
        let wrapped = self.strict_esm()
            && matches!(&tagged.tag, Expression::Identifier(tag) if self.identifier(tag, IdentifierKind::Wrapped));
        if !wrapped {
            self.visit_expression(&tagged.tag);
        }
        self.visit_template_literal(&tagged.quasi);
    }

    fn visit_statement(&mut self, statement: &Statement<'a>) {
        if !self.quiet(statement.span()) {
            walk::walk_statement(self, statement);
        }
    }

    fn visit_variable_declaration(&mut self, declaration: &VariableDeclaration<'a>) {
        let var = declaration.kind == VariableDeclarationKind::Var;
        for declarator in &declaration.declarations {
            self.declare_pattern(&declarator.id, var);
        }
        walk::walk_variable_declaration(self, declaration);
    }

    fn visit_catch_parameter(&mut self, parameter: &CatchParameter<'a>) {
        self.declare_pattern(&parameter.pattern, false);
        walk::walk_catch_parameter(self, parameter);
    }

    fn visit_import_declaration(&mut self, _: &ImportDeclaration<'a>) {}

    fn visit_export_all_declaration(&mut self, _: &ExportAllDeclaration<'a>) {}

    fn visit_export_named_declaration(&mut self, _: &ExportNamedDeclaration<'a>) {}

    fn visit_export_from_declaration(&mut self, _: &ExportFromDeclaration<'a>) {}

    fn visit_export_default_declaration(&mut self, export: &ExportDefaultDeclaration<'a>) {
        match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => self.visit_function(f, ScopeFlags::Function),
            ExportDefaultDeclarationKind::ClassDeclaration(c) => self.visit_class_parts(c),
            ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => {}
            kind => self.visit_expression(kind.to_expression()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transform(code: &str) -> String {
        ssr_transform(code, None, "/a.js", &TransformOptions::default()).unwrap().code
    }

    /// `code`'s output holds `fragment`.
    fn test(code: &str, fragment: &str) {
        let out = transform(code);
        assert!(out.contains(fragment), "{out}");
    }

    #[test]
    fn json_requests() {
        assert!(is_json_request("/a.json"));
        assert!(is_json_request("/a.json5?import"));
        assert!(!is_json_request("/a.jsonc"));
        assert!(!is_json_request("/a.json.js"));
    }

    #[test]
    fn basenames() {
        assert_eq!(basename("/src/a.ts?v=1"), "a.ts?v=1");
        assert_eq!(basename("a.js"), "a.js");
        assert_eq!(basename("/src/dir/"), "dir");
        assert_eq!(basename(""), "");
    }

    #[test]
    fn hashbang_file_start() {
        assert_eq!(file_start("#!/usr/bin/env node\nx"), 20);
        assert_eq!(file_start("#!node\r\nx"), 8);
        assert_eq!(file_start("#!node\u{2028}x"), 9);
        assert_eq!(file_start("x"), 0);
    }

    #[test]
    fn json_strings_escape_like_js() {
        assert_eq!(json_string("a\"b\\c\n\u{1}\u{2028}é"), "\"a\\\"b\\\\c\\n\\u0001\u{2028}é\"");
    }

    #[test]
    fn generated_names_skip_user_identifiers() {
        test("import { a } from 'm'\nfunction f(__vite_ssr_import_0__) { return a }", "return __vite_ssr_import_1__.a");
        test("const __vite_ssr_export_default__ = 1\nexport default 2", "const __vite_ssr_export_default_1__ = 2");
    }

    fn strict(code: &str) -> String {
        let options = TransformOptions { strict_esm: true, ..TransformOptions::default() };
        ssr_transform(code, None, "/a.js", &options).unwrap().code
    }

    #[test]
    fn strict_esm_keeps_module_semantics() {
        assert_eq!(
            strict("export default function () {}"),
            "__vite_ssr_exportName__(\"default\", () => __vite_ssr_export_default__);\nObject.defineProperty(__vite_ssr_export_default__, \"name\", { value: \"default\", configurable: true });\nfunction __vite_ssr_export_default__() {}"
        );
        assert_eq!(
            strict("export default class {}"),
            "__vite_ssr_exportName__(\"default\", () => __vite_ssr_export_default__);\nconst __vite_ssr_export_default__ = { default: class {} }.default"
        );
        assert_eq!(
            strict("export default () => 1;"),
            "__vite_ssr_exportName__(\"default\", () => __vite_ssr_export_default__);\nconst __vite_ssr_export_default__ = { default: () => 1 }.default;"
        );
        let out = strict("import { B, tag } from 'm'\nclass A extends B {}\ntag`x`");
        assert!(out.contains("class A extends __vite_ssr_import_0__.B {}"), "{out}");
        assert!(out.contains("(0,__vite_ssr_import_0__.tag)`x`"), "{out}");
    }

    #[test]
    fn anonymous_class_declarations_are_refused() {
        for code in ["export class {}", "{ class {} }"] {
            let error = ssr_transform(code, None, "/a.js", &TransformOptions::default()).unwrap_err();
            assert!(error.message.contains("A class declaration needs a name"), "{code}: {}", error.message);
        }
        assert!(ssr_transform("export default class {}", None, "/a.js", &TransformOptions::default()).is_ok());
    }

    #[test]
    fn parameters_see_parameters_and_the_function_name_but_not_the_body() {
        // Native Node: a parameter default sees the parameters and a function
        // expression's name, and the enclosing scopes, but not the body's declarations.
        test(
            "import { a } from 'm'\nfunction f(x = a, y = () => a) { var a }",
            "function f(x = __vite_ssr_import_0__.a, y = () => __vite_ssr_import_0__.a) { var a }",
        );
        test("import { a } from 'm'\nfunction f(a, x = a) {}", "function f(a, x = a) {}");
        test("import { a } from 'm'\nconst g = function a(x = a) {}", "function a(x = a) {}");
        test("import { a } from 'm'\nfunction f() { ((x = a) => x)(); var a }", "((x = a) => x)(); var a");
    }

    #[test]
    fn catch_parameter_defaults_see_vars_hoisted_from_the_block() {
        // Native Node reads the local `var` (undefined) in both.
        test("import { b } from 'm'\nfunction f() { try {} catch ([x = b]) { var b } }", "catch ([x = b]) { var b }");
        test(
            "import { b } from 'm'\n((y = 1) => { try {} catch ({ x = b }) { var { b } = {} } })",
            "catch ({ x = b })",
        );
    }

    #[test]
    fn shadowed_import_is_left_alone() {
        let out = transform("import { a } from 'x'\nfunction f(a) { return a }\nfor (let a of []) a;\na");
        assert!(out.ends_with("__vite_ssr_import_0__.a"), "{out}");
        assert!(out.contains("function f(a) { return a }"), "{out}");
        assert!(out.contains("for (let a of []) a;"), "{out}");
    }

    /// Programs that import `a` and `b` and declare and read them in nested scopes of
    /// every kind, from a seed. Declarations of the imports stay out of the module scope,
    /// where they would be early errors.
    fn scoping_program(seed: &mut u64) -> String {
        const DECLARATIONS: [&str; 9] = [
            "var a;",
            "let a;",
            "const b = 1;",
            "function a() {}",
            "class b {}",
            "let [a] = [];",
            "var { b } = {};",
            "for (var a of []);",
            "using b = null;",
        ];
        const READS: [&str; 5] = ["a;", "b();", "({ a });", "x = b;", "[a] = [];"];
        const PARAMETERS: [&str; 6] = ["", "a", "x = b", "{ a } = {}", "...b", "x = () => a"];
        fn next(seed: &mut u64, n: usize) -> usize {
            *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (*seed >> 33) as usize % n
        }
        fn statements(seed: &mut u64, depth: u32, top: bool, out: &mut String) {
            for _ in 0..1 + next(seed, 3) {
                let parameters = PARAMETERS[next(seed, PARAMETERS.len())];
                let open = match next(seed, if depth == 0 { 3 } else { 14 }) {
                    0 | 1 => {
                        out.push_str(READS[next(seed, READS.len())]);
                        continue;
                    }
                    2 if !top => {
                        out.push_str(DECLARATIONS[next(seed, DECLARATIONS.len())]);
                        continue;
                    }
                    2 => {
                        out.push_str("a;");
                        continue;
                    }
                    3 => "{".to_owned(),
                    4 => format!("function f({parameters}) {{"),
                    5 => format!("(function {}({parameters}) {{", ["a", "g"][next(seed, 2)]),
                    6 => format!("(({parameters}) => {{"),
                    7 => format!("try {{}} catch ({}) {{", ["a", "e", "{ b }", "[a = b]"][next(seed, 4)]),
                    8 => ["for (let a = 0; a < 1; a++) {", "for (const b of [b]) {", "for (let x in { a }) {"]
                        [next(seed, 3)]
                    .to_owned(),
                    9 => "switch (a) { case 1:".to_owned(),
                    10 => format!("class K extends (b) {{ m({parameters}) {{"),
                    11 => "class K { static {".to_owned(),
                    12 => "(class a { x = a; m() {".to_owned(),
                    _ => "label: {".to_owned(),
                };
                out.push_str(&open);
                statements(seed, depth - 1, false, out);
                out.push_str(match open.as_bytes()[0] {
                    b'(' if open.starts_with("(class") => "} });",
                    b'(' => "})();",
                    b'c' => "} }",
                    b's' => "}",
                    _ => "}",
                });
            }
        }
        let mut out = String::from("import { a } from 'm'; import b from 'n';\n");
        statements(seed, 4, true, &mut out);
        out
    }

    /// Parameter lists and `catch` parameters: in their defaults, oxc 0.146's symbol
    /// table binds a name to a declaration of the body (parameters) or misses a `var`
    /// hoisted out of the body (`catch`). Native Node agrees with the walk there (the
    /// `*_defaults_*` tests).
    #[derive(Default)]
    struct Parameters(Vec<Span>);

    impl<'a> Visit<'a> for Parameters {
        fn visit_formal_parameters(&mut self, parameters: &FormalParameters<'a>) {
            self.0.push(parameters.span);
        }

        fn visit_catch_parameter(&mut self, parameter: &CatchParameter<'a>) {
            self.0.push(parameter.span);
        }
    }

    impl Parameters {
        fn of(program: &Program) -> Self {
            let mut parameters = Self::default();
            parameters.visit_program(program);
            parameters
        }

        fn contain(&self, span: Span) -> bool {
            self.0.iter().any(|p| p.start <= span.start && span.end <= p.end)
        }
    }

    /// The spans of the references, outside [`Parameters`], that `oxc_semantic`'s symbol
    /// table resolves to the imports `a` and `b`.
    fn imports_by_symbol_table(program: &Program) -> Vec<Span> {
        struct References<'s> {
            scoping: &'s oxc_semantic::Scoping,
            imports: Vec<oxc_semantic::SymbolId>,
            found: Vec<Span>,
        }
        impl<'a> Visit<'a> for References<'_> {
            fn visit_identifier_reference(&mut self, reference: &IdentifierReference<'a>) {
                let symbol = self.scoping.get_reference(reference.reference_id()).symbol_id();
                if symbol.is_some_and(|symbol| self.imports.contains(&symbol)) {
                    self.found.push(reference.span);
                }
            }
            fn visit_import_declaration(&mut self, _: &ImportDeclaration<'a>) {}
        }
        let scoping = oxc_semantic::SemanticBuilder::new().build(program).semantic.into_scoping();
        let imports = ["a", "b"].iter().filter_map(|name| scoping.get_root_binding((*name).into())).collect();
        let mut references = References { scoping: &scoping, imports, found: Vec::new() };
        references.visit_program(program);
        let parameters = Parameters::of(program);
        references.found.into_iter().filter(|&span| !parameters.contain(span)).collect()
    }

    /// The same, from the walk's own resolution.
    fn imports_by_walk(program: &Program) -> Vec<Span> {
        let bindings: FxHashMap<&str, usize> = [("a", 0), ("b", 1)].into_iter().collect();
        let walked = Walker::walk(program, ImportScope::new(&bindings), None);
        let parameters = Parameters::of(program);
        let mut found: Vec<Span> = walked
            .identifier_edits
            .iter()
            .filter(|edit| !edit.local && !parameters.contain(edit.span))
            .map(|edit| edit.span)
            .collect();
        found.sort_by_key(|span| span.start);
        found
    }

    #[test]
    fn scoping_equals_the_symbol_table() {
        let mut seed = 7;
        let mut compared = 0;
        for _ in 0..3000 {
            let code = scoping_program(&mut seed);
            let allocator = oxc_allocator::Allocator::default();
            let Ok(program) = crate::parse::parse_module(&allocator, &code, "/a.js") else {
                continue;
            };
            if !module_early_errors(&program).is_empty() {
                continue;
            }
            assert_eq!(imports_by_walk(&program), imports_by_symbol_table(&program), "{code}");
            compared += 1;
        }
        assert!(compared > 1000, "only {compared} programs were valid");
    }
}
