// Nitro builds and runs the server routes: they do not go through Vite's SSR transform.
export default defineEventHandler(() => ({ route: '/api/hello', items: [1, 2, 3] }))
