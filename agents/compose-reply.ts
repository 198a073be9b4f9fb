/**
 * The reply of a turn, from the state the graph ended in. Figures come only from the rows of the last query that ran
 * (composed by the answer templates); a model's own words are kept only when they carry no digits, so a model can
 * comment or ask back but never state a number.
 */
import { composeAnswer, formatTable } from '../src/answer/compose-answer.js'
import { createValueFormatter, type ValueFormatter } from '../src/answer/format-values.js'
import type { PlanColumn } from '../src/semantic/query-plan.js'
import type { Language } from '../src/semantic/semantic-model.js'
import { describeRfmResult } from '../src/segments/index.js'
import type { DataOutcome, QueryOutcome, SegmentsOutcome, ToolOutcome } from '../tools/tool-outcome.js'
import type { ReplyCitation, ReplyColumn, ReplyTable } from './agent-contract.js'
import { composeDocuments, passagesOf } from './compose-documents.js'
import { phrases } from './agent-phrases.js'
import { composeForecast } from './compose-forecast.js'
import type { AnalystStateValue } from './analyst-state.js'

export interface ComposedReply {
  readonly ok: boolean
  readonly text: string
  readonly headline: string
  readonly sql?: string
  readonly table?: ReplyTable
  readonly code?: string
  readonly citations?: readonly ReplyCitation[]
}

const hasDigits = (text: string) => /\d/.test(text)

/** The last outcome the reply's figures come from: a query, a forecast or the customer segments. */
export function lastData(outcomes: readonly ToolOutcome[]): DataOutcome | undefined {
  return outcomes.findLast((o): o is DataOutcome => o.ok && (o.kind === 'query' || o.kind === 'segments' || o.kind === 'forecast'))
}

export function lastQuery(outcomes: readonly ToolOutcome[]): QueryOutcome | undefined {
  return outcomes.findLast((o): o is QueryOutcome => o.ok && o.kind === 'query')
}

export function composeReply(state: AnalystStateValue, outcomes: readonly ToolOutcome[], currency: string, drewChart = false): ComposedReply {
  const passages = passagesOf(outcomes)
  if (passages) {
    // Documents first, grounded; figures a query computed in the same turn follow, composed from their rows as always.
    const documents = composeDocuments({ passages, question: state.message, language: state.language, modelText: state.modelText })
    const figures = lastData(outcomes) ? composeReply({ ...state, modelText: null }, outcomes.filter((o) => !(o.ok && o.kind === 'documents')), currency, drewChart) : undefined
    if (!figures) return documents
    return { ...figures, ok: figures.ok && documents.ok, text: `${documents.text}

${figures.text}`, headline: documents.headline, citations: documents.citations }
  }
  const language = state.language
  const formatter = createValueFormatter(language, currency)
  const data = lastData(outcomes)
  const query = data?.kind === 'query' ? data : undefined
  const remark = state.modelText && !hasDigits(state.modelText) ? state.modelText.trim() : ''
  const notes = [...state.notes]
  const noChart = state.wantsChart && !drewChart ? phrases.noChart[language] : ''

  if (data?.kind === 'forecast') {
    const composed = composeForecast(data, language, currency, state.wantsSql)
    return { ok: true, text: [remark, composed.text, noChart].filter(Boolean).join('\n\n'), headline: composed.headline, sql: composed.sql, table: composed.table }
  }

  if (data?.kind === 'segments') {
    const body = [describeRfmResult(data.result, language), ...data.result.notes, ...notes].join('\n')
    const sql = state.wantsSql ? `\n\nSQL:\n\`\`\`sql\n${data.result.sql}\n\`\`\`` : ''
    return { ok: true, text: [remark, body + sql, noChart].filter(Boolean).join('\n\n'), headline: firstLine(body), sql: data.result.sql, table: segmentsTable(data, formatter) }
  }

  if (query) {
    if (query.visibility) notes.push(phrases.visibility[query.visibility][language])
    const body = query.plan
      ? composeAnswer({
          plan: query.plan,
          columns: query.columns as readonly PlanColumn[],
          rows: query.rows,
          truncated: query.truncated,
          sql: query.sql,
          showSql: state.wantsSql,
          notes,
          formatter,
        }).text
      : composeSqlResult(query, state.wantsSql, notes, formatter)
    const text = [remark, body, noChart].filter(Boolean).join('\n\n')
    return { ok: true, text, headline: firstLine(body), sql: query.sql, table: replyTable(query, formatter) }
  }

  if (state.intent === 'help' || state.intent === 'greeting') {
    const opening = state.intent === 'help' ? phrases.help[language] : phrases.greeting[language]
    const text = [opening, '', ...(state.intent === 'help' ? [phrases.tryThese[language]] : []), ...state.suggestions.map((s) => `• ${s}`)].join('\n')
    return { ok: true, text, headline: firstLine(opening) }
  }

  const failure = state.failure
  if (failure) {
    const lines = [failure.message]
    if (failure.suggestions.length) lines.push('', phrases.tryThese[language], ...failure.suggestions.map((s) => `• ${s}`))
    return { ok: false, text: lines.join('\n'), headline: failure.message.split('\n')[0]!, code: failure.code }
  }
  // A model that answered in words only (a clarifying question, a definition): no figures were computed.
  if (remark) return { ok: true, text: remark, headline: firstLine(remark) }
  const message = phrases.couldNotCompute[language](language === 'pt' ? 'não houve resposta' : 'there was no answer')
  return { ok: false, text: message, headline: message, code: 'no_answer' }
}

