import { describeFidelityCases } from './describe-cases.mjs'
import { cases } from './cases/temporal-dead-zone.mjs'

describeFidelityCases('temporal dead zone across a cycle', cases)
