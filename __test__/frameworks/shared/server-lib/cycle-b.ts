import * as a from './cycle-a'

export function seenFromB(): string {
  return `b (sees a's exports: ${Object.keys(a).sort().join(', ')})`
}
