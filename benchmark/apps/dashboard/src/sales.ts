export interface Sale {
  region: string
  amount: number
}

export const SALES: Sale[] = [
  { region: 'north', amount: 120 },
  { region: 'south', amount: 80 },
  { region: 'north', amount: 310 },
  { region: 'east', amount: 150 },
  { region: 'west', amount: 99 },
  { region: 'east', amount: 205 },
]
