import { describe, expect, it } from 'vitest'
import { chooseChart } from './choose-chart.js'
import { findSpecProblems, validateSpecOrThrow } from './validate-spec.js'
import { compactAxisExpression } from './value-labels.js'

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values: [{ c0: 'Sul', v: 1 }] },
  mark: 'bar',
  encoding: { y: { field: 'c0', type: 'nominal' }, x: { field: 'v', type: 'quantitative' } },
}

describe('validateSpec', () => {
  it('accepts what chooseChart produces, including its own axis label expression', () => {
    const spec = chooseChart({ language: 'pt', currency: 'BRL', columns: [{ name: 'mes', role: 'value' }, { name: 'receita', role: 'value' }], rows: [{ mes: '2026-01-01', receita: 1 }, { mes: '2026-02-01', receita: 2 }] })!.spec
    expect(findSpecProblems(spec)).toEqual([])
    expect(findSpecProblems({ ...base, encoding: { ...base.encoding, x: { ...base.encoding.x, axis: { labelExpr: compactAxisExpression('currency', 'en', 'USD') } } } })).toEqual([])
  })

  it('refuses data loaded from a URL, named data and data URLs anywhere', () => {
    expect(findSpecProblems({ ...base, data: { url: 'https://example.com/x.csv' } })).not.toEqual([])
    expect(findSpecProblems({ ...base, data: { name: 'table' } })).not.toEqual([])
    expect(findSpecProblems({ ...base, title: 'data:text/html;base64,PHNjcmlwdD4=' })).not.toEqual([])
    expect(findSpecProblems({ ...base, layer: [{ data: { values: [] }, mark: 'bar', encoding: { href: { field: 'c0' } } }] })).not.toEqual([])
  })

  it('refuses expression code it did not write: signals, parameters, transforms, foreign label expressions', () => {
    expect(findSpecProblems({ ...base, params: [{ name: 'p', expr: 'now()' }] })).not.toEqual([])
    expect(findSpecProblems({ ...base, transform: [{ calculate: 'datum.v * 2', as: 'w' }] })).not.toEqual([])
    expect(findSpecProblems({ ...base, width: { signal: 'width' } })).not.toEqual([])
    expect(findSpecProblems({ ...base, encoding: { ...base.encoding, x: { ...base.encoding.x, axis: { labelExpr: "'R$ ' + warn(datum.value)" } } } })).not.toEqual([])
    // Our template with a quote smuggled in as the "currency sign" is not our template.
    expect(findSpecProblems({ ...base, encoding: { ...base.encoding, x: { ...base.encoding.x, axis: { labelExpr: compactAxisExpression('count', 'en', 'USD').replace("+ '' +", "+ ''+warn(1)+'' +") } } } })).not.toEqual([])
  })

  it('refuses image marks and a foreign $schema', () => {
    expect(findSpecProblems({ ...base, mark: { type: 'image' } })).not.toEqual([])
    expect(findSpecProblems({ ...base, $schema: 'https://evil.example/schema.json' })).not.toEqual([])
  })

  it('lets row values carry any text: they are drawn, never fetched', () => {
    expect(findSpecProblems({ ...base, data: { values: [{ c0: 'http://looks-like-a-link', v: 1 }] } })).toEqual([])
  })

  it('throws a typed error naming the problems', () => {
    const failure = (() => {
      try {
        validateSpecOrThrow({ ...base, data: { url: 'x.csv' } })
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(failure).toMatchObject({ code: 'unprocessable', details: { problems: expect.arrayContaining(['data.url: only inline "values" are allowed']) } })
  })
})
