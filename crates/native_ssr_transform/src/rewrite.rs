//! The statement-level rewrite of Vite's `ssrTransform`: imports become awaited
//! `__vite_ssr_import__` calls hoisted in source order, export definitions go to the file
//! start, and the [`Walker`]'s findings become edits.
//!
//! ```text
//! import { a } from './a'   ->  const __vite_ssr_import_0__ = await __vite_ssr_import__("./a", {"importedNames":["a"]});
//! export function f() {}    ->  __vite_ssr_exportName__("f", () => { try { return f } catch {} });  (at the file start)
//!                               function f() {}
//! a()                       ->  (0,__vite_ssr_import_0__.a)()
//! ```
//!
//! The edits are issued in the order Vite issues them (imports, exports, then one walk
//! over the tree, then the collected identifiers), because magic-string's output and map
//! depend on that order. Only the decision of which identifiers to rewrite differs: it
//! follows the language's scoping rules, declaration hoisting included ([`crate::scope`]).

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use oxc_ast::ast::{
    BindingIdentifier, Declaration, ExportAllDeclaration, ExportDeclaration, ExportDefaultDeclaration,
    ExportDefaultDeclarationKind, ExportFromDeclaration, ExportNamedDeclaration, Expression, Function,
    IdentifierReference, ImportDeclaration, ImportDeclarationSpecifier, ModuleExportName, Program, Statement,
};
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::edits::{EditError, Edits, Written};
use crate::ordered_set::OrderedSet;
use crate::scope::{self, ImportScope};
use crate::ssr_transform::ExportStyle;
use crate::string_list::StringList;
use crate::syntax::{file_start, is_js_whitespace, push_json_string, skip_trivia};
use crate::walker::{Collected, IdentifierKind, Mode, Rejection, WalkEdit, Walker};

const IMPORT_META: &str = "__vite_ssr_import_meta__";
const DYNAMIC_IMPORT: &str = "__vite_ssr_dynamic_import__";
const EXPORT_DEFAULT_LOCAL: &str = "__vite_ssr_export_default__";
const GENERATED_PREFIX: &str = "__vite_ssr_";
/// A searcher for [`GENERATED_PREFIX`], built once, as those in [`crate::syntax`].
static GENERATED_PREFIX_SEARCH: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(GENERATED_PREFIX));

/// `__vite_ssr_import_N__`, kept in place: a barrel names hundreds, and a heap string
/// each cost as much as the rest of writing its import.
#[derive(Clone, Copy)]
struct ImportName {
    bytes: [u8; Self::LONGEST],
    len: u8,
}

impl ImportName {
    const PREFIX: &'static str = "__vite_ssr_import_";
    /// The prefix, the 20 digits of the largest `usize`, and `__`.
    const LONGEST: usize = Self::PREFIX.len() + 20 + 2;

