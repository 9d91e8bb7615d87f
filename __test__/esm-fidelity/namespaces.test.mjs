import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/namespaces.mjs'

describeFidelityCases('namespaces and export *', cases)
