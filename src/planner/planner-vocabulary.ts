/**
 * The phrases the planner recognises, as normalised word lists with a meaning each: every metric and dimension
 * synonym of the semantic model (the single source of truth), plus the planner's own function phrases
 * (breakdown markers, top/bottom, sort order, exclusions, "show the SQL", "as a chart").
 *
 * Content phrases (metrics, dimensions) claim their words, so no entity name can use them ("vendas" is not the
 * customer "Vendas Ltda" unless quoted). Function phrases ("por", "e", "sem", "top") do not: they may sit inside
 * a name ("Áudio e Vídeo", "Mouse sem Fio").
 */
import { dimensions, metrics, type DimensionId, type MetricId } from '../semantic/semantic-model.js'
import { normalizePhrase } from './tokenize-question.js'

export type Direction = 'asc' | 'desc'

export type Meaning =
  | { readonly type: 'metric'; readonly metric: MetricId; readonly weak: boolean; readonly superlative?: Direction; readonly versusTarget?: boolean }
  | { readonly type: 'dimension'; readonly dimension: DimensionId; readonly intrinsic: boolean; readonly plural: boolean }
  | { readonly type: 'breakdown_marker' }
  | { readonly type: 'joiner' }
  | { readonly type: 'rank'; readonly direction: Direction; readonly top?: boolean }
  | { readonly type: 'which'; readonly singular?: boolean; readonly person?: boolean }
  | { readonly type: 'sort'; readonly direction?: Direction }
  | { readonly type: 'exclude'; readonly onlyBeforeName?: boolean }
  | { readonly type: 'wants_sql' }
  | { readonly type: 'wants_chart' }
  | { readonly type: 'trend' }
  | { readonly type: 'how_many' }
  | { readonly type: 'how_much' }
  | { readonly type: 'share' }
  | { readonly type: 'why' }
  | { readonly type: 'buy_verb' }
  | { readonly type: 'filler' }

export interface Phrase {
  readonly words: readonly string[]
  readonly meaning: Meaning
  /** Claims its words against entity names. */
  readonly blocking: boolean
}

/** Verbs that say "revenue" only when nothing more specific is asked ("quantas unidades vendeu"). */
const weakRevenue = new Set(['sold', 'sell', 'sells', 'bill', 'billed', 'vendeu', 'vendido', 'faturou', 'faturamos', 'vendemos', 'venderam', 'vendidos', 'vendidas', 'faturado', 'quanto entrou'])
/** Plain nouns that may only describe what is measured ("revenue from online orders"): a metric only when nothing else is, or listed with "and". */
const weakOrders = new Set(['orders', 'pedidos', 'purchases', 'transactions', 'transacoes', 'compras'])
/** "customers" is a metric (how many) or the thing a question is about; these words alone lean neither way. */
const weakCustomers = new Set([
  'customers', 'clients', 'buyers', 'clientes', 'compradores', 'how many customers', 'quantos clientes', 'number of customers', 'numero de clientes',
  'quantidade de clientes', 'customer count',
])
const superlativeMetrics = new Set(['most profitable', 'mais lucrativos', 'mais lucrativo', 'mais rentaveis', 'mais rentavel', 'mais vendidos', 'mais vendidas', 'best selling', 'best sellers', 'top selling', 'most sold'])
const versusTargetPhrases = new Set(['vs target', 'versus target', 'against target', 'contra a meta', 'em relacao a meta'])
/** Words that are a breakdown by themselves ("monthly", "mensal", "regional"). */
const adjectives = new Set(['daily', 'diario', 'diaria', 'diarios', 'diarias', 'weekly', 'semanal', 'semanais', 'monthly', 'mensal', 'mensais', 'quarterly', 'trimestral', 'trimestrais', 'yearly', 'annual', 'annually', 'anual', 'anuais', 'regional', 'regionais', 'mes a mes', 'ano a ano', 'month by month', 'dia a dia', 'semana a semana'])
const markerWords = new Set(['by', 'per', 'por', 'each', 'cada'])

