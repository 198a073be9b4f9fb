/**
 * Plans one turn of a conversation with the offline planner: a whole new question is planned afresh
 * (planQuestion), a follow-up ("and the month before?", "e por categoria?", "só da Maria", "show the SQL")
 * changes the previous turn's plan. Refusals always come first, previous plan or not.
 *
 * A message is a follow-up when it has a follow-up word ("and …", "what about", "instead", "agora", "só"),
 * asks to move or drop a part ("the month before", "remove the filter", "no breakdown"), or names no metric of
 * its own; a message that names a metric and has none of those is a new question.
 */
import type { QueryPlan } from '../semantic/query-plan.js'
import type { Language } from '../semantic/semantic-model.js'
import { describePlan } from './describe-plan.js'
import { languageScore } from './detect-language.js'
import { detectOutOfScope } from './detect-out-of-scope.js'
import { mergeFollowUp, type FollowUpProblem } from './plan-follow-up.js'
import { planQuestion, readFollowUpMessage, type MessageParts, type PlanOutcome, type PlanQuestionDeps } from './plan-question.js'
import { readFollowUpCues, type FollowUpCues } from './read-follow-up-cues.js'
import { dimensions } from '../semantic/semantic-model.js'
import { suggestQuestions } from './suggest-questions.js'
import { tokenizeQuestion, type Token } from './tokenize-question.js'

/** The last successful plan of the conversation, and the language it was asked in. */
export interface PreviousTurn {
  readonly plan: QueryPlan
  readonly language: Language
}

/**
 * `followUp` is true when the message was read as a change to the previous plan: then `plan` is the whole new
 * plan and `understood` restates all of it. A failure with `followUp` true is a follow-up that could not be
 * completed (an unknown name, a period after today).
 */
export type TurnPlanOutcome = PlanOutcome & { readonly followUp: boolean }

export async function planTurn(question: string, previous: PreviousTurn | undefined, deps: PlanQuestionDeps): Promise<TurnPlanOutcome> {
  const asNewQuestion = async (): Promise<TurnPlanOutcome> => ({ ...(await planQuestion(question, deps)), followUp: false })
  if (!previous || detectOutOfScope(question)) return asNewQuestion()
  const tokens = tokenizeQuestion(question)
  if (tokens.length === 0) return asNewQuestion()

  const cues = readFollowUpCues(tokens)
  const language = followUpLanguage(question, tokens, previous.language)
  const { start, end } = previous.plan.timeRange
  const read = await readFollowUpMessage(question, deps, {
    explained: cues.explained,
    language,
    ...(start.slice(0, 4) === end.slice(0, 4) ? { yearForUndated: Number(start.slice(0, 4)) } : {}),
  })
  if (!read.ok) return cues.marked ? { ...read, followUp: true } : asNewQuestion()
  const { parts } = read
  if (parts.metrics.length > 0 && !cues.marked) return asNewQuestion()
  if (!namesSomething(parts, cues)) return asNewQuestion()

  const merged = mergeFollowUp(previous.plan, parts, cues, { today: deps.today, language, previousLanguage: previous.language })
  if (!merged.ok) return { ...problemOutcome(merged.problem, question, language), followUp: true }
  return {
    ok: true,
    plan: merged.plan,
    language,
    understood: describePlan(merged.plan, language, { filterRemarks: parts.filterRemarks }),
    wantsSql: parts.wantsSql,
    wantsChart: parts.wantsChart,
    notes: [...merged.notes, ...parts.notes],
    followUp: true,
  }
}

/** Words of follow-ups that detect-language does not weigh, and "as a" (English, though "a" and "as" are Portuguese too). */
const englishFollowUpWords = new Set(['instead', 'rather', 'breakdown', 'filter', 'filters', 'unfiltered', 'plot', 'chart', 'also', 'too', 'only', 'just', 'about'])
const portugueseFollowUpWords = new Set(['agora', 'tambem', 'filtro', 'filtros', 'quebra', 'divisao', 'grafico', 'apenas', 'somente'])

/** The follow-up's language; "sql?", "Q3?" say nothing either way, so the conversation keeps its own. */
function followUpLanguage(question: string, tokens: readonly Token[], previous: Language): Language {
  let score = languageScore(question)
  tokens.forEach((t, i) => {
    if (englishFollowUpWords.has(t.text)) score -= 1
    if (portugueseFollowUpWords.has(t.text)) score += 1
    if (t.text === 'as' && tokens[i + 1]?.text === 'a') score -= 3
  })
  return score === 0 ? previous : score > 0 ? 'pt' : 'en'
}

function namesSomething(parts: MessageParts, cues: FollowUpCues): boolean {
  return (
    cues.actions.length > 0 ||
    parts.metrics.length > 0 ||
    parts.dimensions.length > 0 ||
    parts.filters.length > 0 ||
    parts.time.explicit ||
    parts.time.comparison !== undefined ||
    parts.ranking !== undefined ||
    parts.wantsSql ||
    parts.wantsChart
  )
}

function problemOutcome(problem: FollowUpProblem, question: string, language: Language): Extract<PlanOutcome, { ok: false }> {
  const pt = language === 'pt'
  const suggestions = suggestQuestions({ language, question })
  if (problem.code === 'future_period') {
    return {
      ok: false,
      language,
      code: 'unsupported',
      understood: pt ? `Um período que ainda não começou: ${problem.text}.` : `A period that has not started yet: ${problem.text}.`,
      message: pt ? `Esse período (${problem.text}) ainda não começou; só respondo sobre vendas que já aconteceram.` : `That period (${problem.text}) has not started yet; I only answer about sales that already happened.`,
      suggestions,
    }
  }
  const names = problem.dimensions.map((d) => dimensions[d].label[language].toLowerCase()).join(', ')
  return {
    ok: false,
    language,
    code: 'unsupported',
    understood: pt ? `Uma divisão por ${names}.` : `A breakdown by ${names}.`,
    message: pt ? `Divido por no máximo duas coisas de cada vez (ex.: região e mês); somando esta pergunta à anterior seriam ${problem.dimensions.length}: ${names}.` : `I split by at most two things at a time (e.g. region and month); with the previous question this would be ${problem.dimensions.length}: ${names}.`,
    suggestions,
  }
}
