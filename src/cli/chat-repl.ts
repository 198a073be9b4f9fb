/**
 * `salesmatrix chat`: a terminal conversation with the analyst, through the running service's chat API. Each line is
 * a turn in the same thread (follow-ups work); progress shows while the agent works; slash commands start a new
 * conversation, toggle the SQL, or rate the last answer.
 */
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { AgentReply } from '../../agents/agent-contract.js'
import { isAppError } from '../errors/app-error.js'
import type { ChatClient } from './chat-client.js'

export interface ChatReplOptions {
  readonly client: ChatClient
  readonly input: Readable
  readonly output: Writable
  /** Resume a conversation (the same id continues it, also after a restart of the service). */
  readonly threadId?: string
  readonly showSql?: boolean
  /** Colours and in-place progress: only on a terminal. */
  readonly tty?: boolean
}

const newThreadId = () => `cli-${randomBytes(9).toString('base64url')}`

const help = [
  'Ask about your sales in English or Portuguese; follow up in the same conversation ("and the month before?").',
  'Commands: /new  start a new conversation   /sql  always show the SQL (toggle)',
  '          /up /down  rate the last answer  /thread  show the conversation id   /quit  leave',
].join('\n')

export async function runChatRepl(options: ChatReplOptions): Promise<number> {
  const out = (text: string) => options.output.write(`${text}\n`)
  const dim = (text: string) => (options.tty ? `\x1b[2m${text}\x1b[0m` : text)
  let threadId = options.threadId ?? newThreadId()
  let showSql = options.showSql ?? false
  let last: AgentReply | undefined

  out(dim(`SalesMatrix chat — conversation ${threadId}. /help for commands, /quit to leave.`))
  const lines = createInterface({ input: options.input, terminal: false })
  const prompt = () => options.output.write(options.tty ? '\x1b[1m› \x1b[0m' : '› ')
  prompt()
  for await (const raw of lines) {
    const line = raw.trim()
    if (line === '') {
      prompt()
      continue
    }
    if (line.startsWith('/')) {
      const command = line.slice(1).split(/\s+/)[0]!.toLowerCase()
      if (command === 'quit' || command === 'exit' || command === 'q') break
      if (command === 'help') out(help)
      else if (command === 'new') {
        threadId = newThreadId()
        last = undefined
        out(dim(`New conversation ${threadId}.`))
      } else if (command === 'sql') {
        showSql = !showSql
        out(dim(showSql ? 'The SQL will be shown with every answer.' : 'The SQL will be shown only when asked.'))
      } else if (command === 'thread') out(threadId)
      else if (command === 'up' || command === 'down') {
        if (!last) out('Nothing to rate yet.')
        else {
          await options.client.feedback(last.turnId, command).then(
            () => out(dim('Thanks — an admin will review it.')),
            (error: unknown) => out(`Could not send the rating: ${isAppError(error) ? error.message : String(error)}`),
          )
        }
      } else out(`Unknown command /${command}. ${help.split('\n')[1]}`)
      prompt()
      continue
    }
    try {
      last = await options.client.send({
        threadId,
        message: line,
        showSql,
        onProgress: (event) => options.output.write(options.tty ? `\r\x1b[2K${dim(`… ${event.message}`)}` : `${dim(`… ${event.message}`)}\n`),
      })
      if (options.tty) options.output.write('\r\x1b[2K')
      out(renderReply(last))
    } catch (error) {
      if (options.tty) options.output.write('\r\x1b[2K')
      // Typed errors carry a message meant for the user; anything else is a bug worth its stack.
      if (!isAppError(error)) throw error
      out(`! ${error.message}`)
      if (error.code === 'unauthorized' || error.code === 'not_ready') {
        lines.close()
        return 1
      }
    }
    prompt()
  }
  lines.close()
  return 0
}

/** The reply's text for a terminal: code fences dropped (the table is already aligned), suggestions listed. */
export function renderReply(reply: AgentReply): string {
  const text = reply.text
    .split('\n')
    .filter((line) => !/^```/.test(line))
    .join('\n')
  const suggestions = reply.ok && reply.suggestions.length ? `\n\n${reply.language === 'pt' ? 'Tente' : 'Try'}: ${reply.suggestions.map((s) => `"${s}"`).join(' · ')}` : ''
  return `${text}${suggestions}\n`
}
