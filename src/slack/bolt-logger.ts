/** Bolt's logger interface over our pino logger, so Slack's own messages land in the same JSON log, redacted. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt'
import type { Logger } from '../logging/logger.js'

const text = (parts: unknown[]): string => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ')

export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' })
  let level = LogLevel.INFO
  return {
    debug: (...parts: unknown[]) => child.debug(text(parts)),
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    // pino's own level decides what is written; Bolt only asks.
    setLevel: (next: LogLevel) => {
      level = next
    },
    getLevel: () => level,
    setName: () => undefined,
  }
}
