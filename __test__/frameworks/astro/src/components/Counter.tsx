import { useState } from 'preact/hooks'

export default function Counter({ initial }: { initial: number }) {
  const [count, setCount] = useState(initial)
  return <button onClick={() => setCount(count + 1)}>count: {count}</button>
}
