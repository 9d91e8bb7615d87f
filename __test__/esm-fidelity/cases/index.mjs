// Every ESM-fidelity case list, in the order of the table in docs/esm-fidelity.md. The id
// prefix names a case in the table: prefix + its position in the list (L1, L2, …).
import { cases as cycles } from './cycles.mjs'
import { cases as defaultNames } from './default-names.mjs'
import { cases as earlyErrors } from './early-errors.mjs'
import { cases as liveBindings } from './live-bindings.mjs'
import { cases as moduleScope } from './module-scope.mjs'
import { cases as namespaces } from './namespaces.mjs'
import { cases as receivers } from './receivers.mjs'
import { cases as temporalDeadZone } from './temporal-dead-zone.mjs'

export const TOPICS = [
  { prefix: 'L', topic: 'live bindings', cases: liveBindings },
  { prefix: 'C', topic: 'cycles, hoisting and evaluation order', cases: cycles },
  { prefix: 'T', topic: 'temporal dead zone across a cycle', cases: temporalDeadZone },
  { prefix: 'N', topic: 'default export names', cases: defaultNames },
  { prefix: 'S', topic: 'namespaces and export *', cases: namespaces },
  { prefix: 'M', topic: 'module scope: this, arguments, import.meta, eval, dynamic import, string names', cases: moduleScope },
  { prefix: 'R', topic: 'receivers, tagged templates and class extends', cases: receivers },
  { prefix: 'E', topic: 'early errors', cases: earlyErrors },
]
