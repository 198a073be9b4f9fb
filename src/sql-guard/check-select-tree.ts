/**
 * Walks one SELECT's PostgreSQL parse tree and refuses anything outside the policy. Fail-closed by construction:
 * every node type and every field of it that is accepted is listed here; an unlisted node or field is refused, so a
 * newer grammar cannot slip something past an older walker.
 *
 * Name resolution mirrors PostgreSQL's: a WITH item is visible to later items of its WITH and to everything nested
 * inside that SELECT, never outside it, so an unqualified name outside resolves to the real table and is checked
 * against the allowlist. Column checks are deliberately conservative: a name is compared with every relation
 * visible at any enclosing level (siblings included), so a scoping subtlety can only cause a refusal, not a leak.
 */
import type { GuardPolicy } from './guard-policy.js'
import { reject } from './guard-rejection.js'

type Fields = Record<string, unknown>

export interface SelectTreeFacts {
  /** Base relations read. */
  readonly tables: Set<string>
  /** Columns read, as relation.column (relation.* for whole rows and stars). */
  readonly columns: Set<string>
  /** Functions called. */
  readonly functions: Set<string>
  /** Every WITH item name declared anywhere in the statement. */
  readonly cteNames: Set<string>
  /** Relation references written with a schema (public.orders): byte offset and name, to be unqualified. */
  readonly qualifiedRelations: Array<{ location: number; relname: string }>
}

interface RangeEntry {
  /** The name the FROM item is referred to by: its alias, else the relation name. */
  readonly name: string
  /** Base relations whose columns can be reached through this name. */
  readonly relations: readonly string[]
  /** True when the item also exposes columns that were computed (subquery, WITH item, function). */
  readonly derived: boolean
}

interface Scope {
  readonly parent: Scope | undefined
  readonly ctes: Set<string>
  readonly entries: RangeEntry[]
}

const MAX_DEPTH = 120

/** Columns PostgreSQL adds to every table; never needed for analysis and `tableoid` names tables. */
const systemColumns = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid', 'oid'])

const allowedValueFunctions = new Set([
  'SVFOP_CURRENT_DATE',
  'SVFOP_CURRENT_TIME',
  'SVFOP_CURRENT_TIME_N',
  'SVFOP_CURRENT_TIMESTAMP',
  'SVFOP_CURRENT_TIMESTAMP_N',
  'SVFOP_LOCALTIME',
  'SVFOP_LOCALTIME_N',
  'SVFOP_LOCALTIMESTAMP',
  'SVFOP_LOCALTIMESTAMP_N',
])

const allowedSubLinks = new Set(['EXISTS_SUBLINK', 'ALL_SUBLINK', 'ANY_SUBLINK', 'ROWCOMPARE_SUBLINK', 'EXPR_SUBLINK', 'ARRAY_SUBLINK'])

type FieldKind = 'scalar' | 'expr' | 'exprs' | 'operator' | 'names' | 'window'

/** Plain expression nodes: walked field by field; any field not listed here is refused. */
const expressionFields: Record<string, Record<string, FieldKind>> = {
  A_Const: { ival: 'scalar', fval: 'scalar', boolval: 'scalar', sval: 'scalar', bsval: 'scalar', isnull: 'scalar', location: 'scalar' },
  A_Expr: { kind: 'scalar', name: 'operator', lexpr: 'expr', rexpr: 'expr', rexpr_list_start: 'scalar', rexpr_list_end: 'scalar', location: 'scalar' },
  BoolExpr: { boolop: 'scalar', args: 'exprs', location: 'scalar' },
  NullTest: { arg: 'expr', nulltesttype: 'scalar', argisrow: 'scalar', location: 'scalar' },
  BooleanTest: { arg: 'expr', booltesttype: 'scalar', location: 'scalar' },
  CaseExpr: { arg: 'expr', args: 'exprs', defresult: 'expr', location: 'scalar' },
  CaseWhen: { expr: 'expr', result: 'expr', location: 'scalar' },
  CoalesceExpr: { args: 'exprs', location: 'scalar' },
  MinMaxExpr: { op: 'scalar', args: 'exprs', location: 'scalar' },
  RowExpr: { args: 'exprs', row_format: 'scalar', colnames: 'names', location: 'scalar' },
  A_ArrayExpr: { elements: 'exprs', list_start: 'scalar', list_end: 'scalar', location: 'scalar' },
  A_Indirection: { arg: 'expr', indirection: 'exprs' },
  A_Indices: { is_slice: 'scalar', lidx: 'expr', uidx: 'expr' },
  SortBy: { node: 'expr', sortby_dir: 'scalar', sortby_nulls: 'scalar', useOp: 'operator', location: 'scalar' },
  GroupingSet: { kind: 'scalar', content: 'exprs', location: 'scalar' },
  GroupingFunc: { args: 'exprs', location: 'scalar' },
  CollateClause: { arg: 'expr', collname: 'names', location: 'scalar' },
  NamedArgExpr: { arg: 'expr', name: 'scalar', argnumber: 'scalar', location: 'scalar' },
  WindowDef: {
    name: 'scalar',
    refname: 'scalar',
    partitionClause: 'exprs',
    orderClause: 'exprs',
    frameOptions: 'scalar',
    startOffset: 'expr',
    endOffset: 'expr',
    location: 'scalar',
  },
  List: { items: 'exprs' },
  String: { sval: 'scalar' },
  Integer: { ival: 'scalar' },
  Float: { fval: 'scalar' },
  Boolean: { boolval: 'scalar' },
  BitString: { bsval: 'scalar' },
  A_Star: {},
}

