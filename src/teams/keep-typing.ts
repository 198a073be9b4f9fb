/**
 * Teams shows "…is typing" for a few seconds per typing activity, so while the agent works the bot sends one at once
 * and another every few seconds. stop() waits for a typing activity still on its way, so it never lands after the
 * answer.
 */
export interface TypingIndicator {
  stop(): Promise<void>
}

export function keepTyping(input: { send: () => Promise<unknown>; everyMs: number; onError: (error: unknown) => void }): TypingIndicator {
  let inFlight: Promise<void> | undefined
  const sendOnce = () => {
    if (inFlight) return
    inFlight = input
      .send()
      .then(
        () => undefined,
        (error: unknown) => input.onError(error),
      )
      .finally(() => {
        inFlight = undefined
      })
  }
  sendOnce()
  const timer = setInterval(sendOnce, input.everyMs)
  return {
    async stop() {
      clearInterval(timer)
      await inFlight
    },
  }
}
