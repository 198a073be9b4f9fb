/** The planner the graph uses without a model: the deterministic one, given the conversation's previous plan. */
import type { PlanQuestionDeps } from '../src/planner/plan-question.js'
import type { PreviousTurn, TurnPlanOutcome } from '../src/planner/plan-turn.js'

export type { PreviousTurn, TurnPlanOutcome }

/** The shape of `planTurn`; injectable so tests (and a stateless default) can stand in for it. */
export type OfflinePlanner = (question: string, previous: PreviousTurn | undefined, deps: PlanQuestionDeps) => Promise<TurnPlanOutcome>
