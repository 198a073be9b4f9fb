/**
 * Reads the period (and the period it is compared with) out of a question, in English or Portuguese, relative
 * to a given `today`. Pure: no clock, no I/O.
 *
 * Conventions (the "understood" sentence always states the resulting dates):
 * - No range ever ends after today: "this month", "2026" or "Q2" while it runs end today.
 * - "last N days/weeks/months/years" is rolling and includes today (last 7 days = today − 6 … today);
 *   "last N full months" (completos/fechados) are whole calendar months before the current one.
 * - "last month/quarter/year/week" is the previous whole calendar unit; weeks start on Monday.
 * - A month or quarter named without a year is the most recent one that has started ("em março" in
 *   February 2026 is March 2025).
 * - dd/mm/yyyy is day-first in Portuguese; in English month-first unless that is impossible (noted).
 * - Comparisons: previous_period is the unit before (a month-to-date compares with the same days of the
 *   previous month; "last 30 days" with the 30 days before); same_period_last_year shifts the range a year
 *   back (29 Feb → 28 Feb; a whole month stays a whole month).
 * - No period at all: the year to date; with a time breakdown and no period, a window sized to the grain
 *   (see `defaultRangeRule`).
 */
import type { DateRange, PlanComparison } from '../semantic/query-plan.js'
import type { Language, TimeDimensionId } from '../semantic/semantic-model.js'
import { calendarDays, type Day } from './calendar-days.js'
import { detectLanguage } from './detect-language.js'
import { compileWordPattern, matchWordPattern, slotValue, type PatternMatch, type WordPattern } from './match-word-pattern.js'
import { tokenizeQuestion, type Token } from './tokenize-question.js'
import { timeSlotReaders, type MonthYear, type PartOfYear, type PeriodUnit, type WrittenDate } from './time-vocabulary.js'

export interface TimeRangeOptions {
  /** Defaults to the question's detected language; it decides dd/mm vs mm/dd and the language of notes. */
  readonly language?: Language
  /** A time breakdown the question asks for; sizes the default window when no period is given. */
  readonly timeBreakdown?: TimeDimensionId
  /** Token positions other phrases already use (e.g. "month over month" read as a breakdown). */
  readonly skip?: ReadonlySet<number>
  /**
   * A month, quarter or half named without a year is read in this year when it has started by today, instead of
   * the latest one: a follow-up's "what about March?" after a question about 2025 means March 2025.
   */
  readonly yearForUndated?: number
}

export interface TimeRangeProblem {
  readonly code: 'future_period' | 'invalid_date' | 'too_many_periods'
  readonly text: string
}

export interface ParsedTimeRange {
  readonly range: DateRange
  /** False when no period was named and the default was used. */
  readonly explicit: boolean
  readonly comparison?: PlanComparison
  /** Positions (in tokenizeQuestion(question)) of the words the time expressions used. */
  readonly consumed: readonly number[]
  /** Assumptions, in the question's language. */
  readonly notes: readonly string[]
  readonly problems: readonly TimeRangeProblem[]
  /** Several periods of one kind ("2024 e 2025") become one range split by that grain; "MoM" over a year splits by month. */
  readonly impliedBreakdown?: TimeDimensionId
  /** The words that named the main period, with their preposition ("no mês passado", "in March"). */
  readonly phrase?: string
}

type RangeUnit = PeriodUnit | 'custom'

interface Period {
  readonly start: Day
  readonly end: Day
  readonly unit: RangeUnit
  /** The unit has started but not ended: the range stops at today. */
  readonly toDate: boolean
}

interface Span { readonly from: number; readonly to: number; readonly coreFrom: number }

type Item =
  | (Span & {
      readonly type: 'period'
      readonly period: Period
      /** The named unit without a year ("março", "Q3"): year inferred. */
      readonly inferredYear?: { readonly unit: 'month' | 'quarter' | 'half'; readonly part: number }
      /** "last month", "ano passado": the unit before the current one. */
      readonly relativeUnit?: PeriodUnit
      readonly since?: boolean
      readonly until?: boolean
      /** "last 4 weeks": the N units ending today. */
      readonly rolling?: { readonly n: number; readonly unit: PeriodUnit }
      readonly prefixes: readonly string[]
      readonly note?: string
    })
  | (Span & { readonly type: 'compare'; readonly weak: boolean })
  | (Span & { readonly type: 'relative'; readonly kind: 'previous_period' | 'same_period_last_year'; readonly unit?: PeriodUnit })
  | (Span & { readonly type: 'growth'; readonly kind: 'previous_period' | 'same_period_last_year'; readonly unit?: PeriodUnit })
  | (Span & { readonly type: 'problem'; readonly problem: TimeRangeProblem })

interface Context {
  readonly today: Day
  readonly language: Language
  readonly yearForUndated?: number
}

// ---- periods -------------------------------------------------------------------------------------

const monthsPerUnit: Readonly<Partial<Record<PeriodUnit, number>>> = { month: 1, quarter: 3, half: 6, year: 12 }

function unitStart(day: Day, unit: PeriodUnit): Day {
  if (unit === 'day') return day
  if (unit === 'week') return calendarDays.weekStart(day)
  const { year, month } = calendarDays.parts(day)
  const size = monthsPerUnit[unit]!
  return calendarDays.monthStart(year, Math.floor((month - 1) / size) * size + 1)
}

function unitEnd(start: Day, unit: PeriodUnit): Day {
  if (unit === 'day') return start
  if (unit === 'week') return start + 6
  return calendarDays.addMonths(start, monthsPerUnit[unit]!) - 1
}

/** The whole unit `offset` units away from the one containing `day` (0 = current, −1 = previous). */
function wholeUnit(day: Day, unit: PeriodUnit, offset: number): Period {
  let start = unitStart(day, unit)
  if (unit === 'day') start += offset
  else if (unit === 'week') start += 7 * offset
  else start = calendarDays.addMonths(start, monthsPerUnit[unit]! * offset)
  return { start, end: unitEnd(start, unit), unit, toDate: false }
}

function namedPart(unit: 'month' | 'quarter' | 'half', part: number, year: number): Period {
  const size = monthsPerUnit[unit]!
  const start = calendarDays.monthStart(year, (part - 1) * size + 1)
  return { start, end: unitEnd(start, unit), unit, toDate: false }
}

