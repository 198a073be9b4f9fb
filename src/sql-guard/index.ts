/** The SQL guard and guarded read-only execution: what the CLI (`salesmatrix sql`), chat and evals use. */
export { loadSqlParser } from './sql-parser.js'
export { guardSql, type GuardVerdict, type GuardAcceptance } from './guard-sql.js'
export type { GuardRejection, GuardRejectionCode } from './guard-rejection.js'
export {
  createAnalyticsGuardPolicy,
  analyticRelations,
  analyticFunctions,
  analyticCastTypes,
  guardPolicyForPrincipal,
  type GuardPolicy,
  type RelationPolicy,
  type ColumnPolicy,
  type AnalyticsGuardPolicyOptions,
} from './guard-policy.js'
export { rowScopeOf, sqlPrincipalRoles, type SqlPrincipal, type SqlPrincipalRole, type RowScope } from './sql-principal.js'
export { buildGuardedQuery, repScopedRelationNames, type GuardedQuery } from './build-guarded-query.js'
export {
  executeReadOnlySql,
  readerRoles,
  ReadOnlyExecutionError,
  type ReaderRole,
  type ReadOnlyLimits,
  type ReadOnlyQuery,
  type ReadOnlyOutcome,
  type ResultField,
} from './execute-read-only-sql.js'
export { createQueryAuditRecorder, type QueryAuditEntry, type QueryAuditRecorder } from './query-audit.js'
export {
  createGuardedSqlRunner,
  defaultGuardedSqlLimits,
  type GuardedSqlLimits,
  type GuardedSqlRunner,
  type GuardedSqlRunnerOptions,
  type GuardedSqlRequest,
  type GuardedSqlResult,
  type GuardedSqlSuccess,
  type GuardedSqlFailure,
  type GuardedSqlFailureCode,
} from './run-guarded-sql.js'
