import { format, formatDistanceStrict } from 'date-fns'
import { defineComponent, h, type PropType } from 'vue'
import type { Meetup } from '../data/meetups'

export const MeetupRow = defineComponent({
  name: 'MeetupRow',
  props: {
    meetup: { type: Object as PropType<Meetup>, required: true },
    today: { type: Date, required: true },
  },
  setup(props) {
    return () =>
      h('tr', [
        h('td', props.meetup.title),
        h('td', props.meetup.format),
        h('td', format(props.meetup.startsAt, 'PPP')),
        h('td', formatDistanceStrict(props.meetup.startsAt, props.today, { addSuffix: true })),
        h('td', String(props.meetup.seats)),
      ])
  },
})
