/** Progress events go to the surface's callback; a surface that fails to show one must not fail the turn. */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { Language } from '../../src/semantic/semantic-model.js'
import type { ProgressStep } from '../agent-contract.js'
import { progressMessages } from '../agent-phrases.js'
import { turnOf } from '../turn-runtime.js'

export function emitProgress(config: LangGraphRunnableConfig, step: ProgressStep, language: Language): void {
  const turn = turnOf(config)
  try {
    turn.onProgress?.({ step, message: progressMessages[step][language] })
  } catch (error) {
    // Deliberately swallowed after reporting: the answer matters more than one progress line.
    turn.progressError?.(error)
  }
}
