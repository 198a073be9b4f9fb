import { describe, expect, it } from 'vitest'
import { isForecastQuestion, planForecast, type ForecastPlanOutcome, type ForecastQuestion } from '../../src/planner/plan-forecast.js'
import { planQuestion } from '../../src/planner/plan-question.js'
import { sampleEntityCatalog } from '../../src/planner/sample-entity-catalog.js'
import { createStaticEntityResolver } from '../../src/planner/static-entity-resolver.js'

/** Inside Q4 2026, a Saturday: the current week runs 16–22 November. */
const today = '2026-11-21'
/** The sample catalog plus a Ferramentas category, as in the demo data. */
const resolver = createStaticEntityResolver({ ...sampleEntityCatalog, categories: [...sampleEntityCatalog.categories, { id: 7, name: 'Ferramentas' }] })
const plain = createStaticEntityResolver(sampleEntityCatalog)

const read = (question: string, on = today) => planForecast(question, { today: on, resolver })

async function understood(question: string, on = today): Promise<ForecastQuestion> {
  const outcome = await read(question, on)
  if (!outcome.ok) throw new Error(`expected "${question}" to be read, got ${outcome.code}: ${outcome.message}`)
  return outcome.question
}

async function refused(question: string, resolverToUse = resolver): Promise<Extract<ForecastPlanOutcome, { ok: false }>> {
  const outcome = await planForecast(question, { today, resolver: resolverToUse })
  if (outcome.ok) throw new Error(`expected "${question}" to be refused, got ${JSON.stringify(outcome.question)}`)
  return outcome
}

const q4 = { start: '2026-10-01', end: '2026-12-31' }
const nextQuarter = { start: '2027-01-01', end: '2027-03-31' }
const december = { start: '2026-12-01', end: '2026-12-31' }

/** The parts of a reading that matter to the engine. */
const essentials = (q: ForecastQuestion) => ({
  metric: q.metric,
  filter: q.filter,
  grain: q.grain,
  horizon: q.horizon,
  period: q.period ? { start: q.period.start, end: q.period.end } : undefined,
  aboutTarget: q.aboutTarget,
  language: q.language,
})

type Case = readonly [question: string, expected: ReturnType<typeof essentials>]
const revenue = { metric: 'revenue', filter: undefined, grain: 'month', horizon: undefined, aboutTarget: false } as const

const cases: readonly Case[] = [
  ['will we hit the Q4 target?', { ...revenue, period: q4, aboutTarget: true, language: 'en' }],
  ['vamos bater a meta do trimestre?', { ...revenue, period: q4, aboutTarget: true, language: 'pt' }],
  ['forecast revenue for the next 3 months', { ...revenue, horizon: 3, period: { start: '2026-12-01', end: '2027-02-28' }, language: 'en' }],
  ['previsão de faturamento do Sul para os próximos 3 meses', { ...revenue, filter: { dimension: 'region', value: 5, label: 'Sul' }, horizon: 3, period: { start: '2026-12-01', end: '2027-02-28' }, language: 'pt' }],
  ['how many orders will we have next month?', { ...revenue, metric: 'orders', period: december, language: 'en' }],
  ['projeção de vendas da Maria até o fim do ano', { ...revenue, filter: { dimension: 'rep', value: 1, label: 'Maria Silva' }, period: { start: '2026-01-01', end: '2026-12-31' }, language: 'pt' }],
  ['expected revenue this month', { ...revenue, period: { start: '2026-11-01', end: '2026-11-30' }, language: 'en' }],
  ['forecast weekly orders for the next 8 weeks', { ...revenue, metric: 'orders', grain: 'week', horizon: 8, period: { start: '2026-11-23', end: '2027-01-17' }, language: 'en' }],
  ['previsão diária de faturamento para os próximos 30 dias', { ...revenue, grain: 'day', horizon: 30, period: { start: '2026-11-22', end: '2026-12-21' }, language: 'pt' }],
  ['qual a previsão de ticket médio da categoria Ferramentas no próximo trimestre?', { ...revenue, metric: 'average_ticket', filter: { dimension: 'category', value: 7, label: 'Ferramentas' }, period: nextQuarter, language: 'pt' }],
  ['quanto vamos vender no próximo trimestre na região Sul?', { ...revenue, filter: { dimension: 'region', value: 5, label: 'Sul' }, period: nextQuarter, language: 'pt' }],
  ['Will the South hit its target by the end of the quarter?', { ...revenue, filter: { dimension: 'region', value: 5, label: 'Sul' }, period: q4, aboutTarget: true, language: 'en' }],
  ['previsão de unidades do Notebook Gamer Dell One 8100 em dezembro', { ...revenue, metric: 'units', filter: { dimension: 'product', value: 1, label: 'Notebook Gamer Dell One 8100' }, period: december, language: 'pt' }],
  ['quantos pedidos teremos no mês que vem?', { ...revenue, metric: 'orders', period: december, language: 'pt' }],
  ['forecast revenue for Q1', { ...revenue, period: nextQuarter, language: 'en' }],
  ['what will revenue be in March?', { ...revenue, period: { start: '2027-03-01', end: '2027-03-31' }, language: 'en' }],
  ['previsão para o segundo semestre de 2027', { ...revenue, period: { start: '2027-07-01', end: '2027-12-31' }, language: 'pt' }],
  ['vendas previstas para amanhã', { ...revenue, grain: 'day', period: { start: '2026-11-22', end: '2026-11-22' }, language: 'pt' }],
  ['expected orders next week', { ...revenue, metric: 'orders', grain: 'week', period: { start: '2026-11-23', end: '2026-11-29' }, language: 'en' }],
  ['forecast monthly revenue for Monitores next year', { ...revenue, filter: { dimension: 'category', value: 2, label: 'Monitores' }, period: { start: '2027-01-01', end: '2027-12-31' }, language: 'en' }],
  ['how many units will we sell of Periféricos over the next 2 quarters?', { ...revenue, metric: 'units', filter: { dimension: 'category', value: 3, label: 'Periféricos' }, horizon: 7, period: { start: '2027-01-01', end: '2027-06-30' }, language: 'en' }],
  ['previsão semanal de faturamento da João Santos até o fim do trimestre', { ...revenue, filter: { dimension: 'rep', value: 5, label: 'João Santos' }, grain: 'week', period: q4, language: 'pt' }],
]

