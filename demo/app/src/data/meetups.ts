import * as z from 'zod'
import rawMeetups from './meetups.json'

export const Meetup = z.object({
  id: z.number().int().positive(),
  title: z.string().min(1),
  format: z.enum(['talks', 'workshop']),
  startsAt: z.coerce.date(),
  seats: z.number().int().positive(),
})

export type Meetup = z.infer<typeof Meetup>

export function loadMeetups(): Meetup[] {
  return z.array(Meetup).parse(rawMeetups)
}
