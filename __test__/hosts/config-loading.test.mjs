// A Vite config that imports the plugin from outside node_modules: by path, or as a
// workspace package linked into node_modules. Before Vite 8, Vite bundles such a config
// with esbuild together with everything imported from outside node_modules, so the plugin
// must survive being inlined into an ES module bundle.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const VITES = { 'Vite 5.4': 'vite5', 'Vite 6.2': 'vite6', 'Vite 7.3': 'vite7', 'Vite 8': 'vite' }
const IMPORTS = {
  'by absolute path': JSON.stringify(join(repoRoot, 'vite.mjs')),
  'as a linked workspace package': JSON.stringify('native-ssr-transform/vite'),
}

let projectDir
beforeAll(async () => {
  projectDir = await mkdtemp(join(tmpdir(), 'native-ssr-transform-config-'))
  await mkdir(join(projectDir, 'node_modules'))
  await symlink(repoRoot, join(projectDir, 'node_modules', 'native-ssr-transform'), 'dir')
  for (const [index, specifier] of Object.values(IMPORTS).entries()) {
    const config = `import nativeSsrTransform from ${specifier}\nexport default { plugins: [nativeSsrTransform({ logLevel: 'silent' })] }\n`
    await writeFile(join(projectDir, `vite.config.${index}.mjs`), config)
  }
})
afterAll(async () => {
  await rm(projectDir, { recursive: true, force: true })
})

describe.each(Object.entries(VITES))('%s loads a config that imports the plugin', (_, vitePackage) => {
  test.each(Object.keys(IMPORTS).map((how, index) => [how, index]))('%s', async (_, index) => {
    const { loadConfigFromFile } = await import(vitePackage)
    const loaded = await loadConfigFromFile({ command: 'serve', mode: 'development' }, join(projectDir, `vite.config.${index}.mjs`), projectDir, 'silent')
    const [plugin] = loaded.config.plugins
    expect(plugin.name).toBe('native-ssr-transform')
    expect(plugin.api.version).toBe(JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')).version)
  })
})
