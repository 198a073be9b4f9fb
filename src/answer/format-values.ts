/**
 * Locale-correct numbers, money and dates for answers: pt-BR "R$ 1.234,56" and "31/05/2026";
 * en "R$1,234.56" and "May 31, 2026". Money keeps its own currency (the data's), only the format follows the user.
 */
import type { Language, MetricUnit, TimeDimensionId } from '../semantic/semantic-model.js'

const locales: Record<Language, string> = { en: 'en-US', pt: 'pt-BR' }

export interface ValueFormatter {
  readonly language: Language
  money(value: number): string
  count(value: number): string
  percent(fraction: number, options?: { signed?: boolean }): string
  metric(value: number | null | undefined, unit: MetricUnit): string
  /** A signed change in the metric's unit, e.g. "+R$ 1.200,00" or "−3". */
  change(value: number | null | undefined, unit: MetricUnit): string
  date(isoDate: string): string
  /** A period bucket of a time breakdown: "mai/2026", "Q2 2026", "week of Jun 29, 2026". */
  bucket(isoDate: string, grain: TimeDimensionId): string
  range(start: string, end: string): string
}

export function createValueFormatter(language: Language, currency = 'BRL'): ValueFormatter {
  const locale = locales[language]
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const countFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const decimalFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const dayFormat = new Intl.DateTimeFormat(locale, language === 'pt' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
  const utc = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  // Intl's pt-BR currency uses a no-break space; plain spaces survive Slack, Teams and terminals alike.
  const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ')
  const minus = (text: string) => text.replace(/^-/, '−')

  const formatter: ValueFormatter = {
    language,
    money: (value) => minus(plain(moneyFormat.format(value))),
    count: (value) => minus(plain(Number.isInteger(value) ? countFormat.format(value) : decimalFormat.format(value))),
    percent: (fraction, options) => {
      const text = minus(plain(percentFormat.format(fraction)))
      return options?.signed && fraction > 0 ? `+${text}` : text
    },
    metric(value, unit) {
      if (value === null || value === undefined || Number.isNaN(value)) return '—'
      if (unit === 'currency') return formatter.money(value)
      if (unit === 'percent') return formatter.percent(value)
      return formatter.count(value)
    },
    change(value, unit) {
      if (value === null || value === undefined || Number.isNaN(value)) return '—'
      const text = unit === 'percent' ? `${formatter.count(Math.round(value * 1000) / 10)} p.p.` : formatter.metric(value, unit)
      return value > 0 ? `+${text}` : text
    },
    date: (iso) => plain(dayFormat.format(utc(iso))),
    bucket(iso, grain) {
      const d = utc(iso)
      switch (grain) {
        case 'day':
          return formatter.date(iso)
        case 'week':
          return language === 'pt' ? `semana de ${formatter.date(iso)}` : `week of ${formatter.date(iso)}`
        case 'month':
          return plain(monthFormat.format(d)).replace('. de ', '/').replace(' de ', '/').replace('.', '')
        case 'quarter': {
          const q = Math.floor(d.getUTCMonth() / 3) + 1
          return language === 'pt' ? `${q}º tri/${d.getUTCFullYear()}` : `Q${q} ${d.getUTCFullYear()}`
        }
        case 'year':
          return String(d.getUTCFullYear())
      }
    },
    range(start, end) {
      if (start === end) return formatter.date(start)
      return language === 'pt' ? `${formatter.date(start)} a ${formatter.date(end)}` : `${formatter.date(start)} – ${formatter.date(end)}`
    },
  }
  return formatter
}
