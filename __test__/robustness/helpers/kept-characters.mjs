// "Nothing lost": every original character outside the text ssrTransform rewrites is in
// the output, where the source map says it is.
//
// magic-string's `hires: 'boundary'` map has a segment for every character that is not
// a word character and one for the start of every run of word characters, in each
// unedited chunk; an edited chunk maps as a whole to its start. So an original
// character at (line, column) is found by the segment of its line with the greatest
// original column not after it, at the same distance in the output.
import { decode } from '@jridgewell/sourcemap-codec'
import { collect, importLocalNames } from './estree.mjs'

/**
 * `[start, end)` UTF-16 ranges that ssrTransform may rewrite (a superset): import and
 * export syntax, every identifier named like an import, and after an imported callee
 * what Vite rewrites with it up to the first argument (the whole call without
 * arguments), `import.meta`, and the `import` of `import()`.
 */
export function rewritableRanges(program) {
  const ranges = []
  for (const node of program.body) {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        ranges.push([node.start, node.end])
        break
      case 'ExportNamedDeclaration':
        ranges.push([node.start, node.declaration ? node.declaration.start : node.end])
        break
      case 'ExportDefaultDeclaration':
        ranges.push([node.start, node.declaration.start])
        break
    }
  }
  const imported = importLocalNames(program)
  for (const node of collect(program, (node) => node.type === 'Identifier' && imported.has(node.name))) {
    ranges.push([node.start, node.end])
  }
  const importCalls = collect(
    program,
    (node) => node.type === 'CallExpression' && !node.optional && node.callee.type === 'Identifier' && imported.has(node.callee.name),
  )
  for (const call of importCalls) ranges.push([call.callee.end, call.arguments[0]?.start ?? call.end])
  for (const node of collect(program, (node) => node.type === 'MetaProperty')) ranges.push([node.start, node.end])
  for (const node of collect(program, (node) => node.type === 'ImportExpression')) {
    ranges.push([node.start, node.start + 'import'.length])
  }
  return ranges
}

/** For each original line, its segments as `[originalColumn, generatedLine, generatedColumn]`, by original column. */
function segmentsByOriginalLine(mappings, lineCount) {
  const byLine = Array.from({ length: lineCount }, () => [])
  decode(mappings).forEach((segments, generatedLine) => {
    for (const [generatedColumn, source, line, column] of segments) {
      if (source === 0) byLine[line]?.push([column, generatedLine, generatedColumn])
    }
  })
  for (const segments of byLine) segments.sort((a, b) => a[0] - b[0])
  return byLine
}

/**
 * The UTF-16 offsets of original characters outside `ranges` that are not where the
 * map puts them in `output`, and how many characters were checked.
 */
export function lostCharacters(original, output, mappings, ranges) {
  const rewritable = new Uint8Array(original.length)
  for (const [start, end] of ranges) rewritable.fill(1, start, end)
  const originalLines = original.split('\n')
  const outputLines = output.split('\n')
  const segmentsByLine = segmentsByOriginalLine(mappings, originalLines.length)
  const lost = []
  let checked = 0
  let lineStart = 0
  originalLines.forEach((text, line) => {
    const segments = segmentsByLine[line]
    let next = 0
    for (let column = 0; column < text.length; column++) {
      if (rewritable[lineStart + column]) continue
      while (next < segments.length && segments[next][0] <= column) next++
      // Every segment at the greatest original column not after this one (moved code can have several).
      const anchorColumn = segments[next - 1]?.[0]
      let kept = false
      for (let i = next - 1; i >= 0 && segments[i][0] === anchorColumn && !kept; i--) {
        const [, generatedLine, generatedColumn] = segments[i]
        kept = outputLines[generatedLine]?.[generatedColumn + column - anchorColumn] === text[column]
      }
      checked++
      if (!kept) lost.push(lineStart + column)
    }
    lineStart += text.length + 1
  })
  return { lost, checked }
}
