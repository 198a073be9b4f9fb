/**
 * The answer formatter (R$ 1.234,56 / R$1,234.56, percents, counts) plus the shorter forms a digest needs: compact
 * money for the summary ("R$ 1,2 mi" / "R$1.2M"), whole money for anomaly lines ("R$ 12.345") and a multiple of the
 * usual spread ("3,4×" / "3.4×"). Same plain-space and true-minus conventions as format-values.
 */
import { createValueFormatter, type ValueFormatter } from '../../answer/format-values.js'
import type { Language } from '../../semantic/semantic-model.js'

export interface DigestFormatter extends ValueFormatter {
  compactMoney(value: number): string
  wholeMoney(value: number): string
  /** A size in multiples, one decimal: "3.4×". */
  times(value: number): string
  /** A signed fraction as a percent, or "—" when there is none (base 0 or missing). */
  signedPercent(fraction: number | null): string
}

const locales: Record<Language, string> = { en: 'en-US', pt: 'pt-BR' }

export function createDigestFormatter(language: Language, currency: string): DigestFormatter {
  const base = createValueFormatter(language, currency)
  const locale = locales[language]
  const compact = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })
  const whole = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 })
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ').replace(/^-/, '−')
  return {
    ...base,
    compactMoney: (value) => plain(compact.format(value)),
    wholeMoney: (value) => plain(whole.format(value)),
    times: (value) => `${plain(oneDecimal.format(value))}×`,
    signedPercent: (fraction) => (fraction === null || !Number.isFinite(fraction) ? '—' : base.percent(fraction, { signed: true })),
  }
}
