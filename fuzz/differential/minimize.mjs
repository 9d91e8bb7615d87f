// Delta debugging (ddmin): the smallest input, by lines and then by tokens, for which
// `keepsFailing` still holds.

/** Removes chunks of `pieces` while `keepsFailing(pieces.join(''))` holds. */
async function reduce(pieces, keepsFailing) {
  let granularity = 2
  while (pieces.length >= 2) {
    const size = Math.ceil(pieces.length / granularity)
    let reduced = false
    for (let start = 0; start < pieces.length; start += size) {
      const candidate = [...pieces.slice(0, start), ...pieces.slice(start + size)]
      if (await keepsFailing(candidate.join(''))) {
        pieces = candidate
        granularity = Math.max(granularity - 1, 2)
        reduced = true
        break
      }
    }
    if (!reduced) {
      if (granularity >= pieces.length) break
      granularity = Math.min(granularity * 2, pieces.length)
    }
  }
  return pieces.join('')
}

const LINES = /[^\n]*\n|[^\n]+$/g
// Runs of whitespace, words, and single other characters.
const TOKENS = /\s+|[\p{ID_Continue}$]+|[^\s\p{ID_Continue}$]/gu

export async function minimize(code, keepsFailing) {
  const byLines = await reduce(code.match(LINES) ?? [], keepsFailing)
  return reduce(byLines.match(TOKENS) ?? [], keepsFailing)
}
