// Registers the tests of a list of ESM-fidelity cases: one test per way of running each
// program (see ../helpers/fidelity.mjs for the case fields and the rules they follow).
import { describe, expect, test } from 'vitest'
import { CONFIGURATIONS, expectedOutcomes, runConfiguration } from '../helpers/fidelity.mjs'

export function describeFidelityCases(topic, cases) {
  describe(topic, () => {
    for (const fidelityCase of cases) {
      const expected = expectedOutcomes(fidelityCase)
      describe(fidelityCase.name, () => {
        for (const configuration of CONFIGURATIONS) {
          test(configuration.label, async () => {
            expect(await runConfiguration(configuration, fidelityCase)).toEqual(expected[configuration.column])
          })
        }
      })
    }
  })
}
