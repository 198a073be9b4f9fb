/**
 * Previews a prompt version on curated eval cases: each selected case is one agent turn with that version forced
 * (`promptVersion`), scored against its gold SQL, and stored as an eval run (suite 'prompt-preview') so previews of
 * different versions can be compared later. Nothing is activated.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import type { Database } from '../db/schema.js'
import { AppError } from '../errors/app-error.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { answerWithAgent } from './answer-with-agent.js'
import { loadActiveEvalCases } from './eval-case.repository.js'
import { saveEvalRun } from './eval-run.repository.js'
import { runEvals, type EvalReport, type GoldRunner } from './run-evals.js'

export const promptPreviewSuite = 'prompt-preview'

export interface PromptPreviewRequest {
  readonly name: string
  readonly version: number
  readonly caseIds?: readonly string[]
  readonly tags?: readonly string[]
  /** At most this many cases (default 20): every case is a full agent turn. */
  readonly limit?: number
}

export interface PromptPreview {
  readonly prompt: { readonly name: string; readonly version: number }
  readonly runId: number
  readonly previewId: string
  /** What answered, e.g. 'offline' or 'openai:gpt-4.1' (several joined with ', '). */
  readonly model: string
  /** Whether every reply said it used the previewed version. */
  readonly promptUsed: boolean
  /** Present when the preview cannot show what the prompt changes (no LLM, or the agent ignored the version). */
  readonly note?: string
  readonly report: EvalReport
}

export interface PreviewDeps {
  readonly db: Kysely<Database>
  readonly agent: AnalystAgent
  readonly goldRunner: GoldRunner
  readonly principal: SqlPrincipal
}

export const defaultPreviewLimit = 20

export async function previewPromptVersion(deps: PreviewDeps, request: PromptPreviewRequest): Promise<PromptPreview> {
  const limit = request.limit ?? defaultPreviewLimit
  const cases = await loadActiveEvalCases(deps.db, { ids: request.caseIds, tags: request.tags, limit })
  if (request.caseIds?.length) {
    const found = new Set(cases.map((c) => c.id))
    const missing = request.caseIds.filter((id) => !found.has(id))
    if (missing.length > 0) throw new AppError('not_found', `No active eval case with id ${missing.join(', ')}.`, { fields: missing.map((id) => ({ path: 'caseIds', message: `${id} is unknown or retired` })) })
  }
  if (cases.length === 0) {
    throw new AppError('unprocessable', 'No active eval cases match; add cases (POST /api/eval-cases, or salesmatrix evals import-file) or change caseIds/tags.')
  }
  const previewId = randomUUID()
  const prompt = { name: request.name, version: request.version }
  const answerer = answerWithAgent(deps.agent, {
    principal: deps.principal,
    promptVersion: prompt,
    threadId: (caseId) => `eval:preview:${previewId}:${caseId}`,
  })
  const report = await runEvals({ cases, answer: answerer.answer, goldRunner: deps.goldRunner })
  const models = answerer.models()
  const label = `${prompt.name}@${prompt.version}`
  const used = answerer.prompts()
  const promptUsed = used.length === 1 && used[0] === label
  const model = models.length > 0 ? models.join(', ') : 'unknown'
  const offline = models.length > 0 && models.every((m) => m === 'offline')
  // The run names the prompt version only when the answers really came from it; the request is kept either way.
  const runId = await saveEvalRun(deps.db, {
    suite: promptPreviewSuite,
    model,
    promptVersion: promptUsed && !offline ? label : null,
    dataset: { previewId, requestedPrompt: label, caseIds: cases.map((c) => c.id) },
    report,
  })
  const note = offline
    ? 'No LLM is configured: answers come from the offline planner, which uses no prompt, so this preview shows the current answers, not the effect of this prompt version.'
    : !promptUsed
      ? `The agent did not report using ${label} for every case (it reported ${used.length ? used.join(', ') : 'no prompt'}); the scores may not reflect this version.`
      : undefined
  return { prompt, runId, previewId, model, promptUsed, ...(note ? { note } : {}), report }
}
