/**
 * The RFM segments and the grid that assigns them. Each customer gets three scores from 1 to 5 (quintiles among
 * the customers with a completed order in the period): R for how recently they bought (5 = most recent), F for
 * how many completed orders they placed, M for how much revenue they brought. F and M are folded into one
 * "value" score FM = round((F + M) / 2), halves up, so the grid stays two-dimensional and readable:
 *
 *            FM 1            FM 2            FM 3            FM 4            FM 5
 *   R 5   New Customers   Potential Loy.  Potential Loy.  Champions       Champions
 *   R 4   Promising       Potential Loy.  Potential Loy.  Loyal           Loyal
 *   R 3   About to Sleep  About to Sleep  Need Attention  Loyal           Loyal
 *   R 2   Hibernating     Hibernating     At Risk         At Risk         Can't Lose Them
 *   R 1   Lost            Lost            At Risk         At Risk         Can't Lose Them
 *
 * This is the common R × FM segment map (as in Putler's and most marketing tools' RFM grids), with "Lost" split off
 * from "Hibernating" at R 1 because the issue asks for it. Every one of the 25 cells has exactly one segment.
 */
import type { Language } from '../semantic/semantic-model.js'

export const rfmSegmentIds = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'hibernating',
  'lost',
] as const
export type RfmSegmentId = (typeof rfmSegmentIds)[number]

/** 1 to 5. */
export type RfmScore = 1 | 2 | 3 | 4 | 5

export interface RfmSegmentDefinition {
  readonly id: RfmSegmentId
  readonly label: Readonly<Record<Language, string>>
  readonly description: Readonly<Record<Language, string>>
  /** The recency scores and value (FM) scores whose every combination falls in this segment. */
  readonly recency: readonly RfmScore[]
  readonly value: readonly RfmScore[]
}

/** In the order reports list them: the best customers first, the lost last. */
export const rfmSegments: Readonly<Record<RfmSegmentId, RfmSegmentDefinition>> = {
  champions: {
    id: 'champions',
    label: { en: 'Champions', pt: 'Campeões' },
    description: { en: 'Bought recently, buy often and spend the most.', pt: 'Compraram há pouco, compram com frequência e gastam mais.' },
    recency: [5],
    value: [4, 5],
  },
  loyal: {
    id: 'loyal',
    label: { en: 'Loyal', pt: 'Fiéis' },
    description: { en: 'Buy regularly and spend well; not the very latest buyers.', pt: 'Compram com regularidade e gastam bem; não são os compradores mais recentes.' },
    recency: [3, 4],
    value: [4, 5],
  },
  potential_loyalists: {
    id: 'potential_loyalists',
    label: { en: 'Potential Loyalists', pt: 'Potenciais fiéis' },
    description: { en: 'Recent customers with average frequency and spend.', pt: 'Clientes recentes com frequência e gasto médios.' },
    recency: [4, 5],
    value: [2, 3],
  },
  new_customers: {
    id: 'new_customers',
    label: { en: 'New Customers', pt: 'Clientes novos' },
    description: { en: 'Bought very recently, but little so far.', pt: 'Compraram muito recentemente, mas pouco até agora.' },
    recency: [5],
    value: [1],
  },
  promising: {
    id: 'promising',
    label: { en: 'Promising', pt: 'Promissores' },
    description: { en: 'Recent buyers who have not spent much yet.', pt: 'Compradores recentes que ainda gastaram pouco.' },
    recency: [4],
    value: [1],
  },
  need_attention: {
    id: 'need_attention',
    label: { en: 'Need Attention', pt: 'Precisam de atenção' },
    description: { en: 'Average recency, frequency and spend: could go either way.', pt: 'Recência, frequência e gasto médios: podem ir para qualquer lado.' },
    recency: [3],
    value: [3],
  },
  about_to_sleep: {
    id: 'about_to_sleep',
    label: { en: 'About to Sleep', pt: 'Quase dormindo' },
    description: { en: 'Below-average recency and value; will be lost without a reason to come back.', pt: 'Recência e valor abaixo da média; serão perdidos sem um motivo para voltar.' },
    recency: [3],
    value: [1, 2],
  },
  at_risk: {
    id: 'at_risk',
    label: { en: 'At Risk', pt: 'Em risco' },
    description: { en: 'Used to buy often and spend well, but not for a long time.', pt: 'Compravam com frequência e gastavam bem, mas não compram há muito tempo.' },
    recency: [1, 2],
    value: [3, 4],
  },
  cant_lose_them: {
    id: 'cant_lose_them',
    label: { en: "Can't Lose Them", pt: 'Não podemos perder' },
    description: { en: 'Among the most valuable customers, and they have stopped buying.', pt: 'Entre os clientes mais valiosos, e pararam de comprar.' },
    recency: [1, 2],
    value: [5],
  },
  hibernating: {
    id: 'hibernating',
    label: { en: 'Hibernating', pt: 'Hibernando' },
    description: { en: 'Low value and a long time since the last order.', pt: 'Pouco valor e muito tempo desde o último pedido.' },
    recency: [2],
    value: [1, 2],
  },
  lost: {
    id: 'lost',
    label: { en: 'Lost', pt: 'Perdidos' },
    description: { en: 'The oldest last orders and low value.', pt: 'Os últimos pedidos mais antigos e pouco valor.' },
    recency: [1],
    value: [1, 2],
  },
}

/** The segments whose customers the at-risk list names: they were worth a lot and are slipping away. */
export const atRiskSegmentIds: readonly RfmSegmentId[] = ['at_risk', 'cant_lose_them']

/** FM: the mean of F and M, halves rounded up (F 3, M 4 → 4). */
export function valueScore(frequency: RfmScore, monetary: RfmScore): RfmScore {
  return Math.floor((frequency + monetary + 1) / 2) as RfmScore
}

export function segmentFor(recency: RfmScore, value: RfmScore): RfmSegmentId {
  for (const id of rfmSegmentIds) {
    const s = rfmSegments[id]
    if (s.recency.includes(recency) && s.value.includes(value)) return id
  }
  throw new RangeError(`no RFM segment for R ${recency}, FM ${value}`)
}
