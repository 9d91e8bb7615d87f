//! Which references point at an imported binding.
//!
//! Vite answers this with a hand-written scope walker that has missed shadowing in
//! loops, blocks, `catch`, `switch`, class fields and more. Here the answer comes from
//! `oxc_semantic`'s symbol table: a reference is rewritten exactly when it resolves to a
//! symbol declared by an import specifier.
//!
//! ```text
//! import { a } from 'x'
//! a;                 // -> import binding 0
//! { let a; a }       // -> a local: left alone
//! ```

use oxc_ast::ast::{IdentifierReference, Program};
use oxc_semantic::{Scoping, SemanticBuilder, SymbolId};
use rustc_hash::FxHashMap;

/// The symbol table, reduced to the one question the rewrite asks.
pub struct ImportScope {
    scoping: Option<Scoping>,
    /// Symbol of each import specifier's local name -> index of its rewritten text.
    imports: FxHashMap<SymbolId, usize>,
}

impl ImportScope {
    /// `import_locals` maps each import specifier's local symbol to its binding index.
    /// Without `needed`, no symbol table is built: a module without imports has no
    /// reference to rewrite.
    pub fn build<'a>(
        program: &Program<'a>,
        needed: bool,
        import_locals: impl Fn(&Scoping) -> FxHashMap<SymbolId, usize>,
    ) -> Self {
        if !needed {
            return Self { scoping: None, imports: FxHashMap::default() };
        }
        let semantic = SemanticBuilder::new().with_check_syntax_error(false).build(program);
        let scoping = semantic.semantic.into_scoping();
        let imports = import_locals(&scoping);
        Self { scoping: Some(scoping), imports }
    }

    /// The binding index of the import that `reference` resolves to, if any.
    pub fn import_of(&self, reference: &IdentifierReference) -> Option<usize> {
        let scoping = self.scoping.as_ref()?;
        let symbol = scoping.get_reference(reference.reference_id.get()?).symbol_id()?;
        self.imports.get(&symbol).copied()
    }

    /// Whether the module's top level declares `name` (of any kind, imports included).
    /// Only answered when the table was built.
    pub fn declares_top_level(&self, name: &str) -> bool {
        self.scoping.as_ref().is_some_and(|scoping| scoping.get_root_binding(name.into()).is_some())
    }
}
