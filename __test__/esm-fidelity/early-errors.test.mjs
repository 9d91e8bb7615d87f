import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/early-errors.mjs'

describeFidelityCases('early errors', cases)
