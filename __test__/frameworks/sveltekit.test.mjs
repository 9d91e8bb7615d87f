import { APPS } from './helpers/apps.mjs'
import { describeFramework } from './helpers/describe-framework.mjs'

describeFramework(APPS.sveltekit)
