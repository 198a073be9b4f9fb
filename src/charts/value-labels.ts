/**
 * Short, locale-correct value labels for charts: pt "R$ 1,2 mi" / "R$ 120 mil", en "R$1.2M" / "R$120K".
 * Labels on marks are computed here (Intl) and inlined with the data; axis ticks are chosen by Vega at render time, so
 * they get a label expression built from one fixed template — the only expression validate-spec lets through.
 */
import type { Language, MetricUnit } from '../semantic/semantic-model.js'

const intlLocales: Record<Language, string> = { en: 'en-US', pt: 'pt-BR' }
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ').replace(/^-/, '−')

/** "R$ 1,2 mi", "1,2 mil", "12,5%" — for labels on bars and alt text. */
export function compactValue(value: number, unit: MetricUnit, language: Language, currency: string, options: { digits?: 'auto' } = {}): string {
  const locale = intlLocales[language]
  // Intl's own compact rounding keeps two significant digits ("337 mil", "1,3 mi"): narrower, for small spaces.
  if (options.digits === 'auto' && unit === 'count') return plain(new Intl.NumberFormat(locale, { notation: 'compact' }).format(value))
  if (unit === 'percent') return plain(new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value))
  if (unit === 'currency') {
    return plain(new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value))
  }
  return plain(new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value))
}

const suffixes: Record<Language, { thousand: string; million: string; billion: string }> = {
  en: { thousand: 'K', million: 'M', billion: 'B' },
  pt: { thousand: ' mil', million: ' mi', billion: ' bi' },
}

/** Characters a currency prefix may have inside our expression: no quotes or backslashes can ever reach it. */
const safePrefix = /^[\p{L}\p{Sc} .]{0,6}$/u

/** The currency sign as the user's locale writes it before a number: "R$ " (pt), "R$" (en), "US$ ". */
export function currencyPrefix(language: Language, currency: string): string {
  let parts: Intl.NumberFormatPart[]
  try {
    parts = new Intl.NumberFormat(intlLocales[language], { style: 'currency', currency }).formatToParts(1)
  } catch (error) {
    if (error instanceof RangeError) return ''
    throw error
  }
  const integerAt = parts.findIndex((part) => part.type === 'integer')
  const prefix = plain(parts.slice(0, Math.max(0, integerAt)).map((part) => part.value).join(''))
  return safePrefix.test(prefix) ? prefix : `${currency.replace(/[^A-Z]/g, '').slice(0, 3)} `
}

const template = (prefix: string, s: { thousand: string; million: string; billion: string }) => {
  const v = 'abs(datum.value)'
  return (
    `(datum.value < 0 ? '−' : '') + '${prefix}' + ` +
    `(${v} >= 1e9 ? format(${v} / 1e9, ',.1~f') + '${s.billion}' : ` +
    `${v} >= 1e6 ? format(${v} / 1e6, ',.1~f') + '${s.million}' : ` +
    `${v} >= 1e3 ? format(${v} / 1e3, ',.1~f') + '${s.thousand}' : format(${v}, ',.2~f'))`
  )
}

/** A Vega expression labelling an axis or legend tick compactly in the user's locale (decimal comma from config.locale). */
export function compactAxisExpression(unit: Exclude<MetricUnit, 'percent'>, language: Language, currency: string): string {
  return template(unit === 'currency' ? currencyPrefix(language, currency) : '', suffixes[language])
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const marker = '\u0000PREFIX\u0000'
const trusted = (Object.keys(suffixes) as Language[]).map((language) => {
  const source = escapeRegExp(template(marker, suffixes[language])).replace(escapeRegExp(marker), "[\\p{L}\\p{Sc} .]{0,6}")
  return new RegExp(`^${source}$`, 'u')
})

/** Whether an expression is one our template produced (with any safe currency prefix): the only code a spec may carry. */
export function isTrustedExpression(expression: string): boolean {
  return trusted.some((pattern) => pattern.test(expression))
}
