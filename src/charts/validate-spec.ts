/**
 * The gate every spec passes before rendering: only the declarative shapes our builders produce. Anything that could
 * load (urls, images, links, named or generated data), run code (expressions other than our label template, signals,
 * parameters, transforms) or bind to the page is refused — so a spec suggested by a model, or tampered with on the
 * way, can never fetch or execute anything. A model may pick a chart kind; it never ships spec code.
 */
import { AppError } from '../errors/app-error.js'
import { isTrustedExpression } from './value-labels.js'
import { vegaLiteSchemaUrl, type VegaLiteSpec } from './vega-lite-spec.js'

/** Keys none of our builders produce and that fetch, link, bind or compute. */
const forbiddenKeys = new Set(['url', 'href', 'signal', 'signals', 'params', 'param', 'selection', 'bind', 'transform', 'datasets', 'customFormatTypes', 'loader', 'sequence', 'graticule', 'sphere', 'projection', 'image'])
/** Keys whose string value is Vega expression code: only our label template may appear there. */
const expressionKeys = new Set(['expr', 'labelExpr', 'calculate', 'test', 'filter'])
const loadableText = /^\s*(https?:|data:|file:|ftp:|javascript:|blob:|\/\/)/i
const allowedDataKeys = new Set(['values'])

export function findSpecProblems(spec: unknown): string[] {
  const problems: string[] = []
  if (!isObject(spec)) return ['the spec is not an object']
  if (spec.$schema !== undefined && spec.$schema !== vegaLiteSchemaUrl) problems.push(`$schema must be ${vegaLiteSchemaUrl}`)
  walk(spec, '', problems, true)
  return problems
}

export function validateSpecOrThrow(spec: VegaLiteSpec): void {
  const problems = findSpecProblems(spec)
  if (problems.length) throw new AppError('unprocessable', 'The chart could not be drawn: its spec is not one SalesMatrix produces.', { problems })
}

function walk(node: unknown, path: string, problems: string[], top = false): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, problems))
    return
  }
  if (typeof node === 'string') {
    if (loadableText.test(node)) problems.push(`${path || '(root)'}: a URL is not allowed`)
    return
  }
  if (!isObject(node)) return
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key
    if (top && key === '$schema') continue
    if (forbiddenKeys.has(key)) {
      problems.push(`${at}: "${key}" is not allowed`)
      continue
    }
    if (expressionKeys.has(key) && (typeof value === 'string' || isObject(value))) {
      if (typeof value !== 'string' || !isTrustedExpression(value)) problems.push(`${at}: expressions other than SalesMatrix's label format are not allowed`)
      continue
    }
    if (key === 'mark' && (value === 'image' || (isObject(value) && value.type === 'image'))) {
      problems.push(`${at}: image marks are not allowed`)
      continue
    }
    if (key === 'data') {
      checkData(value, at, problems)
      continue
    }
    walk(value, at, problems)
  }
}

/** Data is always inlined rows of plain values; they are drawn, never fetched or evaluated, so their text is not checked. */
function checkData(data: unknown, at: string, problems: string[]): void {
  if (!isObject(data)) {
    problems.push(`${at}: data must be inline values`)
    return
  }
  for (const key of Object.keys(data)) if (!allowedDataKeys.has(key)) problems.push(`${at}.${key}: only inline "values" are allowed`)
  const values = data.values
  if (!Array.isArray(values)) {
    problems.push(`${at}.values: must be an array of rows`)
    return
  }
  values.forEach((row, i) => {
    if (!isObject(row) || Object.values(row).some((cell) => cell !== null && typeof cell === 'object')) problems.push(`${at}.values[${i}]: rows must be flat objects`)
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
