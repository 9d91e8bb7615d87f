import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [index('routes/home.tsx'), route('api/summary', 'routes/api.summary.ts')] satisfies RouteConfig
