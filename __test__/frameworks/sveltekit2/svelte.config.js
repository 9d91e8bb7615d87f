// The SvelteKit 3 app's sources, served by SvelteKit 2 on Vite 6.
const sources = '../sveltekit/src'

export default {
  kit: {
    files: { routes: `${sources}/routes`, lib: `${sources}/lib`, appTemplate: `${sources}/app.html` },
  },
}
