/**
 * Dates as a digest's title and lines say them: "10–16 Nov 2026" / "10 a 16 nov. 2026", "November 2026" /
 * "novembro de 2026", "Tue 17 Nov" / "ter. 17 nov.". Month and weekday names are spelled out here rather than taken
 * from Intl, whose pt-BR abbreviations and "de"s vary between ICU versions; a title must not change with Node.
 */
import { calendarDays } from '../../planner/calendar-days.js'
import type { DateRange } from '../../semantic/query-plan.js'
import type { Language } from '../../semantic/semantic-model.js'

const monthShort: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  pt: ['jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'],
}
const monthLong: Record<Language, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
}
/** ISO weekday 1 (Monday) … 7 (Sunday). */
const weekdayShort: Record<Language, readonly string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  pt: ['seg.', 'ter.', 'qua.', 'qui.', 'sex.', 'sáb.', 'dom.'],
}

function partsOf(iso: string) {
  const day = calendarDays.parse(iso)
  if (day === undefined) throw new RangeError(`Not a calendar date: ${iso}`)
  return { day, ...calendarDays.parts(day) }
}

/** "17 Nov 2026" / "17 nov. 2026"; without the year: "17 Nov" / "17 nov.". */
export function formatDigestDay(iso: string, language: Language, options: { year?: boolean } = {}): string {
  const p = partsOf(iso)
  const text = `${p.dayOfMonth} ${monthShort[language][p.month - 1]}`
  return options.year === false ? text : `${text} ${p.year}`
}

/** "Tue 17 Nov" / "ter. 17 nov.": a day of the digest's period, where the year goes without saying. */
export function formatDigestWeekday(iso: string, language: Language): string {
  const p = partsOf(iso)
  return `${weekdayShort[language][p.isoWeekday - 1]} ${formatDigestDay(iso, language, { year: false })}`
}

/** "November 2026" / "novembro de 2026". */
export function formatDigestMonth(iso: string, language: Language): string {
  const p = partsOf(iso)
  return language === 'pt' ? `${monthLong.pt[p.month - 1]} de ${p.year}` : `${monthLong.en[p.month - 1]} ${p.year}`
}

/** "Q4 2026" / "4º tri 2026". */
export function formatDigestQuarter(iso: string, language: Language): string {
  const p = partsOf(iso)
  const quarter = Math.floor((p.month - 1) / 3) + 1
  return language === 'pt' ? `${quarter}º tri ${p.year}` : `Q${quarter} ${p.year}`
}

/**
 * A range as short as it reads unambiguously: one day, a whole month by name, a whole quarter, then day spans that
 * name the month and year once when they are shared ("10–16 Nov 2026", "27 Oct – 2 Nov 2026", "29 Dec 2025 – 4 Jan 2026").
 */
export function formatDigestRange(range: DateRange, language: Language): string {
  const s = partsOf(range.start)
  const e = partsOf(range.end)
  if (range.start === range.end) return formatDigestDay(range.start, language)
  const wholeMonths = s.dayOfMonth === 1 && calendarDays.isLastDayOfMonth(e.day)
  const months = (e.year - s.year) * 12 + (e.month - s.month) + 1
  if (wholeMonths && months === 1) return formatDigestMonth(range.start, language)
  if (wholeMonths && months === 3 && (s.month - 1) % 3 === 0) return formatDigestQuarter(range.start, language)
  const to = language === 'pt' ? ' a ' : ' – '
  if (s.year === e.year && s.month === e.month) {
    return language === 'pt'
      ? `${s.dayOfMonth} a ${formatDigestDay(range.end, language)}`
      : `${s.dayOfMonth}–${formatDigestDay(range.end, language)}`
  }
  if (s.year === e.year) return `${formatDigestDay(range.start, language, { year: false })}${to}${formatDigestDay(range.end, language)}`
  return `${formatDigestDay(range.start, language)}${to}${formatDigestDay(range.end, language)}`
}
