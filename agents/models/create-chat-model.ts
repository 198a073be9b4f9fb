/**
 * The chat model named by configuration, through LangChain's integration packages: an OpenAI-compatible server
 * (OpenAI, Groq, vLLM, LM Studio, llama.cpp — base URL + key + model), Anthropic, or Ollama. Provider 'none' is no
 * model: the offline planner drives the graph. Packages are imported only for the provider in use.
 */
import type { Config } from '../../src/config/config.js'
import type { AgentModel } from './agent-model.js'

export async function createChatModel(llm: Config['llm']): Promise<AgentModel | undefined> {
  if (llm.provider === 'none') return undefined
  const model = llm.model!
  // The agent sets its own per-call timeout (AbortSignal); retries are the agent's decision (fall back offline), not the client's.
  const common = { temperature: llm.temperature, maxRetries: 1 }
  const base = { name: `${llm.provider}:${model}`, timeoutMs: llm.timeoutMs, ...(llm.prices ? { prices: llm.prices } : {}) }
  switch (llm.provider) {
    case 'openai': {
      const { ChatOpenAI } = await import('@langchain/openai')
      const chat = new ChatOpenAI({
        ...common,
        model,
        // Local OpenAI-compatible servers accept any key; the client library insists on one.
        apiKey: llm.apiKey ?? 'not-needed',
        ...(llm.baseUrl ? { configuration: { baseURL: llm.baseUrl } } : {}),
      })
      return { ...base, chat }
    }
    case 'anthropic': {
      const { ChatAnthropic } = await import('@langchain/anthropic')
      const chat = new ChatAnthropic({ ...common, model, apiKey: llm.apiKey!, ...(llm.baseUrl ? { anthropicApiUrl: llm.baseUrl } : {}) })
      return { ...base, chat }
    }
    case 'ollama': {
      const { ChatOllama } = await import('@langchain/ollama')
      const chat = new ChatOllama({ temperature: llm.temperature, model, baseUrl: llm.baseUrl ?? 'http://127.0.0.1:11434' })
      return { ...base, chat }
    }
  }
}
