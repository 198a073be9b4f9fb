import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { xlsx } from '../import/sales-fixtures.js'

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const header = 'order_id,order_date,customer_tax_id,rep_email,sku,quantity,unit_price'

describeEachDatabase('sales import over HTTP', (kind) => {
  let t: TestApp
  // The test app's catalogue: customer Acme (tax id 11.111.111/0001-11), rep maria@example.com, products W-1 and G-1.
  const line = (ref: string, sku: string, quantity: string | number) => `${ref},2025-03-14,11.111.111/0001-11,maria@example.com,${sku},${quantity},100`
  const post = (body: string | Buffer, contentType: string, query = '', key = t.keys.admin) =>
    t.as(key, { method: 'POST', url: `/api/imports/sales${query}`, payload: body, headers: { 'content-type': contentType } })

  beforeAll(async () => {
    t = await createTestApp(kind, { importLimitBytes: 16 * 1024 })
  })
  afterAll(async () => t?.close())

  it('import a CSV and answer with the report', async () => {
    const response = await post([header, line('H-1', 'W-1', 2), line('H-1', 'G-1', 1)].join('\n'), 'text/csv', '?filename=vendas.csv')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ committed: true, format: 'csv', filename: 'vendas.csv', ordersCreated: 1, rowsImported: 2 })
    const orders = await t.as(t.keys.admin, { method: 'GET', url: '/api/orders?external_ref=H-1' })
    expect(orders.json().data[0].items).toHaveLength(2)
  })

  it('refuse a CSV with broken rows as a whole with 422 and every row error, writing nothing', async () => {
    const before = await t.counts()
    const response = await post([header, line('H-2', 'W-1', 1), line('H-2', 'NOPE', 1), line('H-3', 'W-1', -4)].join('\n'), 'text/csv')
    expect(response.statusCode).toBe(422)
    const report = response.json()
    expect(report.committed).toBe(false)
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([3, 4])
    expect(await t.counts()).toEqual(before)
  })

  it('in partial mode, write the valid orders and report the rest', async () => {
    const response = await post([header, line('H-4', 'W-1', 1), line('H-5', 'W-1', 'many')].join('\n'), 'text/csv', '?mode=partial')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ committed: true, ordersCreated: 1, errorCount: 1 })
  })

  it('refuse an XLSX with wrong headers with a 400 naming the missing columns, writing nothing', async () => {
    const before = await t.counts()
    const file = await xlsx({ Vendas: [['when', 'who', 'what'], ['2025-03-14', 'x', 'y']] })
    const response = await post(file, xlsxType)
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json().detail).toMatch(/order_date/)
    expect(await t.counts()).toEqual(before)
  })

  it('refuse a file over the import limit with 413, an empty body with 400, and a non-admin key with 403', async () => {
    const before = await t.counts()
    expect((await post(header + '\n' + line('H-6', 'W-1', 1).repeat(400), 'text/csv')).statusCode).toBe(413)
    expect((await post('', 'text/csv')).statusCode).toBe(400)
    expect((await post([header, line('H-7', 'W-1', 1)].join('\n'), 'text/csv', '', t.keys.maria)).statusCode).toBe(403)
    expect((await post('not a zip at all', xlsxType)).statusCode).toBeGreaterThanOrEqual(400)
    expect(await t.counts()).toEqual(before)
  })
})
