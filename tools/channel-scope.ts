/**
 * A channel's scope applied to a plan: a regional channel's questions are about its region. A plan without a region
 * filter gets the channel's region; a plan about another region, or broken down by region, is declined with a reason.
 */
import type { QueryPlan } from '../src/semantic/query-plan.js'
import type { Language } from '../src/semantic/semantic-model.js'

export interface ChannelScope {
  readonly region: { readonly id: number; readonly name: string }
}

export type ScopedPlan = { readonly ok: true; readonly plan: QueryPlan; readonly note?: string } | { readonly ok: false; readonly reason: string }

export function applyChannelScope(plan: QueryPlan, scope: ChannelScope | undefined, language: Language): ScopedPlan {
  if (!scope) return { ok: true, plan }
  const region = scope.region
  const pt = language === 'pt'
  const outside = pt
    ? `Este canal responde só sobre a região ${region.name}; pergunte sobre outras regiões em um canal geral ou em mensagem direta.`
    : `This channel answers about the ${region.name} region only; ask about other regions in a general channel or a direct message.`
  const filter = plan.filters.find((f) => f.dimension === 'region')
  if (filter) {
    const onlyOurs = !filter.exclude && filter.values.length === 1 && Number(filter.values[0]) === region.id
    return onlyOurs ? { ok: true, plan } : { ok: false, reason: outside }
  }
  if (plan.dimensions.includes('region')) return { ok: false, reason: outside }
  return {
    ok: true,
    plan: { ...plan, filters: [...plan.filters, { dimension: 'region', values: [region.id], labels: [region.name] }] },
    note: pt ? `Só a região ${region.name}: é o escopo deste canal.` : `${region.name} region only: this channel's scope.`,
  }
}