const selectFields = new Set([
  'distinctClause', 'intoClause', 'targetList', 'fromClause', 'whereClause', 'groupClause', 'groupDistinct', 'havingClause',
  'windowClause', 'valuesLists', 'sortClause', 'limitOffset', 'limitCount', 'limitOption', 'lockingClause', 'withClause',
  'op', 'all', 'larg', 'rarg',
])

const friendlyNodeNames: Record<string, string> = {
  XmlExpr: 'XML functions',
  XmlSerialize: 'XMLSERIALIZE',
  ParamRef: 'query parameters ($1)',
  RangeTableSample: 'TABLESAMPLE',
  RangeTableFunc: 'XMLTABLE',
  JsonTable: 'JSON_TABLE',
  CurrentOfExpr: 'WHERE CURRENT OF',
  SetToDefault: 'DEFAULT',
}

/** Reads the one-key wrapper `{ NodeType: fields }`; undefined for an absent node (PostgreSQL's NULL is `{}`). */
function unwrap(node: unknown): [string, Fields] | undefined {
  if (node === undefined || node === null) return undefined
  if (typeof node !== 'object' || Array.isArray(node)) return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
  const keys = Object.keys(node)
  if (keys.length === 0) return undefined
  if (keys.length !== 1) return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
  const type = keys[0]!
  const fields = (node as Fields)[type]
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
  }
  return [type, fields as Fields]
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
  return value
}

function stringOf(node: unknown): string {
  const unwrapped = unwrap(node)
  if (!unwrapped || unwrapped[0] !== 'String' || typeof unwrapped[1].sval !== 'string') {
    return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
  }
  return unwrapped[1].sval
}

function onlyFields(type: string, fields: Fields, allowed: ReadonlySet<string> | Record<string, unknown>): void {
  const isAllowed = allowed instanceof Set ? (k: string) => allowed.has(k) : (k: string) => Object.hasOwn(allowed, k)
  for (const key of Object.keys(fields)) {
    if (!isAllowed(key)) reject('unsupported_construct', `The guard does not accept this use of ${type} (${key}).`)
  }
}

const quote = (name: string) => `"${name}"`

