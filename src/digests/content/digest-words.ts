/** Every fixed phrase of a digest, in English and Portuguese: titles, headings, and how periods are named. */
import type { DigestPeriodKind } from '../digest-contract.js'
import type { Language } from '../../semantic/semantic-model.js'

export interface PeriodWords {
  /** Title's first part: "Weekly digest". */
  readonly title: string
  /** The period in a sentence; `{end}` is replaced with its last day: "last week", "in the week to 17 Nov". */
  readonly when: string
  /** The previous period in a sentence: "the week before". */
  readonly previous: string
  /** The name of the digest in the starting context: "the weekly digest". */
  readonly digestName: string
}

const periods: Record<Language, Record<DigestPeriodKind, PeriodWords>> = {
  en: {
    previous_day: { title: 'Daily digest', when: 'yesterday', previous: 'the day before', digestName: 'the daily digest' },
    previous_week: { title: 'Weekly digest', when: 'last week', previous: 'the week before', digestName: 'the weekly digest' },
    previous_month: { title: 'Monthly digest', when: 'last month', previous: 'the month before', digestName: 'the monthly digest' },
    week_to_date: { title: 'Week-to-date digest', when: 'in the week to {end}', previous: 'the same days a week earlier', digestName: 'the week-to-date digest' },
    month_to_date: { title: 'Month-to-date digest', when: 'in the month to {end}', previous: 'the same days a month earlier', digestName: 'the month-to-date digest' },
  },
  pt: {
    previous_day: { title: 'Resumo diário', when: 'ontem', previous: 'o dia anterior', digestName: 'do resumo diário' },
    previous_week: { title: 'Resumo semanal', when: 'na semana passada', previous: 'a semana anterior', digestName: 'do resumo semanal' },
    previous_month: { title: 'Resumo mensal', when: 'no mês passado', previous: 'o mês anterior', digestName: 'do resumo mensal' },
    week_to_date: { title: 'Resumo da semana até agora', when: 'na semana até {end}', previous: 'os mesmos dias da semana anterior', digestName: 'do resumo da semana até agora' },
    month_to_date: { title: 'Resumo do mês até agora', when: 'no mês até {end}', previous: 'os mesmos dias do mês anterior', digestName: 'do resumo do mês até agora' },
  },
}

export const digestWords = {
  en: {
    wholeCompany: 'Whole company',
    headings: { kpis: 'Key figures', targets: 'Target', movers: 'Movers vs the previous period', anomalies: 'Anomalies', customers: 'Customers', summary: 'Summary' },
    previous: 'previous',
    yearAgo: 'a year ago',
    up: 'up',
    down: 'down',
    noMovers: 'no changes',
    noAnomalies: 'None: every day and segment was within its usual range.',
    newCustomers: 'New customers',
    churnedCustomers: 'Churned customers',
    dimension: { region: 'Region', category: 'Category', rep: 'Sales rep', product: 'Product' },
  },
  pt: {
    wholeCompany: 'Empresa toda',
    headings: { kpis: 'Indicadores', targets: 'Meta', movers: 'Maiores variações sobre o período anterior', anomalies: 'Anomalias', customers: 'Clientes', summary: 'Resumo' },
    previous: 'anterior',
    yearAgo: 'um ano antes',
    up: 'alta',
    down: 'queda',
    noMovers: 'sem variações',
    noAnomalies: 'Nenhuma: todos os dias e segmentos ficaram dentro da faixa usual.',
    newCustomers: 'Clientes novos',
    churnedCustomers: 'Clientes perdidos',
    dimension: { region: 'Região', category: 'Categoria', rep: 'Vendedor', product: 'Produto' },
  },
} as const

export function periodWords(kind: DigestPeriodKind, language: Language): PeriodWords {
  return periods[language][kind]
}
