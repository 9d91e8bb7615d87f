import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/default-names.mjs'

describeFidelityCases('default export names', cases)
