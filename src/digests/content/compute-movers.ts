/**
 * Movers: per region, category, rep and product (those the scope still varies over), the three largest rises and
 * the three largest falls of revenue against the previous period, by absolute change. Only real rises are "top" and
 * only real falls "bottom", so a dimension with two members never lists the same one as both; ties go by name so the
 * lists are the same on every run.
 */
import type { DigestMover, DigestScope } from '../digest-contract.js'
import type { DigestFormatter } from './digest-formatter.js'
import { dimensionsWithin, type BreakdownDimension, type BreakdownReader, type BreakdownRow } from './read-breakdowns.js'

export const moverDimensions: readonly BreakdownDimension[] = ['region', 'category', 'rep', 'product']
export const moversPerSide = 3

export interface Movers {
  readonly top: readonly DigestMover[]
  readonly bottom: readonly DigestMover[]
}

export async function computeMovers(breakdowns: BreakdownReader, scope: DigestScope, format: DigestFormatter): Promise<Movers> {
  const top: DigestMover[] = []
  const bottom: DigestMover[] = []
  for (const dimension of dimensionsWithin(scope, moverDimensions)) {
    const rows = await breakdowns.read(dimension)
    const byName = (a: BreakdownRow, b: BreakdownRow) => a.name.localeCompare(b.name)
    const rises = rows.filter((r) => r.change > 0).sort((a, b) => b.change - a.change || byName(a, b))
    const falls = rows.filter((r) => r.change < 0).sort((a, b) => a.change - b.change || byName(a, b))
    top.push(...rises.slice(0, moversPerSide).map((r) => mover(dimension, r, format)))
    bottom.push(...falls.slice(0, moversPerSide).map((r) => mover(dimension, r, format)))
  }
  return { top, bottom }
}

function mover(dimension: BreakdownDimension, row: BreakdownRow, format: DigestFormatter): DigestMover {
  const pct = row.changePct === null ? (format.language === 'pt' ? 'novo' : 'new') : format.signedPercent(row.changePct)
  return {
    dimension,
    name: row.name,
    value: row.value,
    previous: row.previous,
    change: row.change,
    display: `${row.name}: ${format.money(row.value)} (${format.change(row.change, 'currency')}, ${pct})`,
  }
}
