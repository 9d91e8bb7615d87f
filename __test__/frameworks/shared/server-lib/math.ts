export function add(a: number, b: number): number {
  return a + b
}

export const PI_ROUNDED = 3.14
