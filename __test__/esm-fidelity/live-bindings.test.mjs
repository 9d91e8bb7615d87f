import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/live-bindings.mjs'

describeFidelityCases('live bindings', cases)
