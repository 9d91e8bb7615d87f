// The server entry of the benchmark's second app (fictional sales data): a report page
// rendered on the server. lodash-es and rxjs are barrels over hundreds of small modules
// and marked is one mid-sized bundle; all three are `ssr.noExternal`, so every module
// they load goes through the SSR transform, as a linked workspace package's would.
import { groupBy, orderBy, sumBy, escape } from 'lodash-es'
import { from, lastValueFrom } from 'rxjs'
import { filter, map, toArray } from 'rxjs/operators'
import { marked } from 'marked'
import { SALES, type Sale } from './sales'

async function largeSales(sales: Sale[]): Promise<Sale[]> {
  return lastValueFrom(from(sales).pipe(filter((sale) => sale.amount >= 100), map((sale) => ({ ...sale, region: sale.region.toUpperCase() })), toArray()))
}

export async function render(url: string): Promise<string> {
  const byRegion = groupBy(await largeSales(SALES), 'region')
  const rows = orderBy(Object.entries(byRegion), ([, sales]) => sumBy(sales, 'amount'), 'desc')
    .map(([region, sales]) => `| ${escape(region)} | ${sales.length} | ${sumBy(sales, 'amount')} |`)
  return marked.parse(`# Sales (rendered on the server for ${url})\n\n| region | sales | total |\n|---|---|---|\n${rows.join('\n')}\n`, { async: false })
}