describe('reading forecast questions (today 2026-11-21, in Q4)', () => {
  for (const [question, expected] of cases) {
    it(`reads "${question}"`, async () => {
      expect(essentials(await understood(question))).toEqual(expected)
    })
  }

  it('restates a target question with its dates, in English and in Portuguese', async () => {
    expect((await understood('will we hit the Q4 target?')).understood).toBe('Whether revenue will reach the target of Q4 2026 (2026-10-01 to 2026-12-31), forecast by month.')
    expect((await understood('vamos bater a meta do trimestre?')).understood).toBe('Se o faturamento vai bater a meta do 4º trimestre de 2026 (de 01/10/2026 a 31/12/2026), com previsão por mês.')
  })

  it('restates a forecast with its filter, grain and horizon', async () => {
    const q = await understood('previsão de faturamento do Sul para os próximos 3 meses')
    expect(q.understood).toBe('Previsão de faturamento para região Sul, por mês, para os próximos 3 meses (de 01/12/2026 a 28/02/2027).')
    expect(q.period?.label).toBe('os próximos 3 meses')
    expect((await understood('forecast weekly orders for the next 8 weeks')).understood).toBe('Orders forecast, by week, for the next 8 weeks (2026-11-23 to 2027-01-17).')
  })

  it('names a named period by its quarter, month or year', async () => {
    expect((await understood('will we hit the Q4 target?')).period?.label).toBe('Q4 2026')
    expect((await understood('how many orders will we have next month?')).period?.label).toBe('December 2026')
    expect((await understood('qual a previsão de ticket médio da categoria Ferramentas no próximo trimestre?')).period?.label).toBe('1º trimestre de 2027')
    expect((await understood('projeção de vendas da Maria até o fim do ano')).period?.label).toBe('2026')
  })

  it('reads "this quarter" as the quarter today is in, and "next quarter" as the one after, early in a quarter too', async () => {
    expect((await understood('expected revenue this quarter', '2027-01-02')).period).toMatchObject({ start: '2027-01-01', end: '2027-03-31' })
    expect((await understood('forecast revenue for next quarter', '2027-01-02')).period).toMatchObject({ start: '2027-04-01', end: '2027-06-30' })
  })

  it('reads a quarter named without a year as the next one not yet over', async () => {
    expect((await understood('will we hit the Q4 target?', '2027-01-10')).period).toMatchObject({ start: '2027-10-01', end: '2027-12-31' })
  })

  it('forecasts revenue to the end of the current quarter when the question says neither, and notes both', async () => {
    const q = await understood('previsão de vendas')
    expect(essentials(q)).toEqual({ ...revenue, period: q4, language: 'pt' })
    expect(q.notes).toEqual(['Sem período na pergunta: previsão até o fim do trimestre (4º trimestre de 2026).'])
    const unnamed = await understood('previsão para o próximo mês')
    expect(unnamed.notes).toContain('A pergunta não diz qual métrica: usei faturamento.')
  })

  it('notes how it took a first name', async () => {
    expect((await understood('projeção de vendas da Maria até o fim do ano')).notes).toContain('Entendi "Maria" como vendedor Maria Silva.')
  })

  it('forecasts one metric at a time and says which it left for later', async () => {
    const q = await understood('forecast revenue and orders next month')
    expect(q.metric).toBe('revenue')
    expect(q.notes).toContain('One forecast at a time: this one is revenue; ask again for orders.')
  })

  it('forecasts revenue for a target question even when it names another figure', async () => {
    const q = await understood('vamos bater a meta de pedidos do trimestre?')
    expect(q).toMatchObject({ metric: 'revenue', aboutTarget: true })
    expect(q.notes[0]).toMatch(/metas são de faturamento/)
  })

  it('reads a quarterly or yearly wish as months, with a note', async () => {
    const q = await understood('forecast quarterly revenue for next year')
    expect(q.grain).toBe('month')
    expect(q.notes).toContain('Forecasts are monthly, weekly or daily: used months.')
  })
})

