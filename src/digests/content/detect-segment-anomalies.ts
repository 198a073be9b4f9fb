/**
 * Regions and categories (those the scope still varies over) whose change against the previous period is far
 * outside how the others changed: each member's relative change gets a robust z-score against the other members'
 * changes (leave one out, so an outlier does not widen its own yardstick), flagged at |z| ≥ 3. Relative, not
 * absolute, change, so a small region and a large one are judged alike. The spread is floored at 2 percentage
 * points: when the others moved almost in lockstep, a 3-point difference is not news. At least 4 others are needed
 * for a usual range, and a member that sold nothing in the previous period has no relative change to judge.
 * The value of such an anomaly is the member's change (a fraction), the expected value the others' median change.
 */
import type { DigestAnomaly, DigestScope } from '../digest-contract.js'
import type { DigestFormatter } from './digest-formatter.js'
import { anomalyThreshold } from './detect-day-anomalies.js'
import { dimensionsWithin, type BreakdownDimension, type BreakdownReader } from './read-breakdowns.js'
import { robustScore } from './robust-score.js'

const segmentDimensions: readonly BreakdownDimension[] = ['region', 'category']
const minOthers = 4
const minSpread = 0.02

const others: Record<'region' | 'category', { en: string; pt: string }> = {
  region: { en: 'the other regions', pt: 'das outras regiões' },
  category: { en: 'the other categories', pt: 'das outras categorias' },
}

export async function detectSegmentAnomalies(breakdowns: BreakdownReader, scope: DigestScope, format: DigestFormatter): Promise<DigestAnomaly[]> {
  const anomalies: DigestAnomaly[] = []
  for (const dimension of dimensionsWithin(scope, segmentDimensions)) {
    const rows = (await breakdowns.read(dimension)).filter((r): r is typeof r & { changePct: number } => r.changePct !== null)
    if (rows.length < minOthers + 1) continue
    for (const row of rows) {
      const baseline = rows.filter((r) => r !== row).map((r) => r.changePct)
      const { median, score } = robustScore(row.changePct, baseline, minSpread)
      if (score === undefined || Math.abs(score) < anomalyThreshold) continue
      anomalies.push({ subject: row.name, kind: 'segment', value: row.changePct, expected: median, score, display: describe(row.name, row.changePct, median, score, dimension as 'region' | 'category', format) })
    }
  }
  return anomalies
}

function describe(name: string, change: number, usual: number, score: number, dimension: 'region' | 'category', format: DigestFormatter): string {
  const size = format.times(Math.abs(score))
  if (format.language === 'pt') {
    return `${name}: ${format.signedPercent(change)} sobre o período anterior, ${size} a variação usual ${score > 0 ? 'acima' : 'abaixo'} do típico ${format.signedPercent(usual)} ${others[dimension].pt}`
  }
  return `${name}: ${format.signedPercent(change)} vs the previous period, ${size} the usual spread ${score > 0 ? 'above' : 'below'} the typical ${format.signedPercent(usual)} of ${others[dimension].en}`
}
