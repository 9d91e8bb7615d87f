// The framework tests edit this line while the dev server runs.
export const greeting: string = 'hello from greeting.ts'
