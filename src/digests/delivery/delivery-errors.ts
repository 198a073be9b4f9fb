/**
 * How a delivery attempt can fail, as the worker needs to know it: a permanent failure (the channel is gone, the bot
 * was removed, no deliverer for the destination) is logged and left 'failed' — retrying cannot help; anything else is
 * transient and goes back to the queue, which retries it with backoff.
 */

/** Thrown by a deliverer when retrying cannot succeed; the message says what an admin must fix. */
export class PermanentDeliveryError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PermanentDeliveryError'
    this.code = code
  }
}

/** Another attempt holds the delivery right now (a queue retry overlapping a slow attempt): look again later. */
export class DeliveryInFlightError extends Error {
  constructor(deliveryId: number) {
    super(`Delivery ${deliveryId} is being posted by another attempt; the queue will check it again.`)
    this.name = 'DeliveryInFlightError'
  }
}

/** A short, single-line description of an error for the delivery log (no stack, no secrets beyond the message). */
export function describeDeliveryError(error: unknown): string {
  const slackCode = (error as { data?: { error?: unknown } } | undefined)?.data?.error
  const message = error instanceof Error ? error.message : String(error)
  const text = typeof slackCode === 'string' && !message.includes(slackCode) ? `${message} (${slackCode})` : message
  return text.replace(/\s+/g, ' ').slice(0, 1000)
}
