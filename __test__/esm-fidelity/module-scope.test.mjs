import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/module-scope.mjs'

describeFidelityCases('module scope', cases)