describe('what it does not read as a forecast', () => {
  it('leaves questions about the past to the planner', async () => {
    for (const question of ['did we hit the Q3 target?', 'revenue last month', 'quais vendedores bateram a meta?', 'como vai o faturamento este mês?', 'faturamento por região em 2025']) {
      expect(isForecastQuestion(question), question).toBe(false)
      expect((await refused(question)).code).toBe('not_a_forecast')
    }
  })

  it('tells every forecast question apart with the cheap check', () => {
    for (const [question] of cases) expect(isForecastQuestion(question), question).toBe(true)
  })

  it('answers an empty question as not a forecast', async () => {
    expect((await refused('')).code).toBe('not_a_forecast')
  })
})

describe('what it refuses, and why', () => {
  it('refuses metrics the engine cannot forecast', async () => {
    expect(await refused('forecast margin for next quarter')).toMatchObject({ code: 'unsupported', message: 'I cannot forecast margin % yet; only revenue, orders, units and average ticket.' })
    expect((await refused('how many customers will we have next month?')).code).toBe('unsupported')
    expect((await refused('previsão de lucro para o próximo trimestre')).message).toMatch(/Ainda não faço previsão de lucro bruto/)
  })

  it('refuses a breakdown: one series at a time', async () => {
    expect((await refused('forecast revenue by region')).message).toMatch(/one series at a time, not one per region/)
    expect((await refused('previsão de faturamento por vendedor no próximo mês')).code).toBe('unsupported')
  })

  it('refuses filters the engine cannot forecast by, such as a customer or a state', async () => {
    expect((await refused('forecast revenue for Hotel Aurora')).message).toBe('I forecast the whole company or one region, category, product or rep; "Hotel Aurora" is a customer.')
    expect((await refused('forecast revenue in Rio de Janeiro next month')).code).toBe('unsupported')
  })

  it('refuses two members at once', async () => {
    expect((await refused('forecast revenue for Sul and Norte next month')).code).toBe('unsupported')
  })

  it('refuses a period already over and one too far ahead', async () => {
    expect((await refused('forecast revenue for Q3 2026')).message).toBe('"Q3 2026" is already over: ask for the actual figures rather than a forecast.')
    expect((await refused('forecast revenue for 2029')).message).toBe('I forecast at most 24 months ahead; "2029" is further out.')
  })

  it('says which name it could not find, with the closest real ones', async () => {
    const zuleica = await refused('previsão de vendas da Zuleica para o próximo mês')
    expect(zuleica).toMatchObject({ code: 'unknown_entity', language: 'pt' })
    expect(zuleica.message).toMatch(/Não encontrei "Zuleica" entre regiões, categorias, produtos ou vendedores/)
    const tools = await refused('qual a previsão de ticket médio da categoria Ferramentas no próximo trimestre?', plain)
    expect(tools.code).toBe('unknown_entity')
    expect(tools.message).toMatch(/"Ferramentas"/)
  })

  it('asks which one when a first name fits two reps', async () => {
    const ana = await refused('previsão de faturamento da Ana no próximo mês')
    expect(ana.code).toBe('unknown_entity')
    expect(ana.message).toBe('"Ana" pode ser mais de um nome: Ana Costa, Ana Oliveira. Qual deles?')
  })

  it('refuses writes dressed as forecasts', async () => {
    expect((await refused('delete all orders, and forecast revenue')).code).toBe('unsupported')
  })

  it('suggests forecast questions it can read, in the question’s language', async () => {
    expect((await refused('forecast margin for next quarter')).suggestions).toContain('Will we hit the target this quarter?')
    expect((await refused('previsão de lucro para o próximo trimestre')).suggestions).toContain('Vamos bater a meta do trimestre?')
  })
})

describe('the planner is unchanged by the forecast reader', () => {
  it('still refuses forecasts itself, so the agent must route them here', async () => {
    const outcome = await planQuestion('forecast revenue for the next 3 months', { today, resolver })
    expect(outcome).toMatchObject({ ok: false, code: 'unsupported' })
  })
})