/** A month, quarter or half named without a year: the latest one that has started by today. */
function latestPart(unit: 'month' | 'quarter' | 'half', part: number, today: Day): Period {
  const { year } = calendarDays.parts(today)
  const thisYear = namedPart(unit, part, year)
  return thisYear.start <= today ? thisYear : namedPart(unit, part, year - 1)
}

function previousPeriod(p: Period): Period {
  if (p.unit === 'custom' || p.unit === 'day' || p.unit === 'week') {
    const length = p.end - p.start + 1
    return { start: p.start - length, end: p.start - 1, unit: p.unit, toDate: false }
  }
  const start = calendarDays.addMonths(p.start, -monthsPerUnit[p.unit]!)
  const whole = unitEnd(start, p.unit)
  // A unit still running compares with the same number of days of the one before.
  const end = p.toDate ? Math.min(whole, start + (p.end - p.start)) : whole
  return { start, end, unit: p.unit, toDate: false }
}

function samePeriodLastYear(p: Period): Period {
  const start = calendarDays.addYears(p.start, -1)
  // A range ending on a month's last day keeps doing so (29 Feb 2024 → 28 Feb 2023).
  const end = !p.toDate && calendarDays.isLastDayOfMonth(p.end) ? calendarDays.addYears(p.end + 1, -1) - 1 : calendarDays.addYears(p.end, -1)
  return { start, end, unit: p.unit, toDate: false }
}

const samePeriod = (a: Period, b: Period) => a.start === b.start && a.end === b.end

// ---- formatting ----------------------------------------------------------------------------------

export function formatDay(day: Day, language: Language): string {
  const iso = calendarDays.format(day)
  return language === 'pt' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso
}

const span = (p: Period, language: Language) =>
  p.start === p.end ? formatDay(p.start, language) : language === 'pt' ? `${formatDay(p.start, language)} a ${formatDay(p.end, language)}` : `${formatDay(p.start, language)} to ${formatDay(p.end, language)}`

const monthNames: Readonly<Record<Language, readonly string[]>> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
}

/** "March 2025", "Q3 2025", "2º semestre de 2025": how a named part of a year is written. */
export function partName(unit: 'month' | 'quarter' | 'half', part: number, year: number, language: Language): string {
  if (unit === 'month') return language === 'pt' ? `${monthNames.pt[part - 1]} de ${year}` : `${monthNames.en[part - 1]} ${year}`
  if (unit === 'quarter') return language === 'pt' ? `${part}º trimestre de ${year}` : `Q${part} ${year}`
  return language === 'pt' ? `${part}º semestre de ${year}` : `H${part} ${year}`
}

// ---- patterns ------------------------------------------------------------------------------------

const PREFIX_WORDS = new Set([
  'in', 'em', 'no', 'na', 'nos', 'nas', 'during', 'durante', 'for', 'of', 'de', 'do', 'da', 'dos', 'das', 'over', 'within', 'the', 'o', 'a', 'os', 'as',
  'since', 'desde', 'from', 'between', 'entre', 'partir', 'starting', 'ate', 'until', 'till', 'through', 'thru', 'up', 'to', 'ao', 'pelo', 'pela',
])
const SINCE_PREFIXES = new Set(['since', 'desde', 'partir', 'starting'])
const UNTIL_PREFIXES = new Set(['ate', 'until', 'till', 'through', 'thru'])
const COMPARE_VERBS = new Set(['compare', 'comparing', 'comparar', 'compara', 'comparando', 'comparado', 'comparada', 'comparados', 'comparadas', 'compared'])
const RANGE_CONNECTORS = new Set(['to', 'a', 'ate', 'until', 'till', 'through', 'thru', 'ao', 'and', 'e'])

type PeriodBuilder = (
  m: PatternMatch,
  ctx: Context,
  words: readonly string[],
) => Omit<Extract<Item, { type: 'period' }>, 'from' | 'to' | 'coreFrom' | 'prefixes' | 'type'> | TimeRangeProblem | undefined

interface PeriodPattern { readonly pattern: WordPattern; readonly build: PeriodBuilder }

const THIS = 'this|current|esta|este|nesta|neste|essa|esse|nessa|nesse'
const LAST = 'last|previous|prior|preceding|ultimo|ultima'
const LAST_N = 'last|past|previous|prior|ultimos|ultimas|ultimo|ultima'
const AFTER_LAST = 'passado|passada|anterior|retrasado'
const FULL = 'full|complete|completed|whole|completos|completas|fechados|fechadas|cheios|inteiros|inteiras'
const TO_DATE_ABBREVIATIONS: Readonly<Record<string, PeriodUnit>> = { ytd: 'year', mtd: 'month', qtd: 'quarter', wtd: 'week' }

const unitOfWord: Readonly<Record<string, PeriodUnit>> = { dia: 'day', semana: 'week', mes: 'month', trimestre: 'quarter', semestre: 'half', ano: 'year' }

/** The unit containing today, up to today ("this month" on its last day is the whole month). */
function current(unit: PeriodUnit, ctx: Context): Period {
  const whole = wholeUnit(ctx.today, unit, 0)
  return { ...whole, end: ctx.today, toDate: ctx.today < whole.end }
}
const unitSlot = (m: PatternMatch) => slotValue<PeriodUnit>(m, 'UNIT')!

