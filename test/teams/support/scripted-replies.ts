/** Agent replies for a scripted AnalystAgent: a revenue breakdown with table, chart and SQL unless overridden. */
import type { AgentReply, AgentTurnRequest } from '../../../agents/agent-contract.js'

/** A 1×1 PNG: enough for a data: URL in a card. */
export const tinyPngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

export function scriptedReply(request: AgentTurnRequest, overrides: Partial<AgentReply> = {}): AgentReply {
  return {
    turnId: '00000000-0000-4000-8000-000000000001',
    threadId: request.threadId,
    ok: true,
    intent: 'analytics',
    language: 'en',
    text: 'Revenue by region — May 2026:\n```\nRegion  Revenue\nSul     R$10.00\n```\n\nHow computed: Revenue = sum of line totals.',
    headline: 'Revenue by region — May 2026:',
    sql: 'select r.name as region, sum(oi.line_total) as revenue from order_items oi group by r.name',
    showSql: false,
    table: {
      columns: [
        { name: 'region', label: 'Region', role: 'dimension' },
        { name: 'revenue', label: 'Revenue', role: 'metric' },
      ],
      rows: [{ region: 'Sul', revenue: 10 }],
      display: [['Sul', 'R$10.00']],
      truncated: false,
    },
    wantsChart: false,
    chart: { spec: { mark: 'bar' }, pngBase64: tinyPngBase64, width: 640, height: 320, alt: 'Revenue by region, May 2026' },
    suggestions: ['and the month before?', 'only the South'],
    model: 'offline',
    usage: { inputTokens: 0, outputTokens: 0 },
    totalMs: 5,
    ...overrides,
  }
}
