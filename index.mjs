// Node finds the named exports of `index.js` in its `module.exports = { … }` literal, so
// the list lives there alone.
export * from './index.js'
export { default } from './index.js'
