// The plugin under vite-node: 3.2 on Vite 5 (server.ssrTransform through transformRequest),
// 6.0 on Vite 8 in ssr mode (the environment's post transform hook) and in web mode (the
// client pipeline, then server.ssrTransform with its source map).
import { describeHost, EMPTY_MODULE, EVERY_EXPORT } from './helpers/describe-host.mjs'

describeHost('vite-node3-vite5', { exportStyle: 'defineProperty', controlGives: EMPTY_MODULE })
describeHost('vite-node6-vite8', { exportStyle: 'exportName', controlGives: EVERY_EXPORT })
describeHost('vite-node6-vite8-web', { exportStyle: 'exportName', controlGives: EVERY_EXPORT, storesGraph: false })
