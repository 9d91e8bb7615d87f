import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/cycles.mjs'

describeFidelityCases('cycles, hoisting and evaluation order', cases)
