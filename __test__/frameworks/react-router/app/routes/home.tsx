import { useLoaderData } from 'react-router'
import { summarize } from '../lib/shared/summary'

export async function loader() {
  return { summary: await summarize() }
}

export default function Home() {
  const { summary } = useLoaderData<typeof loader>()
  return (
    <main>
      <h1>{summary.greeting}</h1>
      <pre id="summary">{JSON.stringify(summary, null, 2)}</pre>
    </main>
  )
}
