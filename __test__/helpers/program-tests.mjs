// Registers the standard set of tests for one in-memory program (see runner.mjs for the
// program contract): native Node ESM must give `expected` (which checks that the
// program exercises what it claims to), and every ModuleRunner configuration must give
// what native Node gives.
//
// Where Vite's ModuleRunner knowingly differs from native ESM, pass
// `expectedInModuleRunner`: Vite's transform and ours must then both give that value,
// because our output is meant to be byte-identical to Vite's.
//
// Where Vite's transform produces code that does not even run, pass `viteFailsWith`
// (the error class): the Vite control then expects that error, and ours must still
// behave like native ESM. Where Vite's code runs but gives another result than native
// ESM, pass that result as `viteGives`.
import { moduleRunnerTransform } from 'vite'
import { describe, expect, test } from 'vitest'
import { EXPORT_STYLES, ourTransform } from './ours.mjs'
import { runModules, runNative } from './runner.mjs'

export function describeProgram(name, { files, entry = '/main.js', expected, expectedInModuleRunner, viteFailsWith, viteGives }) {
  describe(name, () => {
    let nativeRun
    const nativeResult = () => (nativeRun ??= runNative(files, entry))
    const moduleRunnerTarget = async () => expectedInModuleRunner ?? await nativeResult()

    test('native Node ESM (ground truth)', async () => {
      expect(await nativeResult()).toEqual(expected)
    })

    test('ModuleRunner + Vite moduleRunnerTransform (control)', async () => {
      const viteRun = runModules(files, entry, { transform: moduleRunnerTransform })
      if (viteFailsWith) await expect(viteRun).rejects.toThrow(viteFailsWith)
      else if (viteGives !== undefined) expect(await viteRun).toEqual(viteGives)
      else expect(await viteRun).toEqual(await moduleRunnerTarget())
    })

    for (const exportStyle of EXPORT_STYLES) {
      test(`ModuleRunner + ours, exportStyle ${exportStyle}`, async () => {
        expect(await runModules(files, entry, { transform: ourTransform({ exportStyle }) })).toEqual(await moduleRunnerTarget())
      })
    }
  })
}
