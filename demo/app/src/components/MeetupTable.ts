import { compareAsc } from 'date-fns'
import { computed, defineComponent, h, type PropType } from 'vue'
import type { Meetup } from '../data/meetups'
import { MeetupRow } from './MeetupRow'

export const MeetupTable = defineComponent({
  name: 'MeetupTable',
  props: {
    meetups: { type: Array as PropType<Meetup[]>, required: true },
    today: { type: Date, required: true },
  },
  setup(props) {
    const byDate = computed(() => [...props.meetups].sort((a, b) => compareAsc(a.startsAt, b.startsAt)))
    return () =>
      h('table', [
        h('thead', h('tr', ['Meetup', 'Format', 'Date', 'When', 'Seats'].map((title) => h('th', title)))),
        h('tbody', byDate.value.map((meetup) => h(MeetupRow, { key: meetup.id, meetup, today: props.today }))),
      ])
  },
})
