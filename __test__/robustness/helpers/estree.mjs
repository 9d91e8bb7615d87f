// Small helpers over the ESTree that Vite's own parser (`parseAst`, rolldown) returns:
// offsets are UTF-16 indices, as in the source maps. Shared by the robustness tests and
// fuzz/differential.mjs.

/** Calls `visit(node, parent, key)` on every node below `root`, parents first. */
export function walk(root, visit) {
  const stack = [[root, null, null]]
  while (stack.length > 0) {
    const [node, parent, key] = stack.pop()
    visit(node, parent, key)
    const children = []
    for (const [childKey, value] of Object.entries(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child !== null && typeof child === 'object' && typeof child.type === 'string') {
          children.push([child, node, childKey])
        }
      }
    }
    // Reversed onto the stack, so that nodes are visited in source order.
    stack.push(...children.reverse())
  }
}

/** Every node below `root` for which `predicate(node, parent, key)` holds. */
export function collect(root, predicate) {
  const found = []
  walk(root, (node, parent, key) => {
    if (predicate(node, parent, key)) found.push(node)
  })
  return found
}

const MODULE_DECLARATIONS = new Set([
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'ExportAllDeclaration',
])

export function isModuleDeclaration(node) {
  return MODULE_DECLARATIONS.has(node.type)
}

/** The local names the module's import declarations bind. */
export function importLocalNames(program) {
  return new Set(
    program.body
      .filter((node) => node.type === 'ImportDeclaration')
      .flatMap((node) => node.specifiers.map((specifier) => specifier.local.name)),
  )
}
