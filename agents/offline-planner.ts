/** The planner the graph uses without a model: the deterministic one, given the conversation's previous plan. */
import type { PlanOutcome, PlanQuestionDeps } from '../src/planner/plan-question.js'
import type { QueryPlan } from '../src/semantic/query-plan.js'
import type { Language } from '../src/semantic/semantic-model.js'

export interface PreviousTurn {
  readonly plan: QueryPlan
  readonly language: Language
}

export type TurnPlanOutcome = PlanOutcome & { readonly followUp: boolean }

export type OfflinePlanner = (question: string, previous: PreviousTurn | undefined, deps: PlanQuestionDeps) => Promise<TurnPlanOutcome>
