// The framework tests expect the stack of this error to point at line 5, column 9.
type Reason = string

export function explode(reason: Reason): never {
  throw new Error(`explode: ${reason}`)
}
