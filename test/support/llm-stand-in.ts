/**
 * Local stand-ins of the LLM providers' HTTP APIs — OpenAI-compatible chat completions, Anthropic messages, Ollama
 * chat — that answer each request with the next scripted turn (a tool call or text) and record the requests. The
 * real LangChain clients talk to them over HTTP, so a test covers our configuration, the client's wire format and
 * tool-call parsing, with no network and no key.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type StandInTurn = { readonly tool: string; readonly args: Record<string, unknown> } | { readonly text: string }

export interface LlmStandIn {
  readonly url: string
  /** Every request body, parsed, in order. */
  readonly requests: { path: string; body: Record<string, unknown> }[]
  close(): Promise<void>
}

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  let text = ''
  for await (const chunk of request) text += String(chunk)
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

export async function startLlmStandIn(script: readonly StandInTurn[], usage: { input: number; output: number } = { input: 100, output: 10 }): Promise<LlmStandIn> {
  const requests: { path: string; body: Record<string, unknown> }[] = []
  let step = 0
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request)
      const path = (request.url ?? '').split('?')[0]!
      requests.push({ path, body })
      const turn = script[Math.min(step, script.length - 1)]!
      step += 1
      const callId = `call_${step}`
      const json = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(payload))
      }
      if (path.endsWith('/chat/completions')) {
        const message = 'tool' in turn
          ? { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: turn.tool, arguments: JSON.stringify(turn.args) } }] }
          : { role: 'assistant', content: turn.text }
        return json(200, {
          id: `chatcmpl-${step}`, object: 'chat.completion', created: 1_700_000_000, model: String(body.model),
          choices: [{ index: 0, message, finish_reason: 'tool' in turn ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
        })
      }
      if (path.endsWith('/v1/messages')) {
        const content = 'tool' in turn ? [{ type: 'tool_use', id: callId, name: turn.tool, input: turn.args }] : [{ type: 'text', text: turn.text }]
        return json(200, {
          id: `msg_${step}`, type: 'message', role: 'assistant', model: String(body.model), content,
          stop_reason: 'tool' in turn ? 'tool_use' : 'end_turn', stop_sequence: null,
          usage: { input_tokens: usage.input, output_tokens: usage.output },
        })
      }
      if (path === '/api/chat') {
        const message = 'tool' in turn ? { role: 'assistant', content: '', tool_calls: [{ function: { name: turn.tool, arguments: turn.args } }] } : { role: 'assistant', content: turn.text }
        const payload = { model: String(body.model), created_at: new Date(0).toISOString(), message, done: true, done_reason: 'stop', prompt_eval_count: usage.input, eval_count: usage.output }
        if (body.stream === false) return json(200, payload)
        response.writeHead(200, { 'content-type': 'application/x-ndjson' })
        response.end(`${JSON.stringify(payload)}\n`)
        return
      }
      json(404, { error: `no stand-in for ${path}` })
    })().catch((error: unknown) => {
      response.writeHead(500)
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
