/** Adapts the question path to the eval harness: a refusal is a planner-level "no", never a failed query. */
import type { AnswerQuestion } from '../evals/run-evals.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import type { QuestionAnswerer } from './answer-question.js'

export function answerForEvals(answerQuestion: QuestionAnswerer, principal: SqlPrincipal): AnswerQuestion {
  return async (question, { today }) => {
    const result = await answerQuestion({ question, principal, surface: 'eval', today })
    if (result.ok) return { refused: false, sql: result.sql, rows: result.rows }
    // A plan that compiled but could not run is an error of ours, not a refusal the suite may expect.
    return result.sql === undefined ? { refused: true } : { refused: false, sql: result.sql, error: `${result.code}: ${result.answer}` }
  }
}