export function checkSelectTree(select: Fields, policy: GuardPolicy): SelectTreeFacts {
  const facts: SelectTreeFacts = {
    tables: new Set(),
    columns: new Set(),
    functions: new Set(),
    cteNames: new Set(),
    qualifiedRelations: [],
  }
  const available = () => Object.keys(policy.relations).sort().join(', ')
  let depth = 0

  const enter = () => {
    if (++depth > MAX_DEPTH) reject('too_complex', 'The query is nested too deeply; simplify it.')
  }
  const leave = () => {
    depth--
  }

  const sensitiveColumnsOf = (relation: string) =>
    Object.entries(policy.relations[relation]?.columns ?? {})
      .filter(([, c]) => c.sensitive)
      .map(([name]) => name)

  const refuseSensitiveRelation = (relations: readonly string[], what: string) => {
    if (policy.allowSensitiveColumns) return
    for (const relation of relations) {
      const sensitive = sensitiveColumnsOf(relation)
      if (sensitive.length > 0) {
        reject(
          'sensitive_column',
          `${what} would include restricted personal columns of ${relation} (${sensitive.join(', ')}); list the columns you need instead.`,
        )
      }
    }
  }

  const visibleEntries = (scope: Scope): RangeEntry[] => {
    const all: RangeEntry[] = []
    for (let s: Scope | undefined = scope; s; s = s.parent) all.push(...s.entries)
    return all
  }

  const isVisibleCte = (scope: Scope, name: string): boolean => {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.ctes.has(name)) return true
    return false
  }

  /** A column name checked against every base relation it could belong to. Returns whether any had it. */
  const checkColumnName = (relations: readonly string[], column: string): boolean => {
    let found = false
    for (const relation of relations) {
      const policyColumn = policy.relations[relation]?.columns[column]
      if (!policyColumn) continue
      found = true
      if (policyColumn.sensitive && !policy.allowSensitiveColumns) {
        reject('sensitive_column', `Column ${relation}.${column} holds restricted personal data and cannot be queried here.`)
      }
      facts.columns.add(`${relation}.${column}`)
    }
    return found
  }

  const checkColumnRef = (fields: Fields, scope: Scope) => {
    onlyFields('a column reference', fields, { fields: 1, location: 1 })
    const parts = asList(fields.fields).map((p) => {
      const unwrapped = unwrap(p)
      if (unwrapped?.[0] === 'A_Star') return '*'
      return stringOf(p)
    })
    if (parts.length === 1) {
      const name = parts[0]!
      if (name === '*') {
        for (const entry of scope.entries) {
          refuseSensitiveRelation(entry.relations, 'SELECT *')
          for (const relation of entry.relations) facts.columns.add(`${relation}.*`)
        }
        return
      }
      if (systemColumns.has(name)) reject('forbidden_column', `System column ${name} is not available.`)
      const entries = visibleEntries(scope)
      checkColumnName(
        entries.flatMap((e) => e.relations),
        name,
      )
      for (const entry of entries) {
        if (entry.name !== name) continue
        // A bare table name or alias in an expression is the whole row, every column included.
        refuseSensitiveRelation(entry.relations, `The whole-row reference ${name}`)
        for (const relation of entry.relations) facts.columns.add(`${relation}.*`)
      }
      return
    }
    if (parts.length === 2) {
      const [qualifier, column] = parts as [string, string]
      if (qualifier === '*') reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
      const candidates = visibleEntries(scope).filter((e) => e.name === qualifier)
      if (candidates.length === 0) {
        reject('forbidden_relation', `${quote(qualifier)} is not a table or alias of this query. Available tables: ${available()}.`)
      }
      if (column === '*') {
        for (const entry of candidates) {
          refuseSensitiveRelation(entry.relations, `${qualifier}.*`)
          for (const relation of entry.relations) facts.columns.add(`${relation}.*`)
        }
        return
      }
      if (systemColumns.has(column)) reject('forbidden_column', `System column ${column} is not available.`)
      const found = checkColumnName(
        candidates.flatMap((e) => e.relations),
        column,
      )
      if (!found && candidates.every((e) => !e.derived)) {
        const relations = [...new Set(candidates.flatMap((e) => e.relations))]
        reject('forbidden_column', `Column ${quote(column)} does not exist in ${relations.join(', ')}.`)
      }
      return
    }
    reject('unsupported_construct', 'Qualify a column with its table name or alias only (alias.column), not with a schema.')
  }

  const checkOperator = (value: unknown) => {
    const names = asList(value).map(stringOf)
    if (names.length !== 1) reject('unsupported_construct', 'Schema-qualified operators (OPERATOR(schema.op)) are not accepted.')
  }

  const checkTypeName = (fields: Fields, scope: Scope) => {
    onlyFields('a type name', fields, { names: 1, typeOid: 1, setof: 1, pct_type: 1, typmods: 1, typemod: 1, arrayBounds: 1, location: 1 })
    if (fields.setof || fields.pct_type) reject('forbidden_type', 'SETOF and %TYPE are not accepted in casts.')
    const names = asList(fields.names).map(stringOf)
    const [schema, name] = names.length === 2 ? names : [undefined, names[0]]
    if (names.length === 0 || names.length > 2 || (schema !== undefined && schema !== 'pg_catalog') || !name || !policy.castTypes.has(name)) {
      reject('forbidden_type', `Casting to ${names.join('.')} is not allowed; use a plain type such as numeric, integer, text, date or timestamp.`)
    }
    for (const modifier of asList(fields.typmods)) walkExpr(modifier, scope)
    for (const bound of asList(fields.arrayBounds)) walkExpr(bound, scope)
  }

  const isConstant = (node: unknown): boolean => {
    const unwrapped = unwrap(node)
    if (!unwrapped) return true
    const [type, fields] = unwrapped
    if (type === 'A_Const' || type === 'SQLValueFunction') return true
    if (type === 'TypeCast') return isConstant(fields.arg)
    if (type === 'A_Expr') return fields.kind === 'AEXPR_OP' && isConstant(fields.lexpr) && isConstant(fields.rexpr)
    return false
  }

  const checkFuncCall = (fields: Fields, scope: Scope) => {
    onlyFields('a function call', fields, {
      funcname: 1, args: 1, agg_order: 1, agg_filter: 1, over: 1, agg_within_group: 1, agg_star: 1, agg_distinct: 1,
      func_variadic: 1, funcformat: 1, location: 1,
    })
    const names = asList(fields.funcname).map(stringOf)
    const [schema, name] = names.length === 2 ? names : [undefined, names[0]]
    if (names.length === 0 || names.length > 2 || (schema !== undefined && schema !== 'pg_catalog') || !name || !policy.functions.has(name)) {
      reject('forbidden_function', `Function ${names.join('.')}() is not allowed in analytic queries.`)
    }
    facts.functions.add(name!)
    const args = asList(fields.args)
    // Its row count must be known to the planner, so the cost ceiling sees how big it is.
    if (name === 'generate_series' && !args.every(isConstant)) {
      reject('forbidden_function', 'generate_series() accepts only constant bounds and steps.')
    }
    for (const arg of args) walkExpr(arg, scope)
    for (const sort of asList(fields.agg_order)) walkExpr(sort, scope)
    walkExpr(fields.agg_filter, scope)
    if (fields.over !== undefined) walkFields('WindowDef', fields.over as Fields, scope)
  }

  const walkFields = (type: string, fields: Fields, scope: Scope) => {
    const spec = expressionFields[type]
    if (!spec) {
      return reject('unsupported_construct', `${friendlyNodeNames[type] ?? type} is not accepted in analytic queries.`)
    }
    onlyFields(type, fields, spec)
    for (const [key, value] of Object.entries(fields)) {
      switch (spec[key]) {
        case 'expr':
          walkExpr(value, scope)
          break
        case 'exprs':
          for (const item of asList(value)) walkExpr(item, scope)
          break
        case 'operator':
          checkOperator(value)
          break
        case 'names':
          asList(value).forEach(stringOf)
          break
        default:
          break
      }
    }
  }

  function walkExpr(node: unknown, scope: Scope): void {
    const unwrapped = unwrap(node)
    if (!unwrapped) return
    const [type, fields] = unwrapped
    enter()
    switch (type) {
      case 'ColumnRef':
        checkColumnRef(fields, scope)
        break
      case 'FuncCall':
        checkFuncCall(fields, scope)
        break
      case 'TypeCast':
        onlyFields('a cast', fields, { arg: 1, typeName: 1, location: 1 })
        walkExpr(fields.arg, scope)
        checkTypeName(fields.typeName as Fields, scope)
        break
      case 'SQLValueFunction':
        onlyFields('a value function', fields, { op: 1, typmod: 1, location: 1 })
        if (!allowedValueFunctions.has(String(fields.op))) {
          reject('forbidden_function', 'Only CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME and LOCALTIMESTAMP are allowed.')
        }
        break
      case 'SubLink': {
        onlyFields('a subquery', fields, { subLinkType: 1, subLinkId: 1, testexpr: 1, operName: 1, subselect: 1, location: 1 })
        if (!allowedSubLinks.has(String(fields.subLinkType))) reject('unsupported_construct', 'This kind of subquery is not accepted.')
        walkExpr(fields.testexpr, scope)
        if (fields.operName !== undefined) checkOperator(fields.operName)
        const sub = unwrap(fields.subselect)
        if (!sub || sub[0] !== 'SelectStmt') return reject('not_select', 'Subqueries must be SELECTs.')
        walkSelect(sub[1], scope)
        break
      }
      case 'SelectStmt':
        reject('unsupported_construct', 'A SELECT is not accepted in this position.')
        break
      default:
        walkFields(type, fields, scope)
    }
    leave()
  }

  /** Declares the names a FROM item brings into scope; returns the checks of its insides, run once all names are known. */
  const declareFromItem = (node: unknown, scope: Scope, later: Array<() => void>): RangeEntry[] => {
    const unwrapped = unwrap(node)
    if (!unwrapped) return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
    const [type, fields] = unwrapped
    switch (type) {
      case 'RangeVar':
        return [declareRelation(fields, scope)]
      case 'RangeSubselect': {
        onlyFields('a subquery in FROM', fields, { lateral: 1, subquery: 1, alias: 1 })
        const alias = aliasOf(fields.alias)
        const sub = unwrap(fields.subquery)
        if (!sub || sub[0] !== 'SelectStmt') return reject('not_select', 'Subqueries must be SELECTs.')
        later.push(() => walkSelect(sub[1], scope))
        const entry = { name: alias.name ?? '', relations: [], derived: true }
        scope.entries.push(entry)
        return [entry]
      }
      case 'RangeFunction': {
        onlyFields('a function in FROM', fields, { lateral: 1, ordinality: 1, is_rowsfrom: 1, functions: 1, alias: 1, coldeflist: 1 })
        if (asList(fields.coldeflist).length > 0) reject('unsupported_construct', 'Column definition lists on functions are not accepted.')
        const calls: unknown[] = []
        for (const item of asList(fields.functions)) {
          const pair = unwrap(item)
          if (!pair || pair[0] !== 'List') return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
          const [call, definitions] = asList(pair[1].items)
          if (unwrap(definitions)) reject('unsupported_construct', 'Column definition lists on functions are not accepted.')
          const callNode = unwrap(call)
          if (!callNode || callNode[0] !== 'FuncCall') reject('unsupported_construct', 'Only function calls may be used as tables.')
          calls.push(call)
        }
        later.push(() => calls.forEach((call) => walkExpr(call, scope)))
        const alias = aliasOf(fields.alias)
        const firstName = (unwrap(calls[0])?.[1].funcname as unknown[] | undefined)?.map(stringOf).at(-1)
        const entry = { name: alias.name ?? firstName ?? '', relations: [], derived: true }
        scope.entries.push(entry)
        return [entry]
      }
      case 'JoinExpr': {
        onlyFields('a join', fields, { jointype: 1, isNatural: 1, larg: 1, rarg: 1, usingClause: 1, join_using_alias: 1, quals: 1, alias: 1, rtindex: 1 })
        if (fields.isNatural) reject('unsupported_construct', 'NATURAL JOIN is not accepted; write the join condition with ON.')
        const members = [...declareFromItem(fields.larg, scope, later), ...declareFromItem(fields.rarg, scope, later)]
        const relations = [...new Set(members.flatMap((m) => m.relations))]
        const derived = members.some((m) => m.derived)
        const using = asList(fields.usingClause).map(stringOf)
        later.push(() => {
          for (const column of using) {
            if (systemColumns.has(column)) reject('forbidden_column', `System column ${column} is not available.`)
            checkColumnName(relations, column)
          }
          walkExpr(fields.quals, scope)
        })
        const entries: RangeEntry[] = []
        for (const aliasNode of [fields.join_using_alias, fields.alias]) {
          const alias = aliasOf(aliasNode)
          if (alias.name === undefined) continue
          const entry = { name: alias.name, relations, derived }
          scope.entries.push(entry)
          entries.push(entry)
        }
        return [...members, ...entries]
      }
      default:
        return reject('unsupported_construct', `${friendlyNodeNames[type] ?? type} is not accepted in FROM.`)
    }
  }

  const aliasOf = (alias: unknown): { name?: string; columnNames: number } => {
    if (alias === undefined) return { columnNames: 0 }
    if (typeof alias !== 'object' || alias === null) return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
    onlyFields('an alias', alias as Fields, { aliasname: 1, colnames: 1 })
    const { aliasname, colnames } = alias as Fields
    asList(colnames).forEach(stringOf)
    return { name: typeof aliasname === 'string' ? aliasname : undefined, columnNames: asList(colnames).length }
  }

  const declareRelation = (fields: Fields, scope: Scope): RangeEntry => {
    onlyFields('a table reference', fields, { catalogname: 1, schemaname: 1, relname: 1, inh: 1, relpersistence: 1, alias: 1, location: 1 })
    const relname = fields.relname
    if (typeof relname !== 'string') return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
    const schema = fields.schemaname
    const alias = aliasOf(fields.alias)
    if (fields.catalogname !== undefined) {
      reject('forbidden_relation', `Database-qualified names are not accepted; write ${relname}.`)
    }
    if (schema === undefined && isVisibleCte(scope, relname)) {
      const entry = { name: alias.name ?? relname, relations: [], derived: true }
      scope.entries.push(entry)
      return entry
    }
    if (schema !== undefined && schema !== 'public') {
      reject('forbidden_relation', `${quote(String(schema))}.${quote(relname)} is not available. Available tables: ${available()}.`)
    }
    if (!Object.hasOwn(policy.relations, relname)) {
      reject('forbidden_relation', `Table ${quote(relname)} is not available for analysis. Available tables: ${available()}.`)
    }
    if (alias.columnNames > 0) {
      reject('unsupported_construct', `Renaming the columns of ${relname} in FROM is not accepted; alias them in the select list.`)
    }
    if (schema !== undefined) {
      if (typeof fields.location !== 'number') return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
      facts.qualifiedRelations.push({ location: fields.location, relname })
    }
    facts.tables.add(relname)
    const entry = { name: alias.name ?? relname, relations: [relname], derived: false }
    scope.entries.push(entry)
    return entry
  }

  function walkSelect(fields: Fields, parent: Scope | undefined): void {
    enter()
    onlyFields('SELECT', fields, selectFields)
    if (fields.intoClause !== undefined) reject('forbidden_clause', 'SELECT … INTO creates a table; only reading is allowed.')
    if (asList(fields.lockingClause).length > 0) {
      reject('forbidden_clause', 'FOR UPDATE / FOR SHARE lock rows; only plain reading is allowed.')
    }
    const scope: Scope = { parent, ctes: new Set(), entries: [] }
    if (fields.withClause !== undefined) declareWith(fields.withClause as Fields, scope)

    if (fields.op !== undefined && fields.op !== 'SETOP_NONE') {
      for (const arm of [fields.larg, fields.rarg]) {
        if (typeof arm !== 'object' || arm === null) return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
        walkSelect(arm as Fields, scope)
      }
    } else if (fields.larg !== undefined || fields.rarg !== undefined) {
      reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
    }

    const later: Array<() => void> = []
    for (const item of asList(fields.fromClause)) declareFromItem(item, scope, later)
    for (const check of later) check()
    for (const row of asList(fields.valuesLists)) walkExpr(row, scope)
    for (const key of ['distinctClause', 'targetList', 'groupClause', 'windowClause', 'sortClause'] as const) {
      for (const item of asList(fields[key])) {
        const target = unwrap(item)
        if (target?.[0] === 'ResTarget') {
          onlyFields('a select-list item', target[1], { name: 1, val: 1, location: 1 })
          walkExpr(target[1].val, scope)
        } else {
          walkExpr(item, scope)
        }
      }
    }
    for (const key of ['whereClause', 'havingClause', 'limitCount', 'limitOffset'] as const) walkExpr(fields[key], scope)
    leave()
  }

  const declareWith = (withClause: Fields, scope: Scope) => {
    onlyFields('WITH', withClause, { ctes: 1, recursive: 1, location: 1 })
    if (withClause.recursive) reject('forbidden_clause', 'WITH RECURSIVE is not accepted; recursive queries can run without end.')
    for (const item of asList(withClause.ctes)) {
      const cte = unwrap(item)
      if (!cte || cte[0] !== 'CommonTableExpr') return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
      const fields = cte[1]
      onlyFields('a WITH item', fields, { ctename: 1, aliascolnames: 1, ctematerialized: 1, ctequery: 1, location: 1 })
      const name = fields.ctename
      if (typeof name !== 'string') return reject('unsupported_construct', 'The statement has a shape the guard does not understand.')
      if (Object.hasOwn(policy.relations, name)) {
        reject('forbidden_clause', `A WITH item may not be named like the table ${name}; choose another name.`)
      }
      asList(fields.aliascolnames).forEach(stringOf)
      const query = unwrap(fields.ctequery)
      if (!query || query[0] !== 'SelectStmt') {
        return reject('forbidden_clause', `WITH ${name} must be a SELECT; data-changing WITH items (INSERT/UPDATE/DELETE/MERGE) are refused.`)
      }
      // A non-recursive WITH item sees only the items before it.
      walkSelect(query[1], scope)
      scope.ctes.add(name)
      facts.cteNames.add(name)
    }
  }

  walkSelect(select, undefined)
  return facts
}
