/**
 * The offline question path: plan (deterministic planner) → compile (semantic layer) → guard + run
 * (read-only, principal-scoped) → compose the answer. Every figure in the answer comes from rows of the
 * guard-approved query; every question, whatever became of it, is recorded in question_audit.
 */
import type { Kysely } from 'kysely'
import { composeAnswer } from '../answer/compose-answer.js'
import { createValueFormatter } from '../answer/format-values.js'
import type { Database } from '../db/schema.js'
import { planQuestion } from '../planner/plan-question.js'
import type { EntityResolver } from '../planner/entity-resolver.js'
import { compilePlan } from '../semantic/compile-plan.js'
import type { CompiledPlan, QueryPlan } from '../semantic/query-plan.js'
import { isAppError } from '../errors/app-error.js'
import type { Language } from '../semantic/semantic-model.js'
import type { GuardedSqlRunner, SqlPrincipal } from '../sql-guard/index.js'
import { todayIn } from './today-in.js'

export interface QuestionAnswererDeps {
  db: Kysely<Database>
  runner: GuardedSqlRunner
  resolver: EntityResolver
  clock: () => Date
  timeZone: string
  currency: string
}

export interface AskRequest {
  question: string
  principal: SqlPrincipal
  /** Where the question came from: 'cli', 'http', 'slack', 'eval'… */
  surface: string
  /** Overrides the clock's date ('YYYY-MM-DD'), e.g. for evaluation suites with a fixed today. */
  today?: string
  /** Show the SQL even if the question did not ask for it. */
  showSql?: boolean
}

export interface AskTimings { planMs: number; executeMs: number; totalMs: number }

export type AskResult =
  | {
      ok: true
      answer: string
      headline: string
      language: Language
      understood: string
      plan: QueryPlan
      sql: string
      /** The rows the answer was computed from. */
      rows: Record<string, unknown>[]
      truncated: boolean
      timings: AskTimings
    }
  | {
      ok: false
      answer: string
      language: Language
      code: string
      understood?: string
      suggestions: readonly string[]
      plan?: QueryPlan
      sql?: string
      rows: []
      timings: AskTimings
    }

export function createQuestionAnswerer(deps: QuestionAnswererDeps) {
  return async function answerQuestion(request: AskRequest): Promise<AskResult> {
    const started = performance.now()
    const today = request.today ?? todayIn(deps.timeZone, deps.clock())
    const outcome = await planQuestion(request.question, { today, resolver: deps.resolver })
    const planMs = performance.now() - started
    const since = (t: number) => Math.round(performance.now() - t)

    if (!outcome.ok) {
      const result: AskResult = {
        ok: false,
        answer: [outcome.message, ...(outcome.suggestions.length ? ['', suggestionsTitle(outcome.language), ...outcome.suggestions.map((s) => `• ${s}`)] : [])].join('\n'),
        language: outcome.language,
        code: outcome.code,
        understood: outcome.understood,
        suggestions: outcome.suggestions,
        rows: [],
        timings: { planMs: Math.round(planMs), executeMs: 0, totalMs: since(started) },
      }
      await audit(deps.db, request, { outcome: outcome.code === 'out_of_scope' ? 'refused' : 'not_understood', code: outcome.code, reason: outcome.message, language: outcome.language, totalMs: result.timings.totalMs, planMs: result.timings.planMs })
      return result
    }

    let compiled: CompiledPlan
    try {
      compiled = compilePlan(outcome.plan)
    } catch (error) {
      // A plan the semantic layer cannot compute (e.g. targets by product) is an honest "can't", not a crash.
      if (!isAppError(error)) throw error
      const answer = outcome.language === 'pt' ? `Entendi: ${outcome.understood}\nMas não sei calcular isso: ${error.message}` : `I understood: ${outcome.understood}\nBut I cannot compute that: ${error.message}`
      const timings = { planMs: Math.round(planMs), executeMs: 0, totalMs: since(started) }
      await audit(deps.db, request, { outcome: 'not_understood', code: 'unsupported', reason: error.message, language: outcome.language, plan: outcome.plan, totalMs: timings.totalMs, planMs: timings.planMs })
      return { ok: false, answer, language: outcome.language, code: 'unsupported', understood: outcome.understood, suggestions: [], plan: outcome.plan, rows: [], timings }
    }
    const executeStarted = performance.now()
    const run = await deps.runner.run({ sql: compiled.sql, principal: request.principal, purpose: request.surface, question: request.question })
    const executeMs = Math.round(performance.now() - executeStarted)
    const timings = { planMs: Math.round(planMs), executeMs, totalMs: since(started) }

    if (!run.ok) {
      // The compiler's SQL was refused or failed: a bug or a limit, never something to paper over.
      const answer = outcome.language === 'pt'
        ? `Entendi: ${outcome.understood}\nMas não consegui calcular com segurança (${run.reason}).`
        : `I understood: ${outcome.understood}\nBut I could not compute it safely (${run.reason}).`
      await audit(deps.db, request, { outcome: 'failed', code: run.code, reason: run.reason, language: outcome.language, plan: outcome.plan, sql: compiled.sql, totalMs: timings.totalMs, planMs: timings.planMs, executeMs })
      return { ok: false, answer, language: outcome.language, code: run.code, understood: outcome.understood, suggestions: [], plan: outcome.plan, sql: compiled.sql, rows: [], timings }
    }

    const composed = composeAnswer({
      plan: outcome.plan,
      columns: compiled.columns,
      rows: run.rows,
      truncated: run.truncated,
      sql: compiled.sql,
      showSql: request.showSql === true || outcome.wantsSql,
      notes: outcome.notes,
      formatter: createValueFormatter(outcome.language, deps.currency),
    })
    await audit(deps.db, request, { outcome: 'answered', language: outcome.language, plan: outcome.plan, sql: compiled.sql, rowCount: run.rowCount, totalMs: timings.totalMs, planMs: timings.planMs, executeMs })
    return {
      ok: true,
      answer: composed.text,
      headline: composed.headline,
      language: outcome.language,
      understood: outcome.understood,
      plan: outcome.plan,
      sql: compiled.sql,
      rows: run.rows,
      truncated: run.truncated,
      timings,
    }
  }
}

export type QuestionAnswerer = ReturnType<typeof createQuestionAnswerer>

const suggestionsTitle = (language: Language) => (language === 'pt' ? 'Perguntas que sei responder:' : 'Questions I can answer:')

interface AuditFields {
  outcome: 'answered' | 'not_understood' | 'refused' | 'failed'
  code?: string
  reason?: string
  language: Language
  plan?: QueryPlan
  sql?: string
  rowCount?: number
  planMs?: number
  executeMs?: number
  totalMs: number
}

async function audit(db: Kysely<Database>, request: AskRequest, fields: AuditFields): Promise<void> {
  await db
    .insertInto('question_audit')
    .values({
      user_id: request.principal.userId,
      principal_role: request.principal.role,
      rep_id: request.principal.repId ?? null,
      surface: request.surface,
      question: request.question,
      language: fields.language,
      outcome: fields.outcome,
      code: fields.code ?? null,
      reason: fields.reason ?? null,
      plan: fields.plan ? JSON.stringify(fields.plan) : null,
      sql: fields.sql ?? null,
      row_count: fields.rowCount ?? null,
      plan_ms: fields.planMs ?? null,
      execute_ms: fields.executeMs ?? null,
      total_ms: fields.totalMs,
    })
    .execute()
}
