// The framework test expects the stack of this error to point at line 3, column 9.
export function Boom(): never {
  throw new Error('boom in a .tsx component')
}
