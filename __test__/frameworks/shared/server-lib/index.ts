// A re-export, a namespace re-export and a default re-export.
export { greeting } from './greeting'
export * as math from './math'
export { default as describeCycle } from './cycle-a'
