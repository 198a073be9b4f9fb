/**
 * Progress lines edited into the placeholder message, at most one edit per interval (Slack rate-limits chat.update
 * to about one per second per message). A line arriving too soon after the last edit is dropped, not delayed: the
 * answer replaces it shortly anyway, and no timer outlives the turn. Edits run one after another, in order.
 */
export interface ProgressUpdater {
  push(text: string): void
  /** Waits for edits already started, so the answer is always the last edit. */
  settle(): Promise<void>
}

export function createProgressUpdater(options: { clock: () => Date; minIntervalMs?: number; edit: (text: string) => Promise<void>; onError: (error: unknown) => void }): ProgressUpdater {
  const minIntervalMs = options.minIntervalMs ?? 1000
  let lastAt = Number.NEGATIVE_INFINITY
  let lastText = ''
  let chain: Promise<void> = Promise.resolve()
  return {
    push(text) {
      const now = options.clock().getTime()
      if (text === lastText || now - lastAt < minIntervalMs) return
      lastAt = now
      lastText = text
      chain = chain.then(() => options.edit(text)).catch(options.onError)
    },
    settle: () => chain,
  }
}
