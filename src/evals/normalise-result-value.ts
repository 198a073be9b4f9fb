/**
 * One result cell in a form two answers can be compared in, whatever driver or compiler produced it: numbers and
 * numeric strings become numbers (pg returns numeric and bigint as strings unless told otherwise), calendar dates
 * become 'YYYY-MM-DD' whether they arrive as Date objects, date strings or midnight timestamps.
 */

export type NormalisedValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'text'; readonly value: string }

const numericText = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/
/** A date, optionally followed by a midnight time and any offset: the day a time bucket starts on. */
const dateText = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A Date that is midnight where it was made is a calendar date. pg turns `timestamp` (no zone) into local midnight,
 * JSON round trips give UTC midnight; either way the day is what a person reading the answer sees.
 */
function dateValue(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date'
  if (date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0 && date.getMilliseconds() === 0) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  }
  if (date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0) {
    return date.toISOString().slice(0, 10)
  }
  return date.toISOString()
}

export function normaliseResultValue(value: unknown): NormalisedValue {
  if (value === null || value === undefined) return { kind: 'null' }
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'text', value: String(value) }
  if (typeof value === 'bigint') return { kind: 'number', value: Number(value) }
  if (typeof value === 'boolean') return { kind: 'boolean', value }
  if (value instanceof Date) return { kind: 'text', value: dateValue(value) }
  if (typeof value === 'string') {
    if (numericText.test(value)) return { kind: 'number', value: Number(value) }
    const date = dateText.exec(value)
    if (date) return { kind: 'text', value: date[1]! }
    return { kind: 'text', value }
  }
  // Arrays and JSON objects: compared by their JSON text, which is all an answer table can show of them.
  return { kind: 'text', value: JSON.stringify(value) }
}

/** Same value: numbers within `tolerance` (absolute), everything else exactly; null equals only null. */
export function sameValue(a: NormalisedValue, b: NormalisedValue, tolerance: number): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'null') return true
  if (a.kind === 'number') return Math.abs(a.value - (b as { value: number }).value) <= tolerance
  return a.value === (b as { value: unknown }).value
}

const kindOrder: Record<NormalisedValue['kind'], number> = { null: 0, boolean: 1, number: 2, text: 3 }

/** A total order (kind, then value), so sorted columns and rows can be compared position by position. */
export function compareValues(a: NormalisedValue, b: NormalisedValue): number {
  if (a.kind !== b.kind) return kindOrder[a.kind] - kindOrder[b.kind]
  if (a.kind === 'null') return 0
  if (a.kind === 'number') return a.value - (b as { value: number }).value
  if (a.kind === 'boolean') return Number(a.value) - Number((b as { value: boolean }).value)
  const x = a.value
  const y = (b as { value: string }).value
  return x < y ? -1 : x > y ? 1 : 0
}

/** How a value reads in a failure reason. */
export function describeValue(value: NormalisedValue): string {
  switch (value.kind) {
    case 'null':
      return 'null'
    case 'number':
      return String(Math.round(value.value * 1e6) / 1e6)
    case 'boolean':
      return String(value.value)
    case 'text':
      return JSON.stringify(value.value)
  }
}
