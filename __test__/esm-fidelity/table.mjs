// Prints the generated part of docs/esm-fidelity.md from real runs of every ESM-fidelity
// case: the outcome table, what strict mode cannot match (with the reason each case
// gives), and the runs that do not give what their case expects.
//
//   node __test__/esm-fidelity/table.mjs > /tmp/esm-fidelity.md
//
// A cell in bold differs from native ESM. Where the two export styles differ, both are
// shown. The exit code is 1 when a run does not give what its case expects (the suite,
// `npx vitest run __test__/esm-fidelity`, fails on the same runs).
import { isDeepStrictEqual } from 'node:util'
import { agreesWithNative, CONFIGURATIONS, expectedOutcomes, formatOutcome, runConfiguration } from '../helpers/fidelity.mjs'
import { TOPICS } from './cases/index.mjs'

const COLUMNS = ['native', 'vite', 'ours', 'strict']
const TABLE_HEADER = ['| id | case | native | Vite | ours default | ours strict |', '|---|---|---|---|---|---|']

const escapeMarkdown = (text) => text.replaceAll('|', '\\|').replaceAll('`', '\\`')

async function runEveryConfiguration(fidelityCase) {
  const expected = expectedOutcomes(fidelityCase)
  const runs = []
  // One after the other: a few programs talk through globalThis.
  for (const configuration of CONFIGURATIONS) {
    const outcome = await runConfiguration(configuration, fidelityCase)
    runs.push({ configuration, outcome, expected: expected[configuration.column] })
  }
  return runs
}

/** The cell of one column: its outcome, or one per export style where they differ. */
function renderCell(runs, native) {
  const render = ({ outcome }) => {
    const text = escapeMarkdown(formatOutcome(outcome))
    return agreesWithNative(outcome, native) ? text : `**${text}**`
  }
  const distinct = [...new Map(runs.map((run) => [formatOutcome(run.outcome), run])).values()]
  if (distinct.length === 1) return render(distinct[0])
  return distinct.map((run) => `${run.configuration.exportStyle}: ${render(run)}`).join('<br>')
}

const rows = [...TABLE_HEADER]
const unfixable = []
const unexpected = []
for (const { prefix, cases } of TOPICS) {
  for (const [index, fidelityCase] of cases.entries()) {
    const id = `${prefix}${index + 1}`
    const title = escapeMarkdown(fidelityCase.name)
    const runs = await runEveryConfiguration(fidelityCase)
    const native = runs.find((run) => run.configuration.column === 'native').outcome
    const cells = COLUMNS.map((column) => renderCell(runs.filter((run) => run.configuration.column === column), native))
    rows.push(`| ${id} | ${title} | ${cells.join(' | ')} |`)
    if (fidelityCase.unfixable) unfixable.push(`- ${id} (${title}): ${fidelityCase.unfixable}`)
    for (const { configuration, outcome, expected } of runs) {
      if (isDeepStrictEqual(outcome, expected)) continue
      const given = escapeMarkdown(formatOutcome(outcome))
      unexpected.push(`- ${id} (${title}), ${configuration.label}: gives ${given}, expected ${escapeMarkdown(formatOutcome(expected))}`)
    }
  }
}

console.log(rows.join('\n'))
console.log('\n### What strict mode cannot match, and why\n')
console.log(unfixable.join('\n'))
console.log('\n### Runs that do not give what their case expects\n')
console.log(unexpected.length > 0 ? unexpected.join('\n') : 'None.')
if (unexpected.length > 0) process.exitCode = 1
