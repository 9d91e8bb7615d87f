// The tests every framework app gets: its real dev server is run twice, without the plugin
// (the control) and with it, and each run fetches the page and a server route, reads the
// counters (shared/test-plugins.mjs), edits a server module and reads the page again.
import { readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { beforeAll, describe, expect, test } from 'vitest'
import { prepareApp, unescapeHtml } from './apps.mjs'
import { startDevServer } from './dev-server.mjs'

const INSTALL_AND_RUNS_TIMEOUT_MS = 20 * 60_000
const EDIT_TIMEOUT_MS = 60_000
const EDIT_POLL_MS = 200
const ORIGINAL_GREETING = 'hello from greeting.ts'

/** What differs from run to run in dev-server output: cache-busting hashes, build versions, timings. */
function withoutRunIds(html) {
  return html
    .replace(/([?&](?:v|t)=)[\w.-]+/g, '$1<id>')
    .replace(/("version":\s*"|version: "|server-render-time=")[\d.]+"/g, '$1<id>"')
}

/**
 * A response without the stacks it holds, where those are positions in the transformed
 * code (the framework does not map them) and the plugin's code differs from the host's.
 */
function withoutUnmappedStacks(app, { status, text }) {
  if (!app.transformedCodeDiffers) return { status, text }
  const { stacks, ...rest } = JSON.parse(text)
  return { status, json: rest }
}

/** File, line and column of a stack's top frame. */
function topFrame(stack) {
  const [, file, line, column] = stack.split('\n')[1].match(/\(?([^\s()]+):(\d+):(\d+)\)?$/)
  return { file, line: Number(line), column: Number(column) }
}

/** Where the stored source map of `frame.file` maps the frame back to. */
async function throughStoredMap(app, server, frame) {
  const map = await server.storedMap(frame.file)
  const original = originalPositionFor(new TraceMap(map), { line: frame.line - app.runnerLineOffset, column: frame.column - 1 })
  return { file: original.source, line: original.line, column: original.column + 1 }
}

async function editGreetingAndWatch(app, server, mode) {
  const file = join(app.dir, app.libDir, 'greeting.ts')
  const edited = `edited while the ${mode} server ran`
  await writeFile(file, (await readFile(file, 'utf8')).replace(ORIGINAL_GREETING, edited))
  // The watcher sees the edit some milliseconds later; the requests until then still get
  // the old module, so the page is read until it changes (or the bound runs out).
  const deadline = Date.now() + EDIT_TIMEOUT_MS
  let requests = 0
  while (Date.now() < deadline) {
    requests++
    if ((await server.fetch(app.page)).text.includes(edited)) return { seen: true, requests }
    await new Promise((resolve) => setTimeout(resolve, EDIT_POLL_MS))
  }
  return { seen: false, requests }
}

async function exercise(app, withPlugin) {
  await prepareApp(app)
  const mode = withPlugin ? 'plugin' : 'control'
  const server = await startDevServer(app, { withPlugin })
  try {
    const page = await server.fetch(app.page)
    const route = await server.fetch(app.route)
    for (const [path, response] of [[app.page, page], [app.route, route]]) {
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}\n${response.text.slice(0, 3000)}`)
    }
    const report = await server.report()
    const stacks = app.stacks({ page: page.text, route: JSON.parse(route.text) })
    const stackSites = {}
    for (const [kind, stack] of Object.entries(stacks)) {
      const frame = topFrame(stack)
      const site = app.mapsStacks ? frame : await throughStoredMap(app, server, frame)
      stackSites[kind] = { ...site, file: basename(site.file) }
    }
    const edit = await editGreetingAndWatch(app, server, mode)
    return { page: { ...page, text: withoutRunIds(page.text) }, route, report, stacks, stackSites, edit }
  } catch (error) {
    error.message += `\n--- ${app.name} (${mode}) output ---\n${server.output()}`
    throw error
  } finally {
    await server.stop()
  }
}

/** `app`: one of helpers/apps.mjs. */
export function describeFramework(app) {
  describe(app.name, () => {
    const runs = {}
    beforeAll(async () => {
      runs.control = await exercise(app, false)
      runs.plugin = await exercise(app, true)
      const { serverModules, plugin, viteJsTransforms } = runs.plugin.report
      console.info(
        `${app.name}: ${serverModules.length} server modules loaded; plugin: ${JSON.stringify(plugin)}; Vite's transform ran ${viteJsTransforms} times with the plugin, ${runs.control.report.viteJsTransforms} without`,
      )
    }, INSTALL_AND_RUNS_TIMEOUT_MS)

    test('the page renders, the same with and without the plugin (apart from run ids)', () => {
      expect(runs.control.page.status).toBe(200)
      expect(unescapeHtml(runs.control.page.text)).toContain("a <-> b (sees a's exports: default, label)")
      expect(runs.plugin.page).toEqual(runs.control.page)
    })

    test('the server route gives the same response with and without the plugin', () => {
      expect(runs.control.route.status).toBe(200)
      expect(withoutUnmappedStacks(app, runs.plugin.route)).toEqual(withoutUnmappedStacks(app, runs.control.route))
    })

    test('the plugin transformed every server module loaded, with no fallback', () => {
      const { plugin, serverModules } = runs.plugin.report
      // The optimizer's hash in ids depends on the config, which the plugin is part of.
      expect(serverModules.map(withoutRunIds)).toEqual(runs.control.report.serverModules.map(withoutRunIds))
      expect(plugin).toEqual({ modules: serverModules.length, fallbacks: 0 })
    })

    test(`Vite's own transform ran for none of them (${app.transformsOutOfReach} out of the plugin's reach)`, () => {
      const control = runs.control.report
      // Without the plugin, the counter sees one Vite transform per module loaded.
      expect(control.viteJsTransforms).toBe(control.serverModules.length + app.transformsOutOfReach)
      expect(runs.plugin.report.viteJsTransforms).toBe(app.transformsOutOfReach)
    })

    test('an edit to a server module, made while the server runs, shows on the page', () => {
      for (const run of [runs.control, runs.plugin]) expect(run.edit.seen).toBe(true)
    })

    test('error stacks point at the original line and column, the same both ways', () => {
      expect(runs.control.stackSites).toEqual(app.expectedStackSites)
      expect(runs.plugin.stackSites).toEqual(app.expectedStackSites)
      if (!app.transformedCodeDiffers) expect(runs.plugin.stacks).toEqual(runs.control.stacks)
    })
  })
}
