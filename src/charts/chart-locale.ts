/**
 * d3 number and time locales for the charts, carried inside each spec (`config.locale`) so the server's rendering and
 * the web chat's interactive view format numbers and month names the same way, whatever the machine's locale.
 */
import type { Language, TimeDimensionId } from '../semantic/semantic-model.js'

const numberLocales = {
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''] },
  pt: { decimal: ',', thousands: '.', grouping: [3], currency: ['R$ ', ''] },
} as const

const timeLocales = {
  en: {
    dateTime: '%x, %X',
    date: '%-m/%-d/%Y',
    time: '%-I:%M:%S %p',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  pt: {
    dateTime: '%A, %e de %B de %Y. %X',
    date: '%d/%m/%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'],
    shortDays: ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'],
    months: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
    // The same abbreviations as the answers' text ("mai/2026"), so chart and text agree.
    shortMonths: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  },
} as const

export function chartLocale(language: Language) {
  return { number: numberLocales[language], time: timeLocales[language] }
}

/** How a period start is labelled on a time axis, matching src/answer/format-values.ts buckets. */
const timeFormats: Record<Language, Record<TimeDimensionId, string>> = {
  en: { day: '%b %-d', week: '%b %-d', month: '%b %Y', quarter: 'Q%q %Y', year: '%Y' },
  pt: { day: '%d/%m', week: '%d/%m', month: '%b/%Y', quarter: '%qº tri/%Y', year: '%Y' },
}

export function timeAxisFormat(language: Language, grain: TimeDimensionId): string {
  return timeFormats[language][grain]
}

/** Vega-Lite's UTC time unit for a grain: period starts are calendar dates, so no time zone may shift them. */
export function utcTimeUnit(grain: TimeDimensionId): string {
  switch (grain) {
    case 'day':
    case 'week':
      return 'utcyearmonthdate'
    case 'month':
      return 'utcyearmonth'
    case 'quarter':
      return 'utcyearquarter'
    case 'year':
      return 'utcyear'
  }
}