    fn new(n: usize) -> Self {
        let mut name = Self { bytes: [0; Self::LONGEST], len: 0 };
        name.push(Self::PREFIX.as_bytes());
        let digits = n.checked_ilog10().unwrap_or(0) as usize + 1;
        let mut rest = n;
        for at in (0..digits).rev() {
            name.bytes[name.len as usize + at] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        name.len += digits as u8;
        name.push(b"__");
        name
    }

    fn push(&mut self, bytes: &[u8]) {
        let at = self.len as usize;
        self.bytes[at..at + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len() as u8;
    }
}

impl std::ops::Deref for ImportName {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: only ASCII is ever written (the prefix, digits and `_`).
        unsafe { std::str::from_utf8_unchecked(&self.bytes[..self.len as usize]) }
    }
}

/// Writes `binding.name` or `binding["string name"]`.
fn push_member(out: &mut String, binding: &str, name: &ModuleExportName) {
    out.push_str(binding);
    if let ModuleExportName::StringLiteral(s) = name {
        out.push('[');
        push_json_string(out, &s.value);
        out.push(']');
    } else {
        out.push('.');
        out.push_str(&name.name());
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
        if GENERATED_PREFIX_SEARCH.find(program.source_text.as_bytes()).is_some() {
            let mut collector = IdentifierNames { names: &mut taken };
            collector.visit_program(program);
        }
        Self { taken }
    }

    /// `__vite_ssr_import_N__` with the next free `N`.
    fn import(&self, next: &mut usize) -> ImportName {
        loop {
            let name = ImportName::new(*next);
            *next += 1;
            // Mostly none is taken: then no name is hashed.
            if self.taken.is_empty() || !self.taken.contains(&*name) {
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

pub struct Rewritten<'a> {
    pub edits: Edits<'a>,
    pub deps: StringList,
    pub dynamic_deps: StringList,
    pub rejection: Option<Rejection>,
}

pub struct Rewrite<'p, 'a> {
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
    bindings: StringList,
    /// Import local name -> binding index, for `export { local }` lists.
    binding_by_name: FxHashMap<&'a str, usize>,
    /// Whether a top-level statement exports.
    has_exports: bool,
}

impl<'p, 'a> Rewrite<'p, 'a> {
    pub fn new(program: &'p Program<'a>, export_style: ExportStyle, strict_esm: bool) -> Self {
        let source = program.source_text;
        let file_start = file_start(source);
        // One look at the top level: how many import and export statements and import
        // bindings (for sizing), and whether any exports.
        let (mut module_statements, mut import_bindings, mut has_exports) = (0, 0, false);
        for statement in program.body.iter().filter(|statement| statement.is_module_declaration()) {
            module_statements += 1;
            match statement {
                Statement::ImportDeclaration(import) => {
                    import_bindings += import.specifiers.as_ref().map_or(0, |s| s.len());
                }
                _ => has_exports = true,
            }
        }
        Self {
            program,
            source,
            edits: Edits::with_room_for(source, module_statements),
            export_style,
            strict_esm,
            file_start,
            hoist_index: file_start,
            next_import: 0,
            names: GeneratedNames::of(program),
            deps: OrderedSet::with_capacity(module_statements),
            // `__vite_ssr_import_N__.name`, a few dozen bytes.
            bindings: StringList::with_capacity(import_bindings, 40 * import_bindings),
            binding_by_name: FxHashMap::with_capacity_and_hasher(import_bindings, FxBuildHasher),
            has_exports,
        }
    }

    /// Vite's steps, in its order.
    pub fn run(mut self) -> Result<Rewritten<'a>, EditError> {
        let re_export_bindings = self.define_imports()?;
        self.define_exports(&re_export_bindings)?;
        let walked = self.walk();
        self.apply_walk_edits(&walked)?;
        Ok(Rewritten {
            edits: self.edits,
            deps: self.deps.into_items(),
            dynamic_deps: walked.dynamic_deps.into_items(),
            rejection: walked.rejection,
        })
    }

    /// Hoists every import and re-export; returns each re-export's import binding, in
    /// source order.
    fn define_imports(&mut self) -> Result<Vec<ImportName>, EditError> {
        let mut re_export_bindings = Vec::new();
        for statement in &self.program.body {
            match statement {
                Statement::ImportDeclaration(import) => self.define_import_declaration(import)?,
                Statement::ExportFromDeclaration(export) => {
                    let names = export.specifiers.iter().map(|s| s.local.name().as_str());
                    re_export_bindings.push(self.define_import(export.span, &export.source.value, names)?);
                }
                Statement::ExportAllDeclaration(export) => {
                    let names = std::iter::empty();
                    re_export_bindings.push(self.define_import(export.span, &export.source.value, names)?);
                }
                _ => {}
            }
        }
        Ok(re_export_bindings)
    }

    /// Removes the `export` syntax and writes every export's definition at the file start.
    fn define_exports(&mut self, re_export_bindings: &[ImportName]) -> Result<(), EditError> {
        let body = &self.program.body;
        let uses_object = self.export_style == ExportStyle::DefineProperty || self.strict_esm;
        let binds_object = uses_object && self.has_exports && scope::binds_at_top_level(self.program, "Object");
        let mut exports = ExportWriter::new(self.export_style, self.strict_esm, binds_object);
        // Re-exports come in the order `define_imports` met them.
        let mut re_export_bindings = re_export_bindings.iter();
        let mut next_re_export_binding = || re_export_bindings.next().expect("a binding for each re-export");
        for statement in body {
            match statement {
                Statement::ExportDeclaration(export) => self.export_declaration(&mut exports, export)?,
                Statement::ExportNamedDeclaration(export) => self.export_list(&mut exports, export)?,
                Statement::ExportFromDeclaration(export) => {
                    export_from(&mut exports, export, next_re_export_binding());
                }
                Statement::ExportDefaultDeclaration(export) => self.export_default(&mut exports, export)?,
                Statement::ExportAllDeclaration(export) => {
                    self.export_all(&mut exports, export, next_re_export_binding())?;
                }
                _ => {}
            }
        }
        exports.write(&mut self.edits, self.file_start)
    }

    /// The one walk over the tree, resolving references with the imports defined so far.
    fn walk(&mut self) -> Collected {
        let mode = if self.strict_esm {
            // A module has no `arguments`; the runner's function does, so a free one is
            // pointed at a name nothing declares.
            self.bindings.push("__vite_ssr_arguments__");
            Mode::StrictEsm { free_arguments: self.bindings.len() - 1 }
        } else {
            Mode::Vite
        };
        Walker::walk(self.program, ImportScope::new(&self.binding_by_name), mode)
    }

    /// The walk's statement edits, then its identifier edits, as Vite issues them.
    fn apply_walk_edits(&mut self, walked: &Collected) -> Result<(), EditError> {
        // A module that reads its imports often (a namespace object of hundreds of them)
        // would otherwise grow the edit buffer's chunks, index and text several times.
        let references = walked.identifier_edits.iter().filter(|edit| !edit.local);
        let text: usize = references.clone().map(|edit| self.bindings.get(edit.binding).len() + 4).sum();
        self.edits.reserve(2 * (walked.walk_edits.len() + references.count()), text);
        for edit in &walked.walk_edits {
            match *edit {
                WalkEdit::Semicolon(end) => self.edits.append_left(end, ";")?,
                WalkEdit::ImportMeta(span) => self.edits.update(span.start, span.end, IMPORT_META)?,
                WalkEdit::DynamicImport(start) => self.edits.update(start, start + 6, DYNAMIC_IMPORT)?,
            }
        }
        let mut declared_superclasses: FxHashSet<usize> = FxHashSet::default();
        for edit in walked.identifier_edits.iter().filter(|edit| !edit.local) {
            let binding = self.bindings.get(edit.binding);
            let span = edit.span;
            match edit.kind {
                IdentifierKind::Plain => self.edits.update(span.start, span.end, binding)?,
                IdentifierKind::Shorthand => self.edits.append_left(span.end, [": ", binding])?,
                IdentifierKind::Callee { args_start } => {
                    let between = &self.source[span.end as usize..args_start as usize];
                    self.edits.update(span.start, args_start, ["(0,", binding, ")", between])?;
                }
                IdentifierKind::Wrapped => {
                    self.edits.update(span.start, span.end, binding)?;
                    self.edits.prepend_right(span.start, "(0,")?;
                    self.edits.append_left(span.end, ")")?;
                }
                IdentifierKind::SuperClass { top_level_start } => {
                    if declared_superclasses.insert(edit.binding) {
                        let name = &self.source[span.start as usize..span.end as usize];
                        self.edits.prepend_right(top_level_start, ["const ", name, " = ", binding, ";\n"])?;
                    }
                }
            }
        }
        Ok(())
    }

    /// hoisted to the running hoist position.
    fn define_import<'n>(
        &mut self,
        span: Span,
        source: &str,
        imported_names: impl Iterator<Item = &'n str>,
    ) -> Result<ImportName, EditError> {
        self.deps.insert(source);
        let id = self.names.import(&mut self.next_import);
        let line = Written(|line: &mut String| {
            line.push_str("const ");
            line.push_str(&id);
            line.push_str(" = await __vite_ssr_import__(");
            push_json_string(line, source);
            let mut imported_names = imported_names.peekable();
            if imported_names.peek().is_some() {
                line.push_str(", {\"importedNames\":[");
                for (i, name) in imported_names.enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    push_json_string(line, name);
                }
                line.push_str("]}");
            }
            line.push_str(");\n");
        });
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
        let names = specifiers.iter().filter_map(|specifier| match specifier {
            ImportDeclarationSpecifier::ImportSpecifier(s) => Some(s.imported.name().as_str()),
            ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => Some("default"),
            ImportDeclarationSpecifier::ImportNamespaceSpecifier(_) => None,
        });
        let id = self.define_import(import.span, &import.source.value, names)?;
        for specifier in specifiers {
            let index = self.bindings.len();
            self.bindings.push_with(|binding| match specifier {
                ImportDeclarationSpecifier::ImportSpecifier(s) => push_member(binding, &id, &s.imported),
                ImportDeclarationSpecifier::ImportDefaultSpecifier(_) => {
                    binding.push_str(&id);
                    binding.push_str(".default");
                }
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(_) => binding.push_str(&id),
            });
            self.binding_by_name.insert(specifier.local().name.as_str(), index);
        }
        Ok(())
    }

    fn export_declaration(
        &mut self,
        exports: &mut ExportWriter<'a>,
        export: &ExportDeclaration<'a>,
    ) -> Result<(), EditError> {
        match &export.declaration {
            Declaration::FunctionDeclaration(f) => {
                let name = f.id.as_ref().map_or("", |id| id.name.as_str());
                exports.define(name, name);
            }
            Declaration::ClassDeclaration(c) => {
                let name = c.id.as_ref().map_or("", |id| id.name.as_str());
                exports.define(name, name);
            }
            Declaration::VariableDeclaration(var) => {
                for declarator in &var.declarations {
                    for id in declarator.id.get_binding_identifiers() {
                        exports.define(id.name.as_str(), &id.name);
                    }
                }
            }
            _ => {}
        }
        self.edits.remove(export.span.start, export.declaration.span().start)
    }

    fn export_list(
        &mut self,
        exports: &mut ExportWriter<'a>,
        export: &ExportNamedDeclaration<'a>,
    ) -> Result<(), EditError> {
        self.edits.remove(export.span.start, export.span.end)?;
        for specifier in &export.specifiers {
            let local = specifier.local.name();
            let value = match self.binding_by_name.get(local.as_str()) {
                Some(&index) => self.bindings.get(index),
                None => local.as_str(),
            };
            exports.define(specifier.exported.name().as_str(), value);
        }
        Ok(())
    }

    fn export_default(
        &mut self,
        exports: &mut ExportWriter<'a>,
        export: &ExportDefaultDeclaration<'a>,
    ) -> Result<(), EditError> {
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
            exports.define("default", name);
            return Ok(());
        }
        let local = self.names.export_default();
        if self.strict_esm {
            match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                    return self.export_default_function(exports, export, f, local);
                }
                ExportDefaultDeclarationKind::ClassDeclaration(_) => {
                    return self.export_default_named(exports, export, local);
                }
                kind if kind.as_expression().is_some_and(Expression::is_anonymous_function_definition) => {
                    return self.export_default_named(exports, export, local);
                }
                _ => {}
            }
        }
        let end = vite_prefix_end(self.source, start, declaration_start, 14)
            .filter(|&end| self.source[start as usize..end as usize].len() == 14)
            .unwrap_or_else(|| self.default_keyword_end(start));
        self.edits.update(start, end, ["const ", local, " ="])?;
        exports.define("default", local);
        Ok(())
    }

    /// Strict: `export default function () {}` stays a hoisted declaration, callable from
    /// a cycle before the module body runs, and its `name` is `default`.
    fn export_default_function(
        &mut self,
        exports: &mut ExportWriter<'a>,
        export: &ExportDefaultDeclaration<'a>,
        function: &Function<'a>,
        local: &str,
    ) -> Result<(), EditError> {
        self.edits.remove(export.span.start, function.span.start)?;
        let params = function.params.span.start;
        let spaced = self.source.as_bytes()[params as usize - 1].is_ascii_whitespace();
        if spaced {
            self.edits.prepend_right(params, local)?;
        } else {
            self.edits.prepend_right(params, [" ", local])?;
        }
        exports.define("default", local);
        exports.name_default(local);
        Ok(())
    }

    /// Strict: an anonymous class or function value gets the name `default`, as the
    /// property of that name gives it.
    fn export_default_named(
        &mut self,
        exports: &mut ExportWriter<'a>,
        export: &ExportDefaultDeclaration<'a>,
        local: &str,
    ) -> Result<(), EditError> {
        let keyword_end = self.default_keyword_end(export.span.start);
        self.edits.update(export.span.start, keyword_end, ["const ", local, " = { default:"])?;
        let end = export.span.end;
        let value_end = if self.source.as_bytes()[end as usize - 1] == b';' { end - 1 } else { end };
        self.edits.append_left(value_end, " }.default")?;
        exports.define("default", local);
        Ok(())
    }

    fn export_all(
        &mut self,
        exports: &mut ExportWriter<'a>,
        export: &ExportAllDeclaration<'a>,
        binding: &str,
    ) -> Result<(), EditError> {
        match &export.exported {
            Some(exported) => {
                exports.define(exported.name().as_str(), binding);
                Ok(())
            }
            None => self.edits.append_left(export.span.end, ["__vite_ssr_exportAll__(", binding, ");\n"]),
        }
    }

    /// The end of the `default` keyword of an `export default` at `start`, past any comments.
    fn default_keyword_end(&self, start: u32) -> u32 {
        skip_trivia(self.source, &self.program.comments, start + "export".len() as u32) + "default".len() as u32
    }
}

