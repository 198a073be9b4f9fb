/** Vega-Lite's own JSON schema (draft-07), compiled once per test file: every spec we produce must pass it. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'

export function createSchemaValidator(): (spec: unknown) => string[] {
  // The package does not export its schema file, so it is read from where npm puts it.
  const schemaPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/vega-lite/build/vega-lite-schema.json')
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>
  // The schema uses union types and keywords Ajv's strict mode rejects; the checks themselves stay full.
  const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true })
  ajv.addFormat('color-hex', /^#([0-9a-f]{3}|[0-9a-f]{6})$/i)
  ajv.addFormat('uri-reference', true) // never reached: validate-spec refuses URLs before this matters
  const validate = ajv.compile(schema)
  return (spec) => (validate(spec) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`))
}