function writtenDay(date: WrittenDate, ctx: Context): Period | TimeRangeProblem {
  const day = calendarDays.fromParts(date.year, date.month, date.dayOfMonth)
  if (day === undefined) {
    const text = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.dayOfMonth).padStart(2, '0')}`
    return { code: 'invalid_date', text: ctx.language === 'pt' ? `${text} não é uma data válida` : `${text} is not a real date` }
  }
  return { start: day, end: day, unit: 'day', toDate: false }
}

const p = (source: string, build: PeriodBuilder): PeriodPattern => ({ pattern: compileWordPattern(source), build })

const periodPatterns: readonly PeriodPattern[] = [
  p('today|hoje', (_, ctx) => ({ period: { start: ctx.today, end: ctx.today, unit: 'day', toDate: false } })),
  p('yesterday|ontem', (_, ctx) => ({ period: wholeUnit(ctx.today, 'day', -1), relativeUnit: 'day' })),
  p('anteontem', (_, ctx) => ({ period: wholeUnit(ctx.today, 'day', -2) })),
  p('day before yesterday', (_, ctx) => ({ period: wholeUnit(ctx.today, 'day', -2) })),
  // this month, este ano, o mês atual
  p(`${THIS} UNIT`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p('UNIT atual|corrente|vigente', (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  // year to date and friends
  // In Portuguese "qtd" is short for quantidade, not quarter-to-date.
  p('ytd|mtd|qtd|wtd', (_, ctx, words) => (words[0] === 'qtd' && ctx.language === 'pt' ? undefined : { period: current(TO_DATE_ABBREVIATIONS[words[0]!]!, ctx) })),
  p('UNIT to date', (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p(`so far ${THIS}|in|the? UNIT`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p(`${THIS} UNIT so far`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p('acumulado|acumulada do|no|deste|neste|desse|nesse|da|na|desta|nesta|dessa|nessa UNIT', (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p('acumulado|acumulada do|no|deste|neste|desse|nesse|da|na|desta|nesta|dessa|nessa UNIT ate agora|hoje', (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p(`${THIS}|no|na|o|a? UNIT ate agora|hoje`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p(`${THIS}|no|na|o|a? UNIT ate o momento`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p(`ate agora|hoje ${THIS}|no|na|em|do|da UNIT`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  p(`inicio|comeco|start|beginning do|da|of the? ${THIS}? UNIT`, (m, ctx) => ({ period: current(unitSlot(m), ctx) })),
  // "faturamento do mês", "pedidos no trimestre": the unit we are in
  p('do|da|no|na semana|mes|trimestre|semestre|ano', (_, ctx, words) => ({ period: current(unitOfWord[words[1]!]!, ctx) })),
  // "desde o começo de 2025": the year's first day (the since-prefix makes it run to today)
  p('inicio|comeco|start|beginning de|do|of YEAR', (m) => ({ period: yearPeriod(slotValue<number>(m, 'YEAR')!) })),
  // last month, o trimestre passado, the previous year
  p(`${LAST} UNIT`, (m, ctx) => ({ period: wholeUnit(ctx.today, unitSlot(m), -1), relativeUnit: unitSlot(m) })),
  p(`UNIT ${AFTER_LAST}`, (m, ctx) => ({ period: wholeUnit(ctx.today, unitSlot(m), -1), relativeUnit: unitSlot(m) })),
  p('the? UNIT before last', (m, ctx) => ({ period: wholeUnit(ctx.today, unitSlot(m), -2) })),
  // "the past month" is rolling, like "the past 30 days"
  p('past UNIT', (m, ctx) => rolling(1, unitSlot(m), ctx)),
  // last 30 days, últimos 3 meses, the past 2 weeks
  p(`${LAST_N} N UNIT`, (m, ctx) => rolling(slotValue<number>(m, 'N')!, unitSlot(m), ctx)),
  p('N UNIT passados|passadas|anteriores', (m, ctx) => rolling(slotValue<number>(m, 'N')!, unitSlot(m), ctx)),
  p(`${LAST_N} N ${FULL} UNIT`, (m, ctx) => fullUnits(slotValue<number>(m, 'N')!, unitSlot(m), ctx)),
  p(`${LAST_N} N UNIT ${FULL}`, (m, ctx) => fullUnits(slotValue<number>(m, 'N')!, unitSlot(m), ctx)),
  p('N UNIT ago', (m, ctx) => ({ period: wholeUnit(ctx.today, unitSlot(m), -slotValue<number>(m, 'N')!) })),
  p('ha|faz N UNIT atras?', (m, ctx) => ({ period: wholeUnit(ctx.today, unitSlot(m), -slotValue<number>(m, 'N')!) })),
  // dates
  p('DATE', (m, ctx) => {
    const date = slotValue<WrittenDate>(m, 'DATE')!
    const period = writtenDay(date, ctx)
    if ('code' in period) return period
    if (!date.ambiguousOrder) return { period }
    return { period, note: `Read the date as month/day (${calendarDays.format(period.start)}); write dates as YYYY-MM-DD to avoid doubt.` }
  }),
  p('dia? DAYNUM de|of? MONTH', (m, ctx) => dayOfMonth(m, ctx)),
  p('dia? DAYNUM de|of? MONTH de|of|, YEAR', (m, ctx) => dayOfMonth(m, ctx)),
  p('MONTH DAYNUM YEAR?', (m, ctx) => dayOfMonth(m, ctx)),
  // months
  p('mes|month? de|of? MONTH', (m, ctx) => namedPartOfYear('month', slotValue<number>(m, 'MONTH')!, undefined, ctx)),
  p('mes|month? de|of? MONTH de|of|do? ano|year? YEAR', (m, ctx) => namedPartOfYear('month', slotValue<number>(m, 'MONTH')!, slotValue<number>(m, 'YEAR'), ctx)),
  // "junho do ano passado", "March last year", "Q3 do ano passado"
  p('mes|month? de|of? MONTH do|de|of? ano passado|anterior', (m, ctx) => lastYearPart('month', slotValue<number>(m, 'MONTH')!, ctx)),
  p('mes|month? de|of? MONTH of? last|previous|prior year', (m, ctx) => lastYearPart('month', slotValue<number>(m, 'MONTH')!, ctx)),
  p('QUARTER do|de|of? ano passado|anterior', (m, ctx) => lastYearPart('quarter', slotValue<PartOfYear>(m, 'QUARTER')!.part, ctx)),
  p('QUARTER of? last|previous|prior year', (m, ctx) => lastYearPart('quarter', slotValue<PartOfYear>(m, 'QUARTER')!.part, ctx)),
  p('ORD quarter|trimestre do|de|of? ano passado|anterior', (m, ctx) => lastYearPart('quarter', slotValue<number>(m, 'ORD')!, ctx)),
  p('ORD quarter|trimestre of? last|previous|prior year', (m, ctx) => lastYearPart('quarter', slotValue<number>(m, 'ORD')!, ctx)),
  p('MONTH_YEAR', (m) => {
    const { month, year } = slotValue<MonthYear>(m, 'MONTH_YEAR')!
    return { period: namedPart('month', month, year!) }
  }),
  // quarters and halves
  p('QUARTER_YEAR', (m) => {
    const { part, year } = slotValue<PartOfYear>(m, 'QUARTER_YEAR')!
    return { period: namedPart('quarter', part, year!) }
  }),
  p('QUARTER', (m, ctx) => namedPartOfYear('quarter', slotValue<PartOfYear>(m, 'QUARTER')!.part, undefined, ctx)),
  p('QUARTER de|of|do? ano|year? YEAR', (m, ctx) => namedPartOfYear('quarter', slotValue<PartOfYear>(m, 'QUARTER')!.part, slotValue<number>(m, 'YEAR'), ctx)),
  p('ORD quarter|trimestre', (m, ctx) => namedPartOfYear('quarter', slotValue<number>(m, 'ORD')!, undefined, ctx)),
  p('ORD quarter|trimestre de|of|do? the? ano|year? YEAR', (m, ctx) => namedPartOfYear('quarter', slotValue<number>(m, 'ORD')!, slotValue<number>(m, 'YEAR'), ctx)),
  p('quarter|trimestre N', (m, ctx) => quarterNumber(slotValue<number>(m, 'N')!, undefined, ctx)),
  p('quarter|trimestre N de|of? YEAR', (m, ctx) => quarterNumber(slotValue<number>(m, 'N')!, slotValue<number>(m, 'YEAR'), ctx)),
  p('HALF_YEAR', (m) => {
    const { part, year } = slotValue<PartOfYear>(m, 'HALF_YEAR')!
    return { period: namedPart('half', part, year!) }
  }),
  p('HALF', (m, ctx) => namedPartOfYear('half', slotValue<PartOfYear>(m, 'HALF')!.part, undefined, ctx)),
  p('HALF de|of? YEAR', (m, ctx) => namedPartOfYear('half', slotValue<PartOfYear>(m, 'HALF')!.part, slotValue<number>(m, 'YEAR'), ctx)),
  p('ORD semestre|semester|half', (m, ctx) => halfNumber(slotValue<number>(m, 'ORD')!, undefined, ctx)),
  p('ORD semestre|semester|half de|of|do? the? ano|year? YEAR', (m, ctx) => halfNumber(slotValue<number>(m, 'ORD')!, slotValue<number>(m, 'YEAR'), ctx)),
  // years
  p('ano|year? de|of? YEAR', (m) => ({ period: yearPeriod(slotValue<number>(m, 'YEAR')!) })),
]

function lastYearPart(unit: 'month' | 'quarter', part: number, ctx: Context): ReturnType<PeriodBuilder> {
  return { period: namedPart(unit, part, calendarDays.parts(ctx.today).year - 1) }
}

function yearPeriod(year: number): Period {
  return { start: calendarDays.monthStart(year, 1), end: calendarDays.monthStart(year + 1, 1) - 1, unit: 'year', toDate: false }
}

function quarterNumber(n: number, year: number | undefined, ctx: Context): ReturnType<PeriodBuilder> {
  return n >= 1 && n <= 4 ? namedPartOfYear('quarter', n, year, ctx) : { code: 'invalid_date', text: ctx.language === 'pt' ? `não existe trimestre ${n}` : `there is no quarter ${n}` }
}

function halfNumber(n: number, year: number | undefined, ctx: Context): ReturnType<PeriodBuilder> {
  return n <= 2 ? namedPartOfYear('half', n, year, ctx) : { code: 'invalid_date', text: ctx.language === 'pt' ? `não existe semestre ${n}` : `there is no half ${n}` }
}

/** The N units ending today: the day after today, N units back (last 3 months on 30 June = 1 April … 30 June). */
function rolling(n: number, unit: PeriodUnit, ctx: Context): { period: Period; rolling: { n: number; unit: PeriodUnit } } {
  let start: Day
  if (unit === 'day') start = ctx.today - n + 1
  else if (unit === 'week') start = ctx.today - 7 * n + 1
  else start = calendarDays.addMonths(ctx.today + 1, -monthsPerUnit[unit]! * n)
  return { period: { start, end: ctx.today, unit: n === 1 && unit === 'day' ? 'day' : 'custom', toDate: false }, rolling: { n, unit } }
}

function fullUnits(n: number, unit: PeriodUnit, ctx: Context): { period: Period } {
  const first = wholeUnit(ctx.today, unit, -n)
  const last = wholeUnit(ctx.today, unit, -1)
  return { period: { start: first.start, end: last.end, unit: n === 1 ? unit : 'custom', toDate: false } }
}

function namedPartOfYear(unit: 'month' | 'quarter' | 'half', part: number, year: number | undefined, ctx: Context): ReturnType<PeriodBuilder> {
  if (year !== undefined) return { period: namedPart(unit, part, year) }
  if (ctx.yearForUndated !== undefined) {
    const inYear = namedPart(unit, part, ctx.yearForUndated)
    if (inYear.start <= ctx.today) return { period: inYear, inferredYear: { unit, part } }
  }
  return { period: latestPart(unit, part, ctx.today), inferredYear: { unit, part } }
}

function dayOfMonth(m: PatternMatch, ctx: Context): ReturnType<PeriodBuilder> {
  const month = slotValue<number>(m, 'MONTH')!
  const dayNumber = slotValue<number>(m, 'DAYNUM')!
  let year = slotValue<number>(m, 'YEAR')
  if (year === undefined) {
    // The latest such day not after today.
    year = calendarDays.parts(ctx.today).year
    const thisYear = calendarDays.fromParts(year, month, dayNumber)
    if (thisYear === undefined || thisYear > ctx.today) year -= 1
  }
  const period = writtenDay({ year, month, dayOfMonth: dayNumber }, ctx)
  return 'code' in period ? period : { period }
}

interface MarkerPattern { readonly pattern: WordPattern; readonly make: (s: Span, m: PatternMatch) => Item }
const marker = (source: string, make: (s: Span, m: PatternMatch) => Item): MarkerPattern => ({ pattern: compileWordPattern(source), make })

const compareMarkers: readonly MarkerPattern[] = [
  marker('vs|versus|contra|against', (s) => ({ ...s, type: 'compare', weak: false })),
  marker('x', (s) => ({ ...s, type: 'compare', weak: true })),
  marker('over|than|sobre|on', (s) => ({ ...s, type: 'compare', weak: true })),
  marker('do? que', (s) => ({ ...s, type: 'compare', weak: true })),
  marker('compared|comparing|compare|comparison|relative to|with|against', (s) => ({ ...s, type: 'compare', weak: false })),
  marker('in comparison to|with', (s) => ({ ...s, type: 'compare', weak: false })),
  marker('comparado|comparada|comparados|comparadas|comparando|comparar|comparativo com|a|ao|aos|as|contra', (s) => ({ ...s, type: 'compare', weak: false })),
  marker('em? comparacao com|a|ao|aos|as', (s) => ({ ...s, type: 'compare', weak: false })),
  marker('em? relacao a|ao|aos|as', (s) => ({ ...s, type: 'compare', weak: false })),
  marker('frente|relativamente a|ao|aos|as', (s) => ({ ...s, type: 'compare', weak: false })),
]

const relativePatterns: readonly MarkerPattern[] = [
  marker('the? same period|time|days of|in? the? last|previous|prior year', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('the? same UNIT of|in? the? last|previous|prior year', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('o|a? mesmo|mesma periodo|epoca|dias do|de|no ano passado|anterior', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('o|a? mesmo|mesma UNIT do|de|no ano passado|anterior', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('o|a? mesmo|mesma periodo|epoca|dias|UNIT do|de|no ultimo ano', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('a|one year ago|earlier', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('um ano atras|antes', (s) => ({ ...s, type: 'relative', kind: 'same_period_last_year' })),
  marker('the? previous|prior|preceding|last period', (s) => ({ ...s, type: 'relative', kind: 'previous_period' })),
  marker('o? periodo anterior|passado', (s) => ({ ...s, type: 'relative', kind: 'previous_period' })),
  marker('the? UNIT before', (s, m) => ({ ...s, type: 'relative', kind: 'previous_period', unit: slotValue<PeriodUnit>(m, 'UNIT')! })),
]

const growthPatterns: readonly MarkerPattern[] = [
  marker('yoy|interanual', (s) => ({ ...s, type: 'growth', kind: 'same_period_last_year', unit: 'year' })),
  marker('year over|on year', (s) => ({ ...s, type: 'growth', kind: 'same_period_last_year', unit: 'year' })),
  marker('ano contra|sobre ano', (s) => ({ ...s, type: 'growth', kind: 'same_period_last_year', unit: 'year' })),
  marker('mom', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'month' })),
  marker('month over|on month', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'month' })),
  marker('mes contra|sobre mes', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'month' })),
  marker('qoq', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'quarter' })),
  marker('quarter over|on quarter', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'quarter' })),
  marker('trimestre contra|sobre trimestre', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'quarter' })),
  marker('wow', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'week' })),
  marker('week over|on week', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'week' })),
  marker('semana contra|sobre semana', (s) => ({ ...s, type: 'growth', kind: 'previous_period', unit: 'week' })),
  marker(
    'growth|grow|grew|growing|grown|crescimento|cresceu|crescemos|cresceram|crescer|cresce|variacao|variacoes|variation|change|changed|changes|variou|increase|increased|aumento|aumentou|aumentaram|decrease|decreased|decline|declined|drop|dropped|fell|queda|caiu|cairam|diminuiu|diminuicao|reducao|comparativo|comparacao|comparison',
    (s) => ({ ...s, type: 'growth', kind: 'previous_period' }),
  ),
]

const wordsOf = (tokens: readonly Token[], from: number, to: number) => tokens.slice(from, to).map((t) => t.text)

// ---- scanning ------------------------------------------------------------------------------------

function scan(tokens: readonly Token[], ctx: Context, skip: ReadonlySet<number>): Item[] {
  const readers = timeSlotReaders(ctx.language)
  const items: Item[] = []
  const isFree = (i: number) => !skip.has(i)
  let i = 0
  while (i < tokens.length) {
    const best = bestItemAt(tokens, i, ctx, readers, isFree)
    if (!best) {
      i++
      continue
    }
    items.push(best)
    i = best.to
  }
  return items
}

function bestItemAt(tokens: readonly Token[], i: number, ctx: Context, readers: ReturnType<typeof timeSlotReaders>, isFree: (i: number) => boolean): Item | undefined {
  if (!isFree(i)) return undefined
  let best: Item | undefined
  const consider = (item: Item | undefined) => {
    if (item && (!best || item.to > best.to)) best = item
  }
  // Up to three leading prepositions/articles ("in the", "no", "a partir de") belong to the period they introduce.
  for (let k = 0; k <= 3; k++) {
    const core = i + k
    if (core > tokens.length) break
    if (k > 0 && (!isFree(core - 1) || !PREFIX_WORDS.has(tokens[core - 1]!.text))) break
    const prefixes = tokens.slice(i, core).map((t) => t.text)
    for (const pattern of periodPatterns) {
      const match = matchWordPattern(pattern.pattern, tokens, core, readers, isFree)
      if (!match) continue
      const built = pattern.build(match, ctx, wordsOf(tokens, core, match.end))
      if (!built) continue
      if ('code' in built) {
        consider({ type: 'problem', problem: built, from: i, to: match.end, coreFrom: core })
        continue
      }
      // "growth over last year" compares; "over the last 3 months" is a period.
      if (built.relativeUnit && prefixes.includes('over')) continue
      const item: Item = {
        type: 'period',
        ...built,
        from: i,
        to: match.end,
        coreFrom: core,
        prefixes,
        ...(prefixes.some((w) => SINCE_PREFIXES.has(w)) ? { since: true } : {}),
        ...(prefixes.some((w) => UNTIL_PREFIXES.has(w)) || prefixes.join(' ').endsWith('up to') ? { until: true } : {}),
      }
      consider(withRangeEnd(item, tokens, ctx, readers, isFree))
    }
    if (k === 0) {
      for (const m of [...compareMarkers, ...relativePatterns, ...growthPatterns]) {
        const match = matchWordPattern(m.pattern, tokens, core, readers, isFree)
        if (match) consider(m.make({ from: i, to: match.end, coreFrom: core }, match))
      }
    }
  }
  return best
}

/** "de janeiro a março de 2025", "between 2025-01-01 and 2025-03-31", "from Q1 to Q2": one range from the first's start to the second's end. */
function withRangeEnd(
  first: Extract<Item, { type: 'period' }>,
  tokens: readonly Token[],
  ctx: Context,
  readers: ReturnType<typeof timeSlotReaders>,
  isFree: (i: number) => boolean,
): Item {
  const connector = tokens[first.to]
  if (!connector || !isFree(first.to) || !RANGE_CONNECTORS.has(connector.text)) return first
  const between = first.prefixes.some((w) => w === 'between' || w === 'entre')
  const from = first.prefixes.some((w) => ['from', 'de', 'do', 'da', 'desde', 'since', 'partir'].includes(w))
  const andLike = connector.text === 'and' || connector.text === 'e'
  if (andLike ? !between : !(from || between || first.coreFrom === first.from)) return first
  let second: Extract<Item, { type: 'period' }> | undefined
  for (const pattern of periodPatterns) {
    // "a" and "o" may open the second period too ("até o dia 15").
    for (const offset of [1, 2]) {
      const at = first.to + offset
      if (offset === 2 && !['o', 'a', 'the', 'dia'].includes(tokens[first.to + 1]?.text ?? '')) continue
      const match = matchWordPattern(pattern.pattern, tokens, at, readers, isFree)
      if (!match) continue
      const built = pattern.build(match, ctx, wordsOf(tokens, at, match.end))
      if (!built || 'code' in built) continue
      if (!second || match.end > second.to) second = { type: 'period', ...built, from: first.to, to: match.end, coreFrom: at, prefixes: [] }
    }
  }
  if (!second) return first
  let start = first.period
  let end = second.period
  // A month or quarter without a year takes the year of the end of the range ("de janeiro a março de 2025").
  if (first.inferredYear && !second.inferredYear) {
    const endYear = calendarDays.parts(end.start).year
    start = namedPart(first.inferredYear.unit, first.inferredYear.part, endYear)
    if (start.start > end.end) start = namedPart(first.inferredYear.unit, first.inferredYear.part, endYear - 1)
  } else if (first.inferredYear && second.inferredYear && start.start > end.start) {
    // "from November to February": the November before.
    start = namedPart(first.inferredYear.unit, first.inferredYear.part, calendarDays.parts(end.start).year - 1)
  }
  if (start.start > end.end) [start, end] = [end, start]
  const period: Period = { start: start.start, end: end.end, unit: 'custom', toDate: false }
  return { type: 'period', period, from: first.from, to: second.to, coreFrom: first.coreFrom, prefixes: first.prefixes }
}

// ---- resolving -----------------------------------------------------------------------------------

/** The default period and why, for a question that names none. */
export function defaultRangeRule(todayText: string, timeBreakdown: TimeDimensionId | undefined, language: Language): { range: DateRange; note: string } {
  const today = calendarDays.parse(todayText)
  if (today === undefined) throw new Error(`today must be YYYY-MM-DD, got ${JSON.stringify(todayText)}`)
  const period = defaultPeriod(today, timeBreakdown)
  const dates = span(period, language)
  const en: Record<string, string> = {
    none: `No period given: using the year to date (${dates}).`,
    day: `No period given: by day shows the last 30 days (${dates}).`,
    week: `No period given: by week shows the last 12 full weeks and the current one (${dates}).`,
    month: `No period given: by month shows the last 12 full months and the current one (${dates}).`,
    quarter: `No period given: by quarter shows the last 4 full quarters and the current one (${dates}).`,
    year: `No period given: by year shows the last 3 full years and the current one (${dates}).`,
  }
  const pt: Record<string, string> = {
    none: `Sem período na pergunta: usei o acumulado do ano (${dates}).`,
    day: `Sem período na pergunta: por dia mostra os últimos 30 dias (${dates}).`,
    week: `Sem período na pergunta: por semana mostra as últimas 12 semanas completas e a atual (${dates}).`,
    month: `Sem período na pergunta: por mês mostra os últimos 12 meses completos e o atual (${dates}).`,
    quarter: `Sem período na pergunta: por trimestre mostra os últimos 4 trimestres completos e o atual (${dates}).`,
    year: `Sem período na pergunta: por ano mostra os últimos 3 anos completos e o atual (${dates}).`,
  }
  const key = timeBreakdown ?? 'none'
  const labels: Record<Language, Record<string, string>> = {
    en: { none: 'year to date', day: 'last 30 days', week: 'last 12 full weeks and this week', month: 'last 12 full months and this month', quarter: 'last 4 full quarters and this quarter', year: 'last 3 full years and this year' },
    pt: { none: 'acumulado do ano', day: 'últimos 30 dias', week: 'últimas 12 semanas completas e a atual', month: 'últimos 12 meses completos e o atual', quarter: 'últimos 4 trimestres completos e o atual', year: 'últimos 3 anos completos e o atual' },
  }
  const label = labels[language][key]!
  return { range: toRange(period, label), note: (language === 'pt' ? pt : en)[key]! }
}

function defaultPeriod(today: Day, timeBreakdown: TimeDimensionId | undefined): Period {
  switch (timeBreakdown) {
    case 'day':
      return { start: today - 29, end: today, unit: 'custom', toDate: false }
    case 'week':
      return { start: calendarDays.weekStart(today) - 12 * 7, end: today, unit: 'custom', toDate: false }
    case 'month':
      return { start: calendarDays.addMonths(unitStart(today, 'month'), -12), end: today, unit: 'custom', toDate: false }
    case 'quarter':
      return { start: calendarDays.addMonths(unitStart(today, 'quarter'), -12), end: today, unit: 'custom', toDate: false }
    case 'year':
      return { start: calendarDays.addYears(unitStart(today, 'year'), -3), end: today, unit: 'custom', toDate: false }
    default:
      return current('year', { today, language: 'en' })
  }
}

const toRange = (p: Period, label?: string): DateRange => ({ start: calendarDays.format(p.start), end: calendarDays.format(p.end), ...(label ? { label } : {}) })

const unitToDimension: Readonly<Record<PeriodUnit, TimeDimensionId>> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', half: 'month', year: 'year' }
const unitOrder: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'half', 'year']

export function parseTimeRange(question: string, todayText: string, options: TimeRangeOptions = {}): ParsedTimeRange {
  const today = calendarDays.parse(todayText)
  if (today === undefined) throw new Error(`today must be YYYY-MM-DD, got ${JSON.stringify(todayText)}`)
  const language = options.language ?? detectLanguage(question)
  const ctx: Context = { today, language, ...(options.yearForUndated !== undefined ? { yearForUndated: options.yearForUndated } : {}) }
  const tokens = tokenizeQuestion(question)
  const items = scan(tokens, ctx, options.skip ?? new Set())
  const text = (from: number, to: number) => (to > from ? question.slice(tokens[from]!.start, tokens[to - 1]!.end) : '')
  const notes: string[] = []
  const problems: TimeRangeProblem[] = []
  const used = new Set<Item>()

  // Comparison markers are live only right before a period or a relative phrase ("x" also needs a period right before it).
  let comparisonItem: Item | undefined
  let compareUsed = false
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!
    if (item.type !== 'compare') continue
    const next = items[k + 1]
    const previous = items[k - 1]
    if (!next || next.from !== item.to || (next.type !== 'period' && next.type !== 'relative')) continue
    if (item.weak && next.type === 'period' && !(previous && previous.type === 'period' && previous.to === item.from) && !next.relativeUnit) continue
    if (comparisonItem) {
      problems.push({ code: 'too_many_periods', text: text(item.from, next.to) })
      continue
    }
    comparisonItem = next
    compareUsed = true
    used.add(item).add(next)
  }

  // "compare 2025 with 2024", "comparar março e abril": with a compare verb, the second of two periods is the comparison.
  const periods = items.filter((i): i is Extract<Item, { type: 'period' }> => i.type === 'period' && !used.has(i))
  if (!comparisonItem && periods.length === 2 && tokens.some((t) => COMPARE_VERBS.has(t.text))) {
    comparisonItem = periods[1]!
    used.add(comparisonItem)
  }
  const mainItems = periods.filter((i) => !used.has(i))
  for (const item of items) if (item.type === 'problem') problems.push(item.problem)

  let main: Period | undefined
  let mainLabel: string | undefined
  let phrase: string | undefined
  let impliedBreakdown: TimeDimensionId | undefined
  if (mainItems.length === 1) {
    const item = mainItems[0]!
    main = item.period
    mainLabel = item.since || item.until ? text(item.from, item.to) : withoutLeadingPrepositions(tokens, item.coreFrom, item.to, text)
    phrase = text(item.from, item.to)
    if (item.since) main = { start: main.start, end: today, unit: 'custom', toDate: false }
    else if (item.rolling && item.rolling.unit !== 'day' && options.timeBreakdown === unitToDimension[item.rolling.unit]) {
      // "por semana nas últimas 4 semanas": whole weeks (the current one so far), so no bucket is a partial week.
      const aligned: Period = { start: wholeUnit(today, item.rolling.unit, 1 - item.rolling.n).start, end: today, unit: 'custom', toDate: false }
      if (aligned.start !== main.start) {
        const whole = { day: 'dias inteiros', week: 'semanas inteiras', month: 'meses inteiros', quarter: 'trimestres inteiros', half: 'semestres inteiros', year: 'anos inteiros' }[item.rolling.unit]
        notes.push(
          language === 'pt'
            ? `Alinhei "${text(item.coreFrom, item.to)}" a ${whole}: ${span(aligned, 'pt')}, o período atual até hoje.`
            : `Aligned "${text(item.coreFrom, item.to)}" to whole ${item.rolling.unit}s: ${span(aligned, 'en')}, the current one up to today.`,
        )
      }
      main = aligned
    }
    else if (item.until && main.unit !== 'custom') main = { start: unitStart(main.start, 'year'), end: main.end, unit: 'custom', toDate: false }
    if (item.inferredYear) {
      const named = partName(item.inferredYear.unit, item.inferredYear.part, calendarDays.parts(item.period.start).year, language)
      const latest = options.yearForUndated === undefined || calendarDays.parts(item.period.start).year !== options.yearForUndated
      notes.push(
        latest
          ? language === 'pt' ? `"${mainLabel}" sem ano: entendi ${named}, o mais recente.` : `"${mainLabel}" has no year: read as ${named}, the most recent one.`
          : language === 'pt' ? `"${mainLabel}" sem ano: entendi ${named}, o ano da pergunta anterior.` : `"${mainLabel}" has no year: read as ${named}, the year of the previous question.`,
      )
    }
    if (item.note) notes.push(item.note)
    used.add(item)
  } else if (mainItems.length > 1) {
    const unit = mainItems[0]!.period.unit
    if (unit !== 'custom' && mainItems.every((i) => i.period.unit === unit && !i.since && !i.until)) {
      const start = Math.min(...mainItems.map((i) => i.period.start))
      const end = Math.max(...mainItems.map((i) => i.period.end))
      main = { start, end, unit: 'custom', toDate: false }
      mainLabel = text(mainItems[0]!.coreFrom, mainItems.at(-1)!.to)
      phrase = text(mainItems[0]!.from, mainItems.at(-1)!.to)
      impliedBreakdown = unitToDimension[unit]
      for (const i of mainItems) used.add(i)
      const covered = mainItems.reduce((n, i) => n + (i.period.end - i.period.start + 1), 0)
      if (covered < end - start + 1) {
        notes.push(language === 'pt' ? 'Os períodos não são seguidos: mostro todo o intervalo entre eles, dividido por período.' : 'The periods are not adjacent: showing the whole span between them, split by period.')
      }
    } else {
      problems.push({ code: 'too_many_periods', text: mainItems.map((i) => text(i.coreFrom, i.to)).join(', ') })
    }
  }

  // Growth words and relative phrases decide the comparison's kind.
  const growth = items.find((i): i is Extract<Item, { type: 'growth' }> => i.type === 'growth')
  let comparisonKind: 'previous_period' | 'same_period_last_year' | undefined
  let comparisonPeriod: Period | undefined
  let comparisonUnit: PeriodUnit | undefined
  if (comparisonItem?.type === 'relative') {
    comparisonKind = comparisonItem.kind
    comparisonUnit = comparisonItem.unit
  } else if (comparisonItem?.type === 'period') {
    if (comparisonItem.relativeUnit === 'year') comparisonKind = 'same_period_last_year'
    else if (comparisonItem.relativeUnit && (!main || main.unit === comparisonItem.relativeUnit)) {
      comparisonKind = 'previous_period'
      comparisonUnit = comparisonItem.relativeUnit
    } else comparisonPeriod = comparisonItem.period
  } else if (growth) {
    used.add(growth)
    if (growth.unit && main && main.unit !== 'custom' && unitOrder.indexOf(main.unit) > unitOrder.indexOf(growth.unit)) {
      // "MoM in 2025": the change from one month to the next, i.e. the year split by month.
      impliedBreakdown = unitToDimension[growth.unit]
    } else {
      comparisonKind = growth.kind
      comparisonUnit = growth.unit === 'year' ? undefined : growth.unit
    }
  }
  if (growth && compareUsed) used.add(growth)

  let explicit = main !== undefined
  if (!main && comparisonUnit && (comparisonKind || comparisonPeriod)) {
    // "vs the previous month" with no period of its own: this month so far.
    main = current(comparisonUnit, ctx)
    mainLabel = currentUnitName(comparisonUnit, language)
    explicit = true
  }

  let comparisonLabel = comparisonItem ? withoutLeadingPrepositions(tokens, comparisonItem.coreFrom, comparisonItem.to, text) : undefined
  if (main && comparisonPeriod && comparisonPeriod.start > main.end) {
    // "2024 vs 2025", "compare 2024 and 2025": the later period is the one reported, the earlier its comparison.
    ;[main, comparisonPeriod] = [comparisonPeriod, main]
    ;[mainLabel, comparisonLabel] = [comparisonLabel, mainLabel]
    notes.push(language === 'pt' ? `Comparei o período mais recente (${mainLabel}) com o anterior (${comparisonLabel}).` : `Compared the later period (${mainLabel}) with the earlier one (${comparisonLabel}).`)
  }

  let range: DateRange
  if (!main) {
    const fallback = defaultRangeRule(todayText, options.timeBreakdown, language)
    main = defaultPeriod(today, options.timeBreakdown)
    range = fallback.range
    notes.push(fallback.note)
  } else {
    if (main.start > today) {
      problems.push({ code: 'future_period', text: mainLabel ?? span(main, language) })
    } else if (main.end > today) {
      main = { ...main, end: today, toDate: main.unit !== 'custom' }
      const label = mainLabel ?? ''
      if (!isCurrentPhrase(label)) notes.push(language === 'pt' ? `"${label}" ainda não terminou: considerei até hoje (${formatDay(today, 'pt')}).` : `"${label}" is not over yet: counted up to today (${formatDay(today, 'en')}).`)
    }
    range = toRange(main, mainLabel)
  }

  let comparison: PlanComparison | undefined
  if (comparisonPeriod) {
    let compared = comparisonPeriod
    const label = comparisonLabel
    let kind: PlanComparison['kind'] = 'custom'
    const wholeMain = main.toDate ? { ...main, end: unitEnd(main.start, main.unit as PeriodUnit), toDate: false } : main
    if (samePeriod(compared, samePeriodLastYear(wholeMain)) || samePeriod(compared, samePeriodLastYear(main))) kind = 'same_period_last_year'
    else if (samePeriod(compared, previousPeriod(wholeMain)) || samePeriod(compared, previousPeriod(main))) kind = 'previous_period'
    if (kind !== 'custom') {
      const aligned = kind === 'same_period_last_year' ? samePeriodLastYear(main) : previousPeriod(main)
      if (!samePeriod(aligned, compared)) notes.push(alignedNote(aligned, language))
      compared = aligned
    }
    if (compared.start > today) problems.push({ code: 'future_period', text: label ?? span(compared, language) })
    else if (compared.end > today) compared = { ...compared, end: today }
    comparison = { kind, range: toRange(compared, label) }
  } else if (comparisonKind) {
    const compared = comparisonKind === 'same_period_last_year' ? samePeriodLastYear(main) : previousPeriod(main)
    const label = comparisonKind === 'same_period_last_year'
      ? language === 'pt' ? 'mesmo período do ano anterior' : 'same period last year'
      : language === 'pt' ? 'período anterior' : 'previous period'
    if (main.toDate && comparisonKind === 'previous_period') notes.push(alignedNote(compared, language))
    comparison = { kind: comparisonKind, range: toRange(compared, label) }
  }

  const consumed = new Set<number>()
  for (const item of used) for (let t = item.from; t < item.to; t++) consumed.add(t)
  for (const item of items) if (item.type === 'problem') for (let t = item.from; t < item.to; t++) consumed.add(t)

  return {
    range,
    explicit,
    ...(comparison ? { comparison } : {}),
    consumed: [...consumed].sort((a, b) => a - b),
    notes,
    problems,
    ...(impliedBreakdown ? { impliedBreakdown } : {}),
    ...(explicit && phrase ? { phrase } : {}),
  }
}

/** "de junho" → "junho": a label names the period, not the preposition before it. */
function withoutLeadingPrepositions(tokens: readonly Token[], from: number, to: number, text: (from: number, to: number) => string): string {
  let start = from
  while (start < to - 1 && PREFIX_WORDS.has(tokens[start]!.text)) start++
  // "do mês" names this month; "mês" alone would not.
  if (to - start === 1 && unitOfWord[tokens[start]!.text]) start = from
  return text(start, to)
}

function alignedNote(p: Period, language: Language): string {
  return language === 'pt'
    ? `O período ainda está em curso: comparei com os mesmos dias do período de comparação (${span(p, 'pt')}).`
    : `The period is still running: compared with the same days of the comparison period (${span(p, 'en')}).`
}

const currentWords = /^(this|current|esta|este|nesta|neste|essa|esse|nessa|nesse|ytd|mtd|qtd|wtd|so far|hoje|today)\b|\b(atual|corrente|vigente|to date|ate agora|até agora|acumulad[oa]|so far)\b/i

function isCurrentPhrase(label: string): boolean {
  return currentWords.test(label)
}

function currentUnitName(unit: PeriodUnit, language: Language): string {
  const en: Record<PeriodUnit, string> = { day: 'today', week: 'this week', month: 'this month', quarter: 'this quarter', half: 'this half', year: 'this year' }
  const pt: Record<PeriodUnit, string> = { day: 'hoje', week: 'esta semana', month: 'este mês', quarter: 'este trimestre', half: 'este semestre', year: 'este ano' }
  return (language === 'pt' ? pt : en)[unit]
}
