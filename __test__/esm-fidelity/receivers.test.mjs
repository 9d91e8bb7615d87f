import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/receivers.mjs'

describeFidelityCases('receivers, tagged templates and class extends', cases)
