import { describe, expect, it } from 'vitest'
import { describeSemanticLayer, semanticLayerPrompt } from './describe-semantic-layer.js'
import { demoCatalog } from '../seed/demo-catalog.js'
import { dimensionIds, metricIds } from './semantic-model.js'

describe('the semantic layer as model context', () => {
  it('lists every metric and dimension with its definition and SQL', () => {
    const d = describeSemanticLayer('en')
    expect(d.metrics.map((m) => m.id)).toEqual([...metricIds])
    expect(d.dimensions.map((x) => x.id)).toEqual([...dimensionIds])
    expect(d.metrics.find((m) => m.id === 'revenue')).toMatchObject({ unit: 'currency', definition: 'sum of line totals (after discount) of completed orders' })
  })

  it('speaks Portuguese when asked, keeping ids and SQL unchanged', () => {
    const pt = semanticLayerPrompt('pt')
    expect(pt).toContain('- average_ticket (Ticket médio, currency): faturamento ÷ pedidos concluídos.')
    expect(pt).toContain('Semanas começam na segunda-feira')
  })

  it('carries definitions, never data: no rep, city or category name of the demo data appears', () => {
    const text = semanticLayerPrompt('en') + semanticLayerPrompt('pt')
    const names = [...demoCatalog.repNames, ...demoCatalog.regions.flatMap((r) => r.cities.map((c) => c.name)), ...demoCatalog.categories.map((c) => c.name)]
    expect(names.length).toBeGreaterThan(50)
    for (const name of names) expect(text, name).not.toContain(name)
  })
})
