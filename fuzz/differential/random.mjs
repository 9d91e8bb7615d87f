// A seeded pseudo-random source (mulberry32), so that a run is reproduced by its seed.

export function createRandom(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (below) => Math.floor(next() * below)
  return {
    int,
    chance: (probability) => next() < probability,
    /** A random element, or undefined for an empty array. */
    pick: (items) => items[int(items.length)],
  }
}
