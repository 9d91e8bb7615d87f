'use strict'
// The smoke run of one built binary, in whatever Node runs this file (an arm64 Node under
// qemu, the oldest supported x64 Node, WASI in Node 20). The binding comes from
// NAPI_RS_NATIVE_LIBRARY_PATH, through the package's own index.js. It compares with what
// Vite's moduleRunnerTransform gave in the parent process (scripts/test-platforms.mjs):
// the corpus files through the sync and the async API, a parse error, and lone surrogates.
const { readFileSync } = require('node:fs')
const { basename } = require('node:path')
const { isDeepStrictEqual } = require('node:util')
const { ssrTransform, ssrTransformSync } = require('../../index.js')

// The loader tries other candidates when the override fails to load: make sure it did not.
const bindingFile = process.env.NAPI_RS_NATIVE_LIBRARY_PATH
if (!require.cache[bindingFile]) throw new Error(`${bindingFile} was not the binding loaded`)

const plain = (value) => JSON.parse(JSON.stringify(value))

function sameResult(ours, vites) {
  return ours.code === vites.code && isDeepStrictEqual(plain(ours.map), vites.map) && isDeepStrictEqual(ours.deps, vites.deps) && isDeepStrictEqual(ours.dynamicDeps, vites.dynamicDeps)
}

async function main() {
  const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'))
  const inputs = expected.files.map((file) => ({ ...file, code: readFileSync(file.path, 'utf8') }))
  const failures = []
  const check = (name, ok) => {
    if (!ok) failures.push(name)
    return ok
  }

  const syncIdentical = inputs.filter(({ code, url, vite }) => check(`sync ${url}`, sameResult(ssrTransformSync(code, null, url, code), vite))).length
  const asyncResults = await Promise.all(inputs.map(({ code, url }) => ssrTransform(code, null, url, code)))
  const asyncIdentical = inputs.filter(({ url, vite }, i) => check(`async ${url}`, sameResult(asyncResults[i], vite))).length
  let thrown
  try {
    await ssrTransform(expected.error.code, null, expected.error.url, expected.error.code)
  } catch (error) {
    thrown = { message: error.message, code: error.code, id: error.id, loc: error.loc }
  }
  check('parse error', isDeepStrictEqual(thrown, expected.error.vite))
  const { code, url, vite } = expected.loneSurrogates
  check('lone surrogates, sync', sameResult(ssrTransformSync(code, null, url, code), vite))
  check('lone surrogates, async', sameResult(await ssrTransform(code, null, url, code), vite))

  console.log(`  ${basename(bindingFile)} in ${process.version} ${process.arch}: sync ${syncIdentical}/${inputs.length} identical to Vite, async ${asyncIdentical}/${inputs.length}, parse error ${failures.includes('parse error') ? 'differs' : 'identical'}, lone surrogates ${failures.some((name) => name.startsWith('lone')) ? 'differ' : 'identical'}`)
  if (failures.length > 0) {
    console.log(`  differing: ${failures.slice(0, 10).join(', ')}`)
    process.exitCode = 1
  }
}

main()
