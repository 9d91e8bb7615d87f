// a imports b and b imports a: b reads a's exports while a is still being evaluated.
import { seenFromB } from './cycle-b'

export const label = 'a'

export default function describeCycle(): string {
  return `${label} <-> ${seenFromB()}`
}