const functionPhrases: ReadonlyArray<readonly [string, Meaning]> = [
  // breakdowns
  ...['by', 'per', 'por', 'each', 'cada', 'for each', 'for every', 'para cada', 'em cada', 'de cada', 'by each', 'across', 'across all', 'split by', 'broken down by', 'break down by', 'breakdown by', 'broken out by', 'grouped by', 'group by', 'agrupado por', 'agrupados por', 'agrupada por', 'dividido por', 'divididos por', 'separado por', 'separados por', 'quebrado por', 'aberto por', 'conforme', 'according to', 'depending on', 'de acordo com', 'segmented by', 'por cada', 'in each', 'of each', 'for all', 'between', 'among', 'entre', 'split between', 'split among', 'split across', 'dividido entre', 'distribuido por', 'distribuicao por'].map(
    (p) => [p, { type: 'breakdown_marker' }] as const,
  ),
  ...['and', 'e', 'x', 'and by', 'e por', 'plus', 'and per', 'and also'].map((p) => [p, { type: 'joiner' }] as const),
  // ranking
  ['top', { type: 'rank', direction: 'desc', top: true }],
  ['bottom', { type: 'rank', direction: 'asc', top: true }],
  ...['best', 'melhor', 'melhores', 'highest', 'biggest', 'largest', 'maior', 'maiores', 'most', 'mais', 'greatest', 'leading', 'strongest', 'the most', 'o mais', 'a mais', 'os mais', 'as mais'].map(
    (p) => [p, { type: 'rank', direction: 'desc' }] as const,
  ),
  ...['worst', 'pior', 'piores', 'lowest', 'smallest', 'least', 'fewest', 'menor', 'menores', 'menos', 'weakest', 'the least', 'o menos', 'a menos', 'os menos', 'as menos'].map(
    (p) => [p, { type: 'rank', direction: 'asc' }] as const,
  ),
  ['which', { type: 'which' }],
  ['what', { type: 'which' }],
  ['qual', { type: 'which', singular: true }],
  ['quais', { type: 'which', singular: false }],
  ['quem', { type: 'which', singular: true, person: true }],
  ['who', { type: 'which', singular: true, person: true }],
  // sort order
  ...['sorted by', 'ordered by', 'order by', 'sort by', 'ordenado por', 'ordenados por', 'ordenada por', 'ordenadas por', 'classificado por', 'classificados por', 'ranked by', 'rank', 'ranking', 'rank by', 'in order', 'em ordem', 'ordene', 'ordenar', 'classifique', 'rankeie', 'rankear'].map(
    (p) => [p, { type: 'sort' }] as const,
  ),
  ...['do maior pro menor', 'do maior para o menor', 'do maior ao menor', 'highest first', 'largest first', 'biggest first', 'best first', 'highest to lowest', 'descending', 'decrescente', 'desc', 'em ordem decrescente', 'in descending order', 'top down'].map(
    (p) => [p, { type: 'sort', direction: 'desc' }] as const,
  ),
  ...['do menor pro maior', 'do menor para o maior', 'do menor ao maior', 'lowest first', 'smallest first', 'worst first', 'lowest to highest', 'ascending', 'crescente', 'asc', 'em ordem crescente', 'in ascending order'].map(
    (p) => [p, { type: 'sort', direction: 'asc' }] as const,
  ),
  // exclusions
  ...['except', 'excluding', 'exclude', 'other than', 'apart from', 'but not', 'without', 'exceto', 'excluindo', 'excluir', 'fora', 'tirando', 'sem contar', 'nao incluindo', 'not including', 'outside', 'outside of', 'fora do', 'fora da', 'fora de', 'sem', 'menos'].map(
    (p) => [p, { type: 'exclude', onlyBeforeName: p === 'menos' || p === 'sem' }] as const,
  ),
  // output wishes
  ...['sql', 'the sql', 'query', 'queries', 'the query', 'a query', 'o sql', 'consulta sql', 'qual a consulta', 'mostre a consulta', 'ver a consulta', 'a consulta', 'codigo sql', 'sql code', 'sql query', 'select usado'].map(
    (p) => [p, { type: 'wants_sql' }] as const,
  ),
  ...['chart', 'charts', 'graph', 'graphs', 'plot', 'plotted', 'visualize', 'visualise', 'visualization', 'visualisation', 'bar chart', 'line chart', 'pie chart', 'a chart', 'grafico', 'graficos', 'grafico de barras', 'grafico de linha', 'grafico de linhas', 'grafico de pizza', 'plotar', 'plote', 'visualizar', 'em grafico', 'num grafico', 'in a chart', 'as a chart'].map(
    (p) => [p, { type: 'wants_chart' }] as const,
  ),
  ...['trend', 'trends', 'trending', 'tendencia', 'tendencias', 'evolucao', 'evolution', 'over time', 'ao longo do tempo', 'historico', 'history', 'time series', 'serie historica', 'como evoluiu', 'evoluiu'].map(
    (p) => [p, { type: 'trend' }] as const,
  ),
  ...['how many', 'quantos', 'quantas', 'number of', 'numero de', 'quantidade de', 'count of', 'qtos', 'qtas'].map((p) => [p, { type: 'how_many' }] as const),
  ...['share', 'share of', 'shares', 'percentage of total', 'percent of total', '% of total', 'proportion', 'participacao', 'participacoes', 'percentual do total', '% do total', 'proporcao', 'fatia', 'peso'].map(
    (p) => [p, { type: 'share' }] as const,
  ),
  ...['how much', 'quanto', 'quanta', 'qual o valor', 'qual foi o valor', 'what amount'].map((p) => [p, { type: 'how_much' }] as const),
  ...['why', 'por que', 'porque', 'por qual motivo', 'what caused', 'reason', 'motivo'].map((p) => [p, { type: 'why' }] as const),
  ...['bought', 'buy', 'buys', 'purchased', 'comprou', 'compraram', 'comprar', 'compra', 'compram', 'gastou', 'gastaram', 'spent', 'spend'].map((p) => [p, { type: 'buy_verb' }] as const),
  // phrases that would otherwise start with a marker
  ...['por favor', 'please', 'o que', 'what is', 'what was', 'whats', 'me diga', 'tell me', 'show me', 'mostre me', 'me mostre', 'me de', 'me da', 'por enquanto', 'by the way', 'each other'].map(
    (p) => [p, { type: 'filler' }] as const,
  ),
]

