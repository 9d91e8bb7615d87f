import type { Config } from '@react-router/dev/config'

// The React Router 8 app's sources, served by React Router 7 on Vite 5.
export default { ssr: true, appDirectory: '../react-router/app' } satisfies Config
