/** Why the guard refused a statement: a stable code for programs and a reason a person (or the model) can act on. */
export type GuardRejectionCode =
  | 'empty'
  | 'too_long'
  | 'invalid_text'
  | 'syntax_error'
  | 'multiple_statements'
  | 'not_select'
  | 'forbidden_clause'
  | 'forbidden_relation'
  | 'forbidden_column'
  | 'sensitive_column'
  | 'forbidden_function'
  | 'forbidden_type'
  | 'unsupported_construct'
  | 'too_complex'
  | 'parser_disagreement'
  | 'rewrite_failed'
  | 'policy_empty'

export interface GuardRejection {
  readonly ok: false
  readonly code: GuardRejectionCode
  readonly reason: string
}

/** Thrown inside the guard's tree walk and turned into a GuardRejection at its edge; never escapes guardSql. */
export class GuardRejectionSignal extends Error {
  constructor(
    readonly code: GuardRejectionCode,
    readonly reason: string,
  ) {
    super(reason)
    this.name = 'GuardRejectionSignal'
  }

  toRejection(): GuardRejection {
    return { ok: false, code: this.code, reason: this.reason }
  }
}

export const reject = (code: GuardRejectionCode, reason: string): never => {
  throw new GuardRejectionSignal(code, reason)
}