function buildPhrases(): Phrase[] {
  const phrases: Phrase[] = []
  const add = (text: string, meaning: Meaning, blocking: boolean) => {
    const words = normalizePhrase(text).split(' ').filter((w) => w !== '')
    if (words.length > 0) phrases.push({ words, meaning, blocking })
  }
  for (const metric of Object.values(metrics)) {
    for (const synonym of [...metric.synonyms.en, ...metric.synonyms.pt]) {
      const text = normalizePhrase(synonym)
      add(synonym, {
        type: 'metric',
        metric: metric.id,
        weak: weakRevenue.has(text) || (metric.id === 'active_customers' && weakCustomers.has(text)) || (metric.id === 'orders' && weakOrders.has(text)),
        ...(superlativeMetrics.has(text) ? { superlative: 'desc' as const } : {}),
        ...(versusTargetPhrases.has(text) ? { versusTarget: true } : {}),
      }, true)
    }
  }
  for (const dimension of Object.values(dimensions)) {
    for (const synonym of [...dimension.synonyms.en, ...dimension.synonyms.pt]) {
      const words = normalizePhrase(synonym).split(' ')
      const text = words.join(' ')
      const intrinsic = adjectives.has(text) || (words.length > 1 && words.some((w) => markerWords.has(w)))
      const last = words.at(-1)!
      const plural = /s$/.test(last) && !/ss$/.test(last) && !['status', 'sales'].includes(last)
      add(synonym, { type: 'dimension', dimension: dimension.id, intrinsic, plural }, true)
    }
  }
  for (const adjective of adjectives) {
    const timeOf: Record<string, DimensionId> = { dia: 'day', diario: 'day', diaria: 'day', diarios: 'day', diarias: 'day', daily: 'day', semana: 'week', semanal: 'week', semanais: 'week', weekly: 'week', mensal: 'month', mensais: 'month', monthly: 'month', mes: 'month', month: 'month', trimestral: 'quarter', trimestrais: 'quarter', quarterly: 'quarter', anual: 'year', anuais: 'year', yearly: 'year', annual: 'year', annually: 'year', ano: 'year', regional: 'region', regionais: 'region' }
    const dimension = timeOf[adjective.split(' ')[0]!]
    if (dimension) add(adjective, { type: 'dimension', dimension, intrinsic: true, plural: false }, true)
  }
  for (const [text, meaning] of functionPhrases) add(text, meaning, false)
  return phrases
}

export const plannerPhrases: readonly Phrase[] = buildPhrases()

/** Longest phrase length, so matching knows how far to look. */
export const longestPhrase = Math.max(...plannerPhrases.map((p) => p.words.length))
