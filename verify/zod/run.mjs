// `npm run verify:zod`: runs zod's own test suite (shipped in its npm package, MIT) under
// Vitest twice, without and with the plugin, and checks that every test ends the same way.
// The run with the plugin must also report that it transformed modules natively.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const config = fileURLToPath(new URL('./vitest.config.mjs', import.meta.url))
const vitestCli = join(repoRoot, 'node_modules/vitest/vitest.mjs')
const SUMMARY = /\[native-ssr-transform\] (\d+) modules? transformed natively in ([\d.]+) ms/

async function runSuite(withPlugin, outputDir) {
  const outputFile = join(outputDir, `${withPlugin ? 'plugin' : 'control'}.json`)
  const args = [vitestCli, 'run', '-c', config, '--reporter=json', `--outputFile=${outputFile}`]
  const started = performance.now()
  const output = await new Promise((resolve, reject) => {
    // CI=1: a missing snapshot fails instead of being written into node_modules/zod.
    const env = { ...process.env, CI: '1', NATIVE_SSR_TRANSFORM: withPlugin ? '1' : '0' }
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.stderr.on('data', (chunk) => (text += chunk))
    child.on('error', reject)
    child.on('close', () => resolve(text))
  })
  const seconds = (performance.now() - started) / 1000
  const report = JSON.parse(await readFile(outputFile, 'utf8'))
  const outcomes = new Map()
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      // Some files repeat a test name: number the repeats, in their order in the file.
      const name = `${file.name} > ${test.fullName}`
      let key = name
      for (let repeat = 2; outcomes.has(key); repeat++) key = `${name} #${repeat}`
      outcomes.set(key, test.status)
    }
  }
  return { report, outcomes, seconds, summary: output.match(SUMMARY), output }
}

function describeRun(label, { report, seconds }) {
  const { numTotalTestSuites, numPassedTests, numFailedTests, numPendingTests, numTodoTests } = report
  return `${label}: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped or todo, in ${numTotalTestSuites} suites (${seconds.toFixed(1)} s)`
}

const outputDir = await mkdtemp(join(tmpdir(), 'verify-zod-'))
try {
  const control = await runSuite(false, outputDir)
  console.log(describeRun('without the plugin', control))
  const withPlugin = await runSuite(true, outputDir)
  console.log(describeRun('with the plugin   ', withPlugin))

  const problems = []
  if (!withPlugin.summary) problems.push(`the plugin printed no summary:\n${withPlugin.output.slice(-2000)}`)
  else console.log(`plugin: ${withPlugin.summary[1]} modules transformed natively, ${withPlugin.summary[2]} ms summed`)
  if (control.outcomes.size === 0) problems.push('no tests ran')
  for (const [test, status] of control.outcomes) {
    if (withPlugin.outcomes.get(test) !== status) problems.push(`${test}: ${status} without the plugin, ${withPlugin.outcomes.get(test) ?? 'missing'} with it`)
  }
  for (const test of withPlugin.outcomes.keys()) {
    if (!control.outcomes.has(test)) problems.push(`${test}: only ran with the plugin`)
  }
  if (problems.length) {
    console.error(`\n${problems.length} differences:\n${problems.slice(0, 50).join('\n')}`)
    process.exitCode = 1
  } else {
    console.log(`identical: all ${control.outcomes.size} tests end the same way with and without the plugin`)
  }
} finally {
  await rm(outputDir, { recursive: true, force: true })
}
