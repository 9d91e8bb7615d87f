import { summarize } from '../lib/shared/summary'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = async () => ({ summary: await summarize() })
