/** A plan the compiler cannot turn into SQL: malformed, or asking for something the data cannot answer exactly. */
import { AppError } from '../../errors/app-error.js'

export class PlanCompileError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('unprocessable', message, details)
    this.name = 'PlanCompileError'
  }
}
