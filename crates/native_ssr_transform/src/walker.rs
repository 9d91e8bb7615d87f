//! One walk over the module in Vite's order, collecting what to edit: the `;` that keeps
//! statement lists safe, `import.meta`, `import()`, and every reference to an import,
//! with the form its rewrite takes. Scopes are tracked on the way ([`ImportScope`]), so a
//! name declared again around a reference is left alone.
//!
//! ```text
//! import { a } from 'm'
//! a(1)                      -> Callee { args_start } on `a`: `(0,__vite_ssr_import_0__.a)(1)`
//! const o = { a }           -> Shorthand on `a`:         `{ a: __vite_ssr_import_0__.a }`
//! function f(a) { a }       -> nothing: a parameter shadows the import
//! import.meta.url           -> ImportMeta
//! ```

use oxc_ast::ast::{
    Argument, AssignmentTargetPropertyIdentifier, BindingPattern, BlockStatement, CallExpression, CatchParameter,
    Class, Directive, ExportAllDeclaration, ExportDefaultDeclaration, ExportDefaultDeclarationKind,
    ExportFromDeclaration, ExportNamedDeclaration, Expression, FormalParameters, Function, FunctionBody,
    IdentifierReference, ImportDeclaration, ImportExpression, ImportMeta, ObjectProperty, Program, Statement,
    StaticBlock, SwitchCase, TaggedTemplateExpression, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::{ScopeFlags, ScopeId};

use crate::ordered_set::OrderedSet;
use crate::scope::ImportScope;
use crate::syntax;

/// Which output the walk collects edits for.
#[derive(Clone, Copy)]
pub enum Mode {
    /// Vite's output, byte for byte.
    Vite,
    /// Module semantics ([`crate::TransformOptions::strict_esm`]): a free `arguments`
    /// reads the binding `free_arguments`, as a module has none of its own.
    StrictEsm { free_arguments: usize },
}

/// A module the walk found it must refuse.
pub enum Rejection {
    /// A literal `import()` specifier with a lone surrogate.
    LoneSurrogateImport(Span),
    /// `class {}` as a declaration outside `export default`, which oxc 0.146 lets through.
    AnonymousClass(Span),
}

pub enum WalkEdit {
    Semicolon(u32),
    ImportMeta(Span),
    DynamicImport(u32),
}

#[derive(Clone, Copy)]
pub enum IdentifierKind {
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

pub struct IdentifierEdit {
    pub span: Span,
    pub binding: usize,
    pub kind: IdentifierKind,
    /// The name is declared again in a scope around the reference: no import.
    pub local: bool,
}

/// What a [`Walker`] collects.
pub struct Collected {
    pub walk_edits: Vec<WalkEdit>,
    pub identifier_edits: Vec<IdentifierEdit>,
    pub dynamic_deps: OrderedSet,
    pub rejection: Option<Rejection>,
}

/// One pass over the tree in Vite's walk order, collecting what to edit.
pub struct Walker<'s, 'a> {
    source: &'a str,
    scope: ImportScope<'s>,
    mode: Mode,
    /// Non-arrow functions around the current node: inside one, `arguments` is its own.
    function_depth: u32,
    /// The name of the function expression whose parameters come next: it is bound in
    /// their scope.
    function_name: Option<&'a str>,
    top_level_start: u32,
    walk_edits: Vec<WalkEdit>,
    identifier_edits: Vec<IdentifierEdit>,
    dynamic_deps: OrderedSet,
    /// The first reason found to refuse the module.
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
    /// Whether the module's text holds `import` at all.
    has_import: bool,
}

impl<'s, 'a> Walker<'s, 'a> {
    /// Collects the edits of `program`, resolving imports with `scope`.
    pub fn walk(program: &Program<'a>, scope: ImportScope<'s>, mode: Mode) -> Collected {
        let mut walker = Self {
            source: program.source_text,
            scope,
            mode,
            function_depth: 0,
            function_name: None,
            top_level_start: 0,
            walk_edits: Vec::new(),
            identifier_edits: Vec::new(),
            dynamic_deps: OrderedSet::default(),
            rejection: None,
            quiet_text: None,
        };
        if walker.scope.is_empty() && matches!(mode, Mode::Vite) {
            let has_import = syntax::IMPORT.find(program.source_text.as_bytes()).is_some();
            walker.quiet_text = Some(QuietText { has_import });
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
            let kind = if matches!(self.mode, Mode::StrictEsm { .. }) {
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
        memchr::memchr(b'{', text).is_none() && !(quiet.has_import && syntax::IMPORT.find(text).is_some())
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

    fn visit_block_statement(&mut self, block: &BlockStatement<'a>) {
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
        if let Mode::StrictEsm { free_arguments: binding } = self.mode
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
        let wrapped = matches!(self.mode, Mode::StrictEsm { .. })
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
