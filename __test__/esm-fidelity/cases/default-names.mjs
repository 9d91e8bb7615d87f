// `export default` of an anonymous function or class names it `default`. Vite's
// `const __vite_ssr_export_default__ = …` names it after that constant instead; strict
// mode writes `{ default: … }.default`, or keeps a default function a (hoisted)
// declaration and renames it.

// The entry reports `report` (an expression over `value`) for `value`, the default export of `lib`.
const defaultExport = (lib, report = 'value.name') => ({
  '/lib.js': lib,
  '/main.js': `import value from './lib.js'\nexport const result = ${report}`,
})

const VITE_NAME = '__vite_ssr_export_default__'

// Anonymous function and class definitions: natively `default`, under Vite the name of its constant.
const anonymousDefinitions = [
  ['function', 'export default function () {}'],
  ['class', 'export default class {}'],
  ['arrow function', 'export default () => {}'],
  ['async arrow function', 'export default async () => {}'],
  ['async function', 'export default async function () {}'],
  ['generator', 'export default function* () {}'],
  ['async generator', 'export default async function* () {}'],
  ['function with no space before its parameters', 'export default function(){}'],
  ['async generator with no space before its parameters', 'export default async function*(){}'],
  ['parenthesized function', 'export default (function () {})'],
  ['parenthesized arrow function', 'export default (() => {})'],
  ['parenthesized class', 'export default (class {})'],
  ['function after a comment', 'export default /* comment */ function () {}'],
  ['arrow function followed by a comment and a statement', 'export default () => {} // comment\n;[].forEach(() => {})'],
].map(([kind, lib]) => ({ name: `anonymous ${kind}`, files: defaultExport(lib), native: 'default', vite: VITE_NAME }))

export const cases = [
  ...anonymousDefinitions,
  {
    name: 'anonymous function in a module that declares its own Object',
    files: defaultExport('const Object = null\nexport default function () {}'),
    native: 'default',
    vite: VITE_NAME,
  },
  {
    name: 'named function',
    files: defaultExport('export default function named() {}'),
    native: 'named',
  },
  {
    name: 'named class',
    files: defaultExport('export default class Named {}'),
    native: 'Named',
  },
  {
    name: 'export { f as default }',
    files: defaultExport('function f() {}\nexport { f as default }'),
    native: 'f',
  },
  {
    name: 'a function held by a const, exported by name',
    files: defaultExport('const held = () => {}\nexport default held'),
    native: 'held',
  },
  {
    name: 'a function inside a sequence expression stays anonymous',
    files: defaultExport('export default (0, function () {})'),
    native: '',
  },
  {
    name: 'a static field of an anonymous class reads the class name',
    files: defaultExport('export default class { static seen = this.name }', 'value.seen'),
    native: 'default',
    vite: VITE_NAME,
  },
  {
    name: 'a class with a static name method keeps it',
    files: defaultExport('export default class { static name() { return "own" } }', 'value.name()'),
    native: 'own',
  },
  {
    name: 'the name property of an anonymous default function',
    files: defaultExport(
      'export default function () {}',
      `(({ value, writable, enumerable, configurable }) => [value, writable, enumerable, configurable])(Object.getOwnPropertyDescriptor(value, 'name'))`,
    ),
    native: ['default', false, false, true],
    vite: [VITE_NAME, false, false, true],
  },
  {
    name: 'the source text of an anonymous default function',
    files: defaultExport('export default function () { return 1 }', 'value.toString()'),
    native: 'function () { return 1 }',
    strict: 'function __vite_ssr_export_default__() { return 1 }',
    unfixable:
      'strict mode keeps the function a hoisted declaration, callable from a cycle before the module body runs, and a declaration needs a name; moving the expression to the top of the module instead would move its lines',
  },
  {
    name: 'an anonymous default function is a constructor with its own prototype',
    files: defaultExport('export default function () { this.made = true }', '[new value().made, value.prototype.constructor === value]'),
    native: [true, true],
  },
  {
    name: 'an anonymous default class extending another keeps its name',
    files: defaultExport('class Base {}\nexport default class extends Base {}', '[value.name, Object.getPrototypeOf(value).name]'),
    native: ['default', 'Base'],
    vite: [VITE_NAME, 'Base'],
  },
]