fn export_from<'a>(exports: &mut ExportWriter<'a>, export: &ExportFromDeclaration<'a>, binding: &str) {
    let mut member = String::new();
    for specifier in &export.specifiers {
        member.clear();
        push_member(&mut member, binding, &specifier.local);
        exports.define(specifier.exported.name().as_str(), &member);
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

    fn define(&mut self, name: &'a str, local: &str) {
        let object = self.object;
        // The pieces before the quoted export name, and after it.
        let (before, after): (&[&str], &[&str]) = match (self.style, self.strict) {
            (ExportStyle::ExportName, false) => {
                (&["__vite_ssr_exportName__("], &[", () => { try { return ", local, " } catch {} });\n"])
            }
            (ExportStyle::ExportName, true) => (&["__vite_ssr_exportName__("], &[", () => ", local, ");\n"]),
            (ExportStyle::DefineProperty, false) => (
                &[object, ".defineProperty(__vite_ssr_exports__, "],
                &[", { enumerable: true, configurable: true, get(){ try { return ", local, " } catch {} }});\n"],
            ),
            (ExportStyle::DefineProperty, true) => (
                &[object, ".defineProperty(__vite_ssr_exports__, "],
                &[", { enumerable: true, configurable: true, get(){ return ", local, " }});\n"],
            ),
        };
        let start = self.start_line();
        self.push_pieces(before);
        push_json_string(&mut self.text, name);
        self.push_pieces(after);
        self.lines.push((name, start..self.text.len()));
    }

    /// Names a hoisted default function `default`, before anything can read it.
    fn name_default(&mut self, local: &str) {
        let start = self.start_line();
        let object = self.object;
        self.push_pieces(&[
            object,
            ".defineProperty(",
            local,
            ", \"name\", { value: \"default\", configurable: true });\n",
        ]);
        self.lines.push(("default", start..self.text.len()));
    }

    /// Where the next line starts. Room for a few lines comes with the first.
    fn start_line(&mut self) -> usize {
        if self.text.is_empty() {
            self.text.reserve(256);
        }
        self.text.len()
    }

    fn push_pieces(&mut self, pieces: &[&str]) {
        for piece in pieces {
            self.text.push_str(piece);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{TransformOptions, ssr_transform};

    fn transform(code: &str, options: &TransformOptions) -> String {
        ssr_transform(code, None, "/a.js", options).unwrap().code
    }

    #[test]
    fn import_names_count_in_decimal() {
        for (n, name) in
            [(0, "__vite_ssr_import_0__"), (10, "__vite_ssr_import_10__"), (907, "__vite_ssr_import_907__")]
        {
            assert_eq!(&*super::ImportName::new(n), name);
        }
        assert_eq!(&*super::ImportName::new(usize::MAX), format!("__vite_ssr_import_{}__", usize::MAX));
    }

    /// `code`'s output holds `fragment`.
    fn test(code: &str, fragment: &str) {
        let out = transform(code, &TransformOptions::default());
        assert!(out.contains(fragment), "{out}");
    }

    #[test]
    fn generated_names_skip_user_identifiers() {
        test("import { a } from 'm'\nfunction f(__vite_ssr_import_0__) { return a }", "return __vite_ssr_import_1__.a");
        test("const __vite_ssr_export_default__ = 1\nexport default 2", "const __vite_ssr_export_default_1__ = 2");
    }

    fn strict(code: &str) -> String {
        let options = TransformOptions { strict_esm: true, ..TransformOptions::default() };
        transform(code, &options)
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
}
