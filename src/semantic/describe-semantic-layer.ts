/**
 * The semantic layer as context for a language model (and, next, the `describe_data` tool): metric and dimension
 * definitions, their SQL and synonyms, and the canonical rules — built from the model alone. It takes no database
 * handle, so no data row can ever end up in it.
 */
import { dimensions, metrics, type Language } from './semantic-model.js'

export interface SemanticLayerDescription {
  metrics: { id: string; label: string; definition: string; unit: string; sql: string; additive: boolean; synonyms: readonly string[] }[]
  dimensions: { id: string; kind: string; label: string; description: string; sql: string; synonyms: readonly string[] }[]
  rules: string[]
}

const rules: Record<Language, string[]> = {
  en: [
    "Revenue, orders, units and profit count completed orders only, unless the question filters or breaks down by status.",
    "A sale's region, state and city are its customer's.",
    'Weeks start on Monday; time buckets are the first day of their period.',
    'Margin %, attainment and growth are fractions (0.23 = 23%).',
    'Periods are inclusive calendar dates, reckoned in the business time zone.',
  ],
  pt: [
    'Faturamento, pedidos, unidades e lucro contam só pedidos concluídos, a não ser que a pergunta filtre ou quebre por status.',
    'A região, o estado e a cidade de uma venda são os do cliente.',
    'Semanas começam na segunda-feira; cada período é identificado pelo seu primeiro dia.',
    'Margem %, atingimento e crescimento são frações (0,23 = 23%).',
    'Períodos são datas de calendário inclusivas, no fuso horário da empresa.',
  ],
}

export function describeSemanticLayer(language: Language = 'en'): SemanticLayerDescription {
  return {
    metrics: Object.values(metrics).map((m) => ({
      id: m.id,
      label: m.label[language],
      definition: m.definition[language],
      unit: m.unit,
      sql: m.sql,
      additive: m.additive,
      synonyms: [...m.synonyms.en, ...m.synonyms.pt],
    })),
    dimensions: Object.values(dimensions).map((d) => ({
      id: d.id,
      kind: d.kind,
      label: d.label[language],
      description: d.description[language],
      sql: d.sql,
      synonyms: [...d.synonyms.en, ...d.synonyms.pt],
    })),
    rules: rules[language],
  }
}

/** The same, as compact text for a system prompt. */
export function semanticLayerPrompt(language: Language = 'en'): string {
  const d = describeSemanticLayer(language)
  return [
    'Metrics:',
    ...d.metrics.map((m) => `- ${m.id} (${m.label}, ${m.unit}): ${m.definition}. SQL: ${m.sql}`),
    'Dimensions:',
    ...d.dimensions.map((x) => `- ${x.id} (${x.label}, ${x.kind}): ${x.description}. SQL: ${x.sql}`),
    'Rules:',
    ...d.rules.map((r) => `- ${r}`),
  ].join('\n')
}
