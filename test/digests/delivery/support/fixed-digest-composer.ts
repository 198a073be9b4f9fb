/**
 * A composer that returns a fixed digest (the real one computes figures from the sales model; that is the content
 * suite's business). It records every request, so tests can check the scope, period and "today" a fire time asked for.
 */
import type { DigestComposer, DigestContent, DigestRequest } from '../../../../src/digests/digest-contract.js'

/** A 1×1 PNG: enough to exercise the chart upload. */
export const tinyPngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

export interface FixedDigestComposer extends DigestComposer {
  readonly requests: DigestRequest[]
}

export function fixedDigestContent(request: DigestRequest, options: { chart?: boolean } = {}): DigestContent {
  const period = { start: '2026-03-01', end: '2026-03-01', label: 'yesterday' }
  return {
    title: 'Daily sales digest',
    language: request.language,
    scope: request.scope,
    period,
    previousPeriod: { start: '2026-02-28', end: '2026-02-28' },
    lastYearPeriod: { start: '2025-03-01', end: '2025-03-01' },
    kpis: [
      {
        metric: 'revenue',
        label: 'Revenue',
        value: 1234.5,
        previous: 1000,
        lastYear: 900,
        changeVsPrevious: 0.2345,
        changeVsLastYear: 0.3717,
        display: { value: 'R$1,234.50', previous: 'R$1,000.00', lastYear: 'R$900.00', changeVsPrevious: '+23.5%', changeVsLastYear: '+37.2%' },
      },
    ],
    movers: { top: [{ dimension: 'region', name: 'Sul', value: 800, previous: 500, change: 0.6, display: 'Sul R$800.00 (+60.0%)' }], bottom: [] },
    anomalies: [],
    ...(options.chart ? { chart: { spec: {}, pngBase64: tinyPngBase64, width: 1, height: 1, alt: 'Revenue by day' } } : {}),
    summary: 'Revenue was R$1,234.50, up 23.5% on the day before.',
    summarySource: 'template',
    text: 'Daily sales digest\nRevenue: R$1,234.50 (+23.5% vs previous, +37.2% vs last year)',
    sql: ['select 1'],
    startingContext: { plan: { metrics: ['revenue'], dimensions: [], filters: [], timeRange: period }, understood: 'revenue yesterday' },
  }
}

export function createFixedDigestComposer(options: { chart?: boolean } = {}): FixedDigestComposer {
  const requests: DigestRequest[] = []
  return {
    requests,
    async compose(request) {
      requests.push(request)
      return fixedDigestContent(request, options)
    },
  }
}
