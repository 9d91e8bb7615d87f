// The plugin in Vite's own SSR loaders: Vite 5.4's ssrLoadModule (server.ssrTransform is
// replaced), and the ModuleRunner of Vite 6.2 and 8 (the built-in transform is turned off
// and the plugin's post transform hook does the work).
import { describeHost, EMPTY_MODULE, EVERY_EXPORT } from './helpers/describe-host.mjs'

describeHost('vite5-ssrLoadModule', { exportStyle: 'defineProperty', controlGives: EMPTY_MODULE })
describeHost('vite6-module-runner', { exportStyle: 'defineProperty', controlGives: EMPTY_MODULE })
describeHost('vite8-module-runner', { exportStyle: 'exportName', controlGives: EVERY_EXPORT })