function segmentsTable(data: SegmentsOutcome, formatter: ValueFormatter): ReplyTable {
  const language = formatter.language
  const shown = data.result.segments.filter((s) => s.customers > 0)
  const labels = language === 'pt' ? ['Segmento', 'Clientes', 'Faturamento', 'Participação'] : ['Segment', 'Customers', 'Revenue', 'Share']
  const names = ['segment', 'customers', 'revenue', 'share'] as const
  return {
    columns: names.map((name, i): ReplyColumn => ({ name, label: labels[i]!, role: i === 0 ? 'dimension' : 'value' })),
    rows: shown.map((s) => ({ segment: s.label[language], customers: s.customers, revenue: s.revenue, share: s.share })),
    display: shown.map((s) => [s.label[language], formatter.count(s.customers), formatter.money(s.revenue), formatter.percent(s.share)]),
    truncated: false,
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? ''
}

function replyTable(query: QueryOutcome, formatter: ValueFormatter): ReplyTable | undefined {
  if (query.rows.length === 0) return undefined
  if (query.plan) {
    const columns = query.columns as readonly PlanColumn[]
    const formatted = formatTable({ columns, rows: query.rows, formatter })
    return {
      columns: columns.map((c, i): ReplyColumn => ({ name: c.name, label: formatted.header[i]!, role: c.role })),
      rows: query.rows,
      display: formatted.display,
      truncated: query.truncated,
    }
  }
  return {
    columns: query.columns.map((c): ReplyColumn => ({ name: c.name, label: c.name, role: 'value' })),
    rows: query.rows,
    display: query.rows.map((row) => query.columns.map((c) => formatValue(row[c.name], formatter))),
    truncated: query.truncated,
  }
}

function formatValue(value: unknown, formatter: ValueFormatter): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'number') return formatter.count(value)
  if (value instanceof Date) return formatter.date(value.toISOString())
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** A free query's answer: its rows as a text table, the SQL it ran (always: a model wrote it), the notes. */
function composeSqlResult(query: QueryOutcome, _showSql: boolean, notes: readonly string[], formatter: ValueFormatter): string {
  const language: Language = formatter.language
  const names = query.columns.map((c) => c.name)
  const shown = query.rows.slice(0, 20).map((row) => names.map((n) => formatValue(row[n], formatter)))
  const widths = names.map((n, i) => Math.max(n.length, ...shown.map((r) => r[i]!.length)))
  const lines = [phrases.queryResult[language](query.rows.length)]
  if (shown.length) lines.push('```', names.map((n, i) => n.padEnd(widths[i]!)).join('  '), ...shown.map((r) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ')), '```')
  for (const note of notes) lines.push(note)
  // SQL a model wrote is always shown: the user must be able to check how the figures were computed.
  lines.push('', 'SQL:', '```sql', query.sql.trim(), '```')
  return lines.join('\n')
}
