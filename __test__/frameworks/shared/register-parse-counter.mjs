// Loaded into each dev server process with `--import` (through NODE_OPTIONS, so that it
// also reaches the processes a framework CLI forks): counts Vite's own JS ssrTransform
// runs, as the host tests do.
import { register } from 'node:module'

register('../../hosts/helpers/count-vite-parses.mjs', import.meta.url)
