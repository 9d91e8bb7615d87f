// The server entry of the demo app (fictional meetup data): Vue renders the page on the
// server, zod validates the data and date-fns formats it. Both libraries are
// `ssr.noExternal`, so their modules go through the SSR transform like the app's own.
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { MeetupTable } from './components/MeetupTable'
import { loadMeetups } from './data/meetups'

// Fixed, so that the page is the same on every run.
const DEMO_DATE = new Date('2026-04-01T12:00:00Z')

export async function render(url: string): Promise<string> {
  const app = createSSRApp({
    render: () => [h('h1', `Meetups (rendered on the server for ${url})`), h(MeetupTable, { meetups: loadMeetups(), today: DEMO_DATE })],
  })
  return renderToString(app)
}
