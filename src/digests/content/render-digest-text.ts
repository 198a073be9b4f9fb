/**
 * The whole digest as plain text — title, summary, then one headed block per requested section — for surfaces
 * without rich layout, logs and tests. Surfaces with layout build theirs from the structured fields instead.
 */
import type { DigestAnomaly, DigestKpi, DigestMover, DigestSection } from '../digest-contract.js'
import { createValueFormatter } from '../../answer/format-values.js'
import type { Language } from '../../semantic/semantic-model.js'
import type { DigestCustomers } from './count-customers.js'
import type { TargetSection } from './compute-target.js'
import { digestWords } from './digest-words.js'

export interface DigestTextInput {
  readonly language: Language
  readonly title: string
  readonly summary: string
  readonly sections: ReadonlySet<DigestSection>
  readonly kpis: readonly DigestKpi[]
  readonly target?: TargetSection
  readonly movers: { readonly top: readonly DigestMover[]; readonly bottom: readonly DigestMover[] }
  readonly anomalies: readonly DigestAnomaly[]
  readonly customers?: DigestCustomers
  /** The chart's alt text, when a chart was drawn. */
  readonly chartAlt?: string
}

export function renderDigestText(input: DigestTextInput): string {
  const w = digestWords[input.language]
  const blocks: string[][] = [[input.title, input.summary]]
  const has = (section: DigestSection) => input.sections.has(section)

  if (has('kpis')) {
    blocks.push([
      w.headings.kpis,
      ...input.kpis.map((k) => `• ${k.label}: ${k.display.value} (${w.previous} ${k.display.previous}, ${k.display.changeVsPrevious}; ${w.yearAgo} ${k.display.lastYear}, ${k.display.changeVsLastYear})`),
    ])
  }
  if (has('targets')) {
    const line = input.target?.target?.display ?? input.target?.note
    if (line) blocks.push([w.headings.targets, `• ${line}`])
  }
  if (has('movers')) {
    const dimensions = [...new Set([...input.movers.top, ...input.movers.bottom].map((m) => m.dimension))]
    const lines = dimensions.map((dimension) => {
      const list = (movers: readonly DigestMover[]) => movers.filter((m) => m.dimension === dimension).map((m) => m.display).join('; ')
      const up = list(input.movers.top)
      const down = list(input.movers.bottom)
      return `• ${w.dimension[dimension]} — ${w.up}: ${up || '—'} | ${w.down}: ${down || '—'}`
    })
    blocks.push([w.headings.movers, ...(lines.length ? lines : [`• ${w.noMovers}`])])
  }
  if (has('anomalies')) {
    blocks.push([w.headings.anomalies, ...(input.anomalies.length ? input.anomalies.map((a) => `• ${a.display}`) : [`• ${w.noAnomalies}`])])
  }
  if (has('customers') && input.customers) {
    const c = input.customers
    const count = createValueFormatter(input.language).count
    blocks.push([w.headings.customers, `• ${w.newCustomers}: ${count(c.new)} · ${w.churnedCustomers}: ${count(c.churned)}`, `  ${c.definition}`])
  }
  if (has('chart') && input.chartAlt) blocks.push([input.chartAlt])
  return blocks.map((lines) => lines.join('\n')).join('\n\n')
}
