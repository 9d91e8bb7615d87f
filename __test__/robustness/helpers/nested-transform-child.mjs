// One transform of a deeply nested module, in a process of its own: a stack overflow
// aborts the whole process, so the test that spawns this one sees a crash as an exit
// status or a signal instead of losing its own runner.
//
//   node nested-transform-child.mjs KIND DEPTH sync|async
//
// Prints `{ "outcome": "result", "correct": boolean }` or
// `{ "outcome": "error", "name": …, "message": … }`.
import { ssrTransform, ssrTransformSync } from '../../../index.mjs'
import { MODULE_URL, expectedNestedOutput, nestedModule } from './inputs.mjs'

const [kind, depthArgument, mode] = process.argv.slice(2)
const depth = Number(depthArgument)
const code = nestedModule(kind, depth)
try {
  const result = mode === 'async' ? await ssrTransform(code, null, MODULE_URL) : ssrTransformSync(code, null, MODULE_URL)
  const correct = result.code === expectedNestedOutput(kind, depth) && result.deps.join() === 'a'
  console.log(JSON.stringify({ outcome: 'result', correct }))
} catch (error) {
  console.log(JSON.stringify({ outcome: 'error', name: error.name, message: error.message }))
}
