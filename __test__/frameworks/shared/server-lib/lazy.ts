export const lazyValue = 'loaded by import()'
