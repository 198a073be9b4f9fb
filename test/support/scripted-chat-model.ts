/**
 * LangChain's fake chat model, scripted: each call returns the next scripted AI message (tool calls, text, token
 * usage) or throws the scripted error, and records the messages it was given — so tests can check what a model
 * would have seen. `bindTools` records the tool names and returns the same model.
 */
import { AIMessage, type BaseMessage } from '@langchain/core/messages'
import type { ChatResult } from '@langchain/core/outputs'
import { FakeChatModel } from '@langchain/core/utils/testing'

export type ScriptStep =
  | { readonly toolCalls: readonly { readonly name: string; readonly args: Record<string, unknown> }[]; readonly text?: string; readonly usage?: readonly [number, number] }
  | { readonly text: string; readonly usage?: readonly [number, number] }
  | { readonly error: Error }

export class ScriptedChatModel extends FakeChatModel {
  readonly calls: BaseMessage[][] = []
  boundTools: string[] = []
  private step = 0

  /** `repeatLast`: once the script runs out, keep answering with its last step (a model that loops). */
  constructor(private readonly script: readonly ScriptStep[], private readonly options: { repeatLast?: boolean } = {}) {
    super({})
  }

  override bindTools: FakeChatModel['bindTools'] = (tools) => {
    this.boundTools = tools.map((t) => ('name' in t && typeof t.name === 'string' ? t.name : '?'))
    return this as unknown as ReturnType<NonNullable<FakeChatModel['bindTools']>>
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages)
    const index = this.step < this.script.length ? this.step : this.options.repeatLast ? this.script.length - 1 : -1
    this.step += 1
    const next = this.script[index]
    if (!next) throw new Error('the scripted model has no more answers')
    if ('error' in next) throw next.error
    const usage = next.usage ? { input_tokens: next.usage[0], output_tokens: next.usage[1], total_tokens: next.usage[0] + next.usage[1] } : undefined
    const message = new AIMessage({
      content: next.text ?? '',
      tool_calls: 'toolCalls' in next ? next.toolCalls.map((call, i) => ({ id: `call_${this.step}_${i}`, name: call.name, args: call.args, type: 'tool_call' as const })) : [],
      ...(usage ? { usage_metadata: usage } : {}),
    })
    return { generations: [{ text: next.text ?? '', message }] }
  }
}
