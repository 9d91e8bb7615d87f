// What `this` a call on an import gets, tagged templates on imports, and classes that
// extend an import. The transform turns an import `f` into a member read `ns.f`, which
// must not become the receiver of a call or a tag, and must stay a live read.
import { throws } from '../../helpers/fidelity.mjs'

// /lib.js exports `receiver` (also as `tag` and as default), which reports what it was
// called on, and `holder`, an object with it as a method. The entry imports `imports`
// from it and reports `report`.
const RECEIVER_LIB = `
import * as self from './lib.js'
export function receiver() { return this === undefined ? 'undefined' : this === self ? 'namespace' : this === holder ? 'holder' : typeof this }
export const holder = { receiver, tag: receiver }
export const tag = receiver
export default receiver
`
const callsOnLib = (imports, report) => ({ '/lib.js': RECEIVER_LIB, '/main.js': `import ${imports} from './lib.js'\nexport const result = ${report}` })

// /base.js exports `Base` and `swap()`, which replaces `Base` by a class named Second.
const BASE_LIB = `export let Base = class First {}\nexport function swap() { Base = class Second {} }`
const extendingBase = (main, extraFiles = {}) => ({ '/base.js': BASE_LIB, ...extraFiles, '/main.js': main })
const superclassName = (expression) => `Object.getPrototypeOf(${expression}).name`

export const cases = [
  {
    name: 'calling an imported function passes no receiver',
    files: callsOnLib('{ receiver }', 'receiver()'),
    native: 'undefined',
  },
  {
    name: 'calling through the namespace passes the namespace',
    files: callsOnLib('* as ns', 'ns.receiver()'),
    native: 'namespace',
  },
  {
    name: 'optional, parenthesized and sequence calls of an import',
    files: callsOnLib('{ receiver }', '[receiver?.(), (receiver)(), (0, receiver)()]'),
    native: ['undefined', 'undefined', 'undefined'],
  },
  {
    name: 'call, apply and bind on an import',
    files: callsOnLib('{ receiver, holder }', '[receiver.call(holder), receiver.apply(holder, []), receiver.bind(holder)()]'),
    native: ['holder', 'holder', 'holder'],
  },
  {
    name: 'a method of an imported object gets the object',
    files: callsOnLib('{ holder }', '[holder.receiver(), holder["receiver"]()]'),
    native: ['holder', 'holder'],
  },
  {
    name: 'an import passed as a callback',
    files: callsOnLib('{ receiver }', '[1].map(receiver)[0]'),
    native: 'undefined',
  },
  {
    name: 'an import called inside nested functions, a template and a default parameter',
    files: callsOnLib('{ receiver }', '[(() => receiver())(), `${receiver()}`, ((x = receiver()) => x)()]'),
    native: ['undefined', 'undefined', 'undefined'],
  },
  {
    name: 'new on an imported class',
    files: {
      '/lib.js': `export class Made { constructor() { this.kind = new.target.name } }`,
      '/main.js': `import { Made } from './lib.js'\nconst made = new Made()\nexport const result = [made.kind, made instanceof Made]`,
    },
    native: ['Made', true],
  },
  {
    name: 'an imported tag is called without a receiver',
    files: callsOnLib('{ tag }', 'tag`x`'),
    native: 'undefined',
    vite: 'namespace',
  },
  {
    name: 'an imported tag inside a function',
    files: callsOnLib('{ tag }', '(() => tag`x`)()'),
    native: 'undefined',
    vite: 'namespace',
  },
  {
    name: 'a default import called and used as a tag',
    files: callsOnLib('receiver', '[receiver(), receiver`x`]'),
    native: ['undefined', 'undefined'],
    vite: ['undefined', 'namespace'],
  },
  {
    name: 'a namespace member tag gets the namespace',
    files: callsOnLib('* as ns', 'ns.tag`x`'),
    native: 'namespace',
  },
  {
    name: 'a tag that is a method of an imported object gets the object',
    files: callsOnLib('{ holder }', 'holder.tag`x`'),
    native: 'holder',
  },
  {
    name: 'an imported tag gets the cooked and raw strings and the values',
    files: {
      '/lib.js': 'export const tag = (strings, ...values) => [[...strings], [...strings.raw], values]',
      '/main.js': `import { tag } from './lib.js'\nexport const result = tag\`a\\n\${1}b\``,
    },
    native: [['a\n', 'b'], ['a\\n', 'b'], [1]],
  },
  {
    name: 'the strings of one tagged template site are the same object each time',
    files: {
      '/lib.js': 'export const tag = (strings) => strings',
      '/main.js': `import { tag } from './lib.js'\nconst site = () => tag\`same\`\nexport const result = [site() === site(), site() === tag\`same\`]`,
    },
    native: [true, false],
  },
  {
    name: 'a top-level class extends an import reassigned before the class',
    files: extendingBase(`import { Base, swap } from './base.js'\nswap()\nclass Derived extends Base {}\nexport const result = ${superclassName('Derived')}`),
    native: 'Second',
  },
  {
    name: 'a class declared in a function extends the import as it is when the function runs',
    files: extendingBase(
      `
import { Base, swap } from './base.js'
function make() {
  class Derived extends Base {}
  return Derived
}
const before = make()
swap()
export const result = [${superclassName('before')}, ${superclassName('make()')}]`,
    ),
    native: ['First', 'Second'],
    vite: ['First', 'First'],
  },
  {
    name: 'a class declared in a hoisted function, called across a cycle',
    files: extendingBase(`import './maker.js'\nimport { made } from './caller.js'\nexport const result = made`, {
      '/maker.js': `
import { Base } from './base.js'
import './caller.js'
export function make() {
  class Derived extends Base {}
  return ${superclassName('Derived')}
}`,
      '/caller.js': `import { make } from './maker.js'\nexport const made = make()`,
    }),
    native: 'First',
    // Vite's `const Base = …` copy sits before the statement, which has not run yet.
    vite: throws('ReferenceError'),
  },
  {
    name: 'a class expression extends an import',
    files: extendingBase(`import { Base, swap } from './base.js'\nswap()\nconst Derived = class extends Base {}\nexport const result = ${superclassName('Derived')}`),
    native: 'Second',
  },
  {
    name: 'a class extends a namespace member',
    files: extendingBase(`import * as base from './base.js'\nbase.swap()\nclass Derived extends base.Base {}\nexport const result = ${superclassName('Derived')}`),
    native: 'Second',
  },
  {
    name: 'a class extends an imported default class and calls super',
    files: {
      '/base.js': `export default class { constructor(kind) { this.kind = kind } describe() { return 'base ' + this.kind } }`,
      '/main.js': `
import Base from './base.js'
class Derived extends Base { constructor() { super('derived') } describe() { return super.describe() + '!' } }
const made = new Derived()
export const result = [made.describe(), made instanceof Base]`,
    },
    native: ['base derived!', true],
  },
  {
    name: 'two classes extend one import, one of them after a reassignment',
    files: extendingBase(
      `
import { Base, swap } from './base.js'
class Before extends Base {}
swap()
class After extends Base {}
export const result = [${superclassName('Before')}, ${superclassName('After')}]`,
    ),
    native: ['First', 'Second'],
    vite: ['First', 'First'],
  },
  {
    name: 'a class extends a call on an import',
    files: {
      '/mixin.js': `export const mixin = (Base) => class Mixed extends Base {}\nexport class Root {}`,
      '/main.js': `
import { mixin, Root } from './mixin.js'
class Derived extends mixin(Root) {}
export const result = [${superclassName('Derived')}, new Derived() instanceof Root]`,
    },
    native: ['Mixed', true],
  },
]
