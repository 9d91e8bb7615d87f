import { summarize } from '~/lib/shared/summary'

export function useSummary() {
  return useAsyncData('summary', () => summarize())
}
