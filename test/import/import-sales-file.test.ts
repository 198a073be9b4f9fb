import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { AppError } from '../../src/errors/app-error.js'
import { importSalesFile, type ImportSalesFileInput } from '../../src/import/import-sales-file.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { completedRevenue, countRows, csv, fixedClock, importer, loadCatalogue, xlsx } from './sales-fixtures.js'

const header = 'order_id,order_date,customer_tax_id,customer_name,customer_email,region,rep_email,sku,product_name,category,quantity,unit_price,discount,status'

/** Two orders: A-1 with two lines (one filled from the catalogue), A-2 for a customer found by email. */
const cleanFile = csv(
  header,
  'A-1,2025-03-14,12.345.678/0001-90,Padaria Pão Quente,,Sudeste,maria@acme.com,NB-100,,,2,2900,10%,completed',
  'A-1,2025-03-14,12.345.678/0001-90,Padaria Pão Quente,,Sudeste,maria@acme.com,MS-200,,,3,,,',
  'A-2,2025-03-15,,Loja Azul,compras@lojaazul.com.br,Sul,joao@acme.com,MS-200,,,1,95,0,pago',
)

describeEachDatabase('importing sales from a spreadsheet', (kind) => {
  let t: TestDatabase
  const run = (content: Buffer, options: Partial<ImportSalesFileInput> = {}) =>
    importSalesFile(t.db, { content, format: 'csv', actor: importer, clock: fixedClock, ...options })

  async function failure(promise: Promise<unknown>): Promise<AppError> {
    try {
      await promise
    } catch (error) {
      if (error instanceof AppError) return error
      throw error
    }
    throw new Error('expected the import to fail')
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())
  beforeEach(async () => loadCatalogue(t.db))

  it('imports a clean CSV: the orders, their items and the revenue are right', async () => {
    const report = await run(cleanFile, { filename: 'vendas.csv' })

    expect(report).toMatchObject({ committed: true, rowsRead: 3, rowsImported: 3, ordersCreated: 2, ordersUpdated: 0, errorCount: 0, filename: 'vendas.csv' })
    expect(report.defaultsFilled).toMatchObject({ unit_price: 1, unit_cost: 3, discount: 1, channel: 2, payment_method: 2 })
    const orders = await t.db
      .selectFrom('orders')
      .select(['external_ref', 'customer_id', 'rep_id', sql<string>`order_date::text`.as('order_date'), 'status', 'channel', 'source'])
      .orderBy('external_ref')
      .execute()
    expect(orders).toEqual([
      { external_ref: 'A-1', customer_id: 1, rep_id: 1, order_date: '2025-03-14', status: 'completed', channel: 'unknown', source: 'import' },
      { external_ref: 'A-2', customer_id: 2, rep_id: 2, order_date: '2025-03-15', status: 'completed', channel: 'unknown', source: 'import' },
    ])
    const items = await t.db.selectFrom('order_items').select(['product_id', 'quantity', 'unit_price', 'unit_cost', 'discount', 'line_total']).orderBy('id').execute()
    expect(items).toEqual([
      { product_id: 1, quantity: 2, unit_price: 2900, unit_cost: 2000, discount: 0.1, line_total: 5220 },
      { product_id: 2, quantity: 3, unit_price: 100, unit_cost: 40, discount: 0, line_total: 300 },
      { product_id: 2, quantity: 1, unit_price: 95, unit_cost: 40, discount: 0, line_total: 95 },
    ])
    expect(await completedRevenue(t.db)).toBe(5615)
  })

  it('changes nothing when the same file is imported twice', async () => {
    await run(cleanFile)
    const before = await countRows(t.db)
    const itemsBefore = await t.db.selectFrom('order_items').selectAll().orderBy('id').execute()

    const second = await run(cleanFile)

    expect(second).toMatchObject({ committed: true, ordersCreated: 0, ordersUpdated: 0, ordersUnchanged: 2, rowsImported: 3 })
    expect(second.dimensionsCreated).toEqual({ regions: 0, categories: 0, products: 0, customers: 0, reps: 0 })
    expect(await countRows(t.db)).toEqual({ ...before, audit_log: before.audit_log + 1 })
    expect(await t.db.selectFrom('order_items').selectAll().orderBy('id').execute()).toEqual(itemsBefore)
    expect(await completedRevenue(t.db)).toBe(5615)
  })

  it('gives rows without an order id a stable reference, so re-importing them creates no duplicates', async () => {
    const file = csv(
      'data,cliente,vendedor,sku,qtd,preco',
      '14/03/2025,Loja Azul,Maria Silva,MS-200,2,100',
      '14/03/2025,Loja Azul,Maria Silva,MS-200,5,100',
      '14/03/2025,Loja Azul,Maria Silva,MS-200,2,100',
    )
    const first = await run(file)
    expect(first).toMatchObject({ committed: true, ordersCreated: 2, duplicateRowsSkipped: 1 })
    expect(first.warnings.map((w) => w.message)).toContain('Row 4 is an exact copy of row 2; it was imported once.')
    const refs = (await t.db.selectFrom('orders').select('external_ref').execute()).map((o) => o.external_ref)
    expect(refs.every((ref) => /^auto-[0-9a-f]{24}$/.test(ref ?? ''))).toBe(true)

    const second = await run(file)
    expect(second).toMatchObject({ ordersCreated: 0, ordersUnchanged: 2 })
    expect((await countRows(t.db)).orders).toBe(2)
  })

  it('reads a ;-delimited Brazilian export with R$ prices, dd/mm/yyyy dates and Portuguese headers', async () => {
    const file = Buffer.from(
      [
        'Pedido;Data Venda;CNPJ;Cliente;UF;Vendedor;Código;Produto;Categoria;Quantidade;Preço Unitário;Desconto;Situação;Canal;Forma de Pagamento;Observações',
        'BR-1;14/03/2025;12345678000190;Padaria Pão Quente;SP;Maria Silva;NB-100;Notebook;Eletrônicos;1;R$ 2.999,90;5;Concluído;Loja Virtual;Cartão de Crédito;cliente antigo',
        'BR-1;14/03/2025;12345678000190;Padaria Pão Quente;SP;Maria Silva;MS-200;Mouse;Eletrônicos;2;R$ 99,50;0;Concluído;Loja Virtual;Cartão de Crédito;',
        'BR-2;15/03/2025;98.765.432/0001-10;Mercado Bom Preço;PR;João Souza;KB-300;Teclado;Periféricos;4;R$ 1.234,56;0,1;pendente;campo;pix;',
      ].join('\r\n'),
      'utf8',
    )
    const report = await run(file)

    expect(report).toMatchObject({ committed: true, delimiter: ';', ordersCreated: 2, rowsImported: 3, ignoredColumns: ['Observações'] })
    expect(report.dimensionsCreated).toEqual({ regions: 0, categories: 1, products: 1, customers: 1, reps: 0 })
    expect(report.defaultsFilled).toMatchObject({ region: 3, customer_segment: 1, country: 1, product_unit_cost: 1 })
    const orders = await t.db.selectFrom('orders').select(['external_ref', 'status', 'channel', 'payment_method', sql<string>`order_date::text`.as('order_date')]).orderBy('external_ref').execute()
    expect(orders).toEqual([
      { external_ref: 'BR-1', status: 'completed', channel: 'online', payment_method: 'credit_card', order_date: '2025-03-14' },
      { external_ref: 'BR-2', status: 'pending', channel: 'field', payment_method: 'pix', order_date: '2025-03-15' },
    ])
    const items = await t.db.selectFrom('order_items').select(['quantity', 'unit_price', 'discount']).orderBy('id').execute()
    expect(items).toEqual([
      { quantity: 1, unit_price: 2999.9, discount: 0.05 },
      { quantity: 2, unit_price: 99.5, discount: 0 },
      { quantity: 4, unit_price: 1234.56, discount: 0.1 },
    ])
    const customer = await t.db.selectFrom('customers').innerJoin('regions', 'regions.id', 'customers.region_id').select(['customers.name', 'tax_id', 'state', 'regions.name as region']).where('tax_id', '=', '98765432000110').executeTakeFirstOrThrow()
    expect(customer).toEqual({ name: 'Mercado Bom Preço', tax_id: '98765432000110', state: 'PR', region: 'Sul' })
    const keyboard = await t.db.selectFrom('products').innerJoin('categories', 'categories.id', 'products.category_id').select(['products.name', 'unit_price', 'unit_cost', 'categories.name as category']).where('sku', '=', 'KB-300').executeTakeFirstOrThrow()
    expect(keyboard).toEqual({ name: 'Teclado', unit_price: 1234.56, unit_cost: 0, category: 'Periféricos' })
  })

  it('imports an XLSX, reading date cells and formula results from the first worksheet only', async () => {
    const file = await xlsx(
      {
        Vendas: [
          ['Pedido', 'Data', 'Cliente', 'E-mail Vendedor', 'SKU', 'Qtd', 'Preço', 'Desconto'],
          ['X-1', new Date(Date.UTC(2025, 2, 14)), 'Loja Azul', 'joao@acme.com', 'NB-100', 1, 3000, 0.1],
          ['X-1', new Date(Date.UTC(2025, 2, 14)), 'Loja Azul', 'joao@acme.com', 'MS-200', { formula: '1+1', result: 2 }, 100, 0],
          [],
          ['X-2', 45731, 'Padaria Pão Quente', 'maria@acme.com', 'MS-200', 10, 90, null],
        ],
        Resumo: [['nothing to see']],
      },
      (sheet) => {
        sheet.getColumn(2).numFmt = 'dd/mm/yyyy'
        sheet.getColumn(8).numFmt = '0%'
      },
    )
    const report = await run(file, { format: 'xlsx', filename: 'vendas.xlsx' })

    expect(report).toMatchObject({ committed: true, format: 'xlsx', sheetName: 'Vendas', ordersCreated: 2, rowsImported: 3, blankRowsSkipped: 1 })
    expect(report.warnings.map((w) => w.message)).toContain('Only the first worksheet ("Vendas") was read; ignored: "Resumo".')
    const lines = await t.db
      .selectFrom('order_items')
      .innerJoin('orders', 'orders.id', 'order_items.order_id')
      .select(['external_ref', sql<string>`order_date::text`.as('order_date'), 'quantity', 'discount', 'line_total'])
      .orderBy('order_items.id')
      .execute()
    expect(lines).toEqual([
      { external_ref: 'X-1', order_date: '2025-03-14', quantity: 1, discount: 0.1, line_total: 2700 },
      { external_ref: 'X-1', order_date: '2025-03-14', quantity: 2, discount: 0, line_total: 200 },
      { external_ref: 'X-2', order_date: '2025-03-15', quantity: 10, discount: 0, line_total: 900 },
    ])
  })

  it('refuses an XLSX with the wrong headers, naming the missing columns, and writes nothing', async () => {
    const before = await countRows(t.db)
    const file = await xlsx({ Planilha1: [['Nome', 'Valor', 'Quando'], ['Loja Azul', 100, '2025-03-14']] })

    const error = await failure(run(file, { format: 'xlsx' }))

    expect(error.code).toBe('validation_failed')
    expect(error.message).toBe(
      'The file is missing required columns: order_date; customer_name or customer_email or customer_tax_id; rep_name or rep_email; product_sku; quantity. Headers found: "Nome", "Valor", "Quando".',
    )
    expect(await countRows(t.db)).toEqual(before)
  })

  const brokenFile = csv(
    header,
    'B-1,2025-03-14,12345678000190,,,,maria@acme.com,NB-100,,,1,3000,,',
    'B-2,2025-03-14,12345678000190,,,,maria@acme.com,NB-100,,,0,3000,,',
    'B-3,31/02/2025,12345678000190,,,,maria@acme.com,MS-200,,,1,100,,',
    'B-4,2025-03-14,12345678000190,,,,maria@acme.com,MS-200,,,1,5000,,',
    'B-5,2025-03-14,12345678000190,,,,maria@acme.com,ZZ-999,,,1,10,,',
    'B-6,2025-03-14,12345678000190,,,,nobody@acme.com,MS-200,,,1,100,,',
    'B-7,2025-03-14,12345678000190,,,,maria@acme.com,MS-200,,,1,100,,maybe',
    'B-7,2025-03-14,12345678000190,,,,maria@acme.com,NB-100,,,1,3000,,',
    'B-8,2025-03-14,12345678000190,,,,maria@acme.com,MS-200,,,2,100,,',
    'B-8,2025-03-20,12345678000190,,,,maria@acme.com,NB-100,,,1,3000,,',
    'B-9,2025-03-14,12345678000190,,,,maria@acme.com,MS-200,,,1,-3,,',
    'B-10,2030-01-01,12345678000190,,,,maria@acme.com,MS-200,,,1,100,,',
    'B-11,2025-03-14,12345678000190,,,,maria@acme.com,MS-200,,,50000,100,,',
  )

  it('in all-or-nothing mode, lists every bad row and leaves the database unchanged', async () => {
    const before = await countRows(t.db)

    const report = await run(brokenFile)

    expect(report.committed).toBe(false)
    expect(report).toMatchObject({ rowsRead: 13, rowsImported: 0, ordersCreated: 0, errorCount: report.errors.length, errorsTruncated: false })
    const byRow = (row: number) => report.errors.filter((e) => e.row === row).map((e) => e.message)
    expect(byRow(2)).toEqual([])
    expect(byRow(3)).toEqual(['quantity: "0" must be at least 1.'])
    expect(byRow(4)).toEqual(['order_date: "31/02/2025" is not a valid calendar date.'])
    expect(byRow(5)).toEqual(['Unit price 5000 is more than 10× the list price 100 of product "MS-200"; that looks like a typo.'])
    expect(byRow(6)).toEqual(['Product "ZZ-999" does not exist yet, and a new product needs product_name, category.'])
    expect(byRow(7)).toEqual(['Sales rep nobody@acme.com does not exist yet, and a new rep needs a name.'])
    expect(byRow(8)[0]).toContain('status: "maybe" is not a known status')
    expect(byRow(11)).toEqual([
      'Row 11 belongs to order "B-8" but its order_date "2025-03-20" differs from "2025-03-14" on row 10; every line of an order must have the same order_date.',
    ])
    expect(byRow(12)).toEqual(['unit_price: "-3" is negative.'])
    expect(byRow(13)).toEqual(['order_date: "2030-01-01" is in the future (today is 2025-06-30).'])
    expect(byRow(14)).toEqual(['quantity: "50000" is above 10000 units; that looks like a typo.'])
    expect(report.errors.find((e) => e.row === 3)).toMatchObject({ column: 'quantity', field: 'quantity', value: '0' })
    expect(report.rowsWithErrors).toBe(10)
    expect(await countRows(t.db)).toEqual(before)
  })

  it('in partial mode, writes every valid order whole and reports the bad ones', async () => {
    const report = await run(brokenFile, { mode: 'partial' })

    expect(report).toMatchObject({ committed: true, mode: 'partial', ordersCreated: 1, rowsImported: 1 })
    // B-7 has one good line and one bad one: the whole order is skipped. So is B-8.
    expect(report.ordersSkipped).toBe(10)
    expect(report.rowsWithErrors).toBe(10)
    const refs = (await t.db.selectFrom('orders').select('external_ref').execute()).map((o) => o.external_ref)
    expect(refs).toEqual(['B-1'])
    expect((await countRows(t.db)).order_items).toBe(1)
    expect(report.warnings.map((w) => w.message)).toContain('10 order(s) were skipped whole because at least one of their rows has an error; the other 1 were imported.')
  })

  it('in partial mode, creates nothing for an order it skips, and no later order can use what it would have created', async () => {
    const file = csv(
      'order_id,order_date,customer_name,region,rep_email,sku,product_name,category,quantity,unit_price',
      'C-1,2025-03-14,Cliente Novo,Sudeste,maria@acme.com,NEW-1,Produto Novo,Nova Categoria,1,50',
      'C-1,2025-03-14,Cliente Novo,Sudeste,maria@acme.com,MS-200,,,x,100',
      'C-2,2025-03-14,Loja Azul,Sul,joao@acme.com,NEW-1,,,1,50',
    )
    const before = await countRows(t.db)
    const report = await run(file, { mode: 'partial' })
    // C-2 cannot use the product C-1 would have created: C-1 was skipped, so NEW-1 does not exist.
    expect(report).toMatchObject({ committed: false, ordersCreated: 0, ordersSkipped: 2 })
    expect(report.errors.find((e) => e.row === 4)?.message).toBe('Product "NEW-1" does not exist yet, and a new product needs product_name, category.')
    expect(report.warnings.map((w) => w.message)).toContain('Nothing was imported: every order in the file has at least one row with an error.')
    expect(await countRows(t.db)).toEqual(before)
  })

  it('updates an existing order with the same external_ref instead of duplicating it', async () => {
    await run(cleanFile)
    const orderId = (await t.db.selectFrom('orders').select('id').where('external_ref', '=', 'A-1').executeTakeFirstOrThrow()).id

    const corrected = csv(header, 'A-1,2025-03-16,12345678000190,,,,joao@acme.com,NB-100,,,1,3000,,cancelado')
    const report = await run(corrected, { source: 'erp-export' })

    expect(report).toMatchObject({ committed: true, ordersCreated: 0, ordersUpdated: 1 })
    const order = await t.db.selectFrom('orders').select(['id', 'rep_id', 'status', 'source', sql<string>`order_date::text`.as('order_date')]).where('external_ref', '=', 'A-1').executeTakeFirstOrThrow()
    expect(order).toEqual({ id: orderId, rep_id: 2, status: 'cancelled', source: 'erp-export', order_date: '2025-03-16' })
    const items = await t.db.selectFrom('order_items').select(['product_id', 'quantity']).where('order_id', '=', orderId).execute()
    expect(items).toEqual([{ product_id: 1, quantity: 1 }])
    expect((await countRows(t.db)).orders).toBe(2)
    expect(await completedRevenue(t.db)).toBe(95)
  })

  it('creates the customer, rep, product, category and region a file introduces, by natural key', async () => {
    const file = csv(
      'pedido,data,cnpj,cliente,email,regiao,uf,vendedor,email_vendedor,sku,produto,categoria,marca,qtd,preco,custo',
      'N-1,2025-03-14,11.222.333/0001-44,Distribuidora Norte,contato@norte.com,Norte,AM,Ana Lima,ana@acme.com,TB-1,Tablet,Tablets,Acme,2,1500,900',
      'N-2,2025-03-10,11222333000144,,,,,,ana@acme.com,TB-1,,,,1,1450,',
    )
    const report = await run(file)

    expect(report).toMatchObject({ committed: true, ordersCreated: 2 })
    expect(report.dimensionsCreated).toEqual({ regions: 1, categories: 1, products: 1, customers: 1, reps: 1 })
    const rep = await t.db.selectFrom('sales_reps').select(['name', 'email', sql<string>`hired_on::text`.as('hired_on')]).where('email', '=', 'ana@acme.com').executeTakeFirstOrThrow()
    expect(rep).toEqual({ name: 'Ana Lima', email: 'ana@acme.com', hired_on: '2025-03-10' })
    const items = await t.db.selectFrom('order_items').select(['unit_price', 'unit_cost']).orderBy('id').execute()
    expect(items).toEqual([
      { unit_price: 1500, unit_cost: 900 },
      { unit_price: 1450, unit_cost: 900 },
    ])
  })

  it('refuses a new customer without a region, and an ambiguous rep name', async () => {
    await t.db.insertInto('sales_reps').values({ name: 'Maria Silva', email: 'maria2@acme.com', region_id: 2, hired_on: '2022-01-01' }).execute()
    const file = csv(
      'order_id,date,customer,rep,rep_email,sku,qty',
      'D-1,2025-03-14,Cliente Sem Região,,joao@acme.com,MS-200,1',
      'D-2,2025-03-14,Loja Azul,Maria Silva,,MS-200,1',
    )
    const report = await run(file)
    expect(report.committed).toBe(false)
    expect(report.errors.map((e) => [e.row, e.message])).toEqual([
      [2, 'Customer "Cliente Sem Região" does not exist yet, and a new customer needs a region (or a Brazilian state).'],
      [3, '2 sales reps are named "Maria Silva"; add the rep\'s email to say which.'],
    ])
  })

  it('leaves nothing half-written when the database fails midway', async () => {
    // A real failure after the new region, customer and first order are written: the last item insert is refused.
    await sql`create function refuse_quantity_7() returns trigger language plpgsql as $$
      begin
        if new.quantity = 7 then raise exception 'simulated failure'; end if;
        return new;
      end $$`.execute(t.db)
    await sql`create trigger refuse_quantity_7 before insert on order_items for each row execute function refuse_quantity_7()`.execute(t.db)
    try {
      const before = await countRows(t.db)
      const file = csv(
        'order_id,date,customer_name,region,rep_email,sku,qty',
        'M-1,2025-03-14,Cliente Novo,Centro-Oeste,maria@acme.com,MS-200,1',
        'M-2,2025-03-14,Cliente Novo,Centro-Oeste,maria@acme.com,MS-200,7',
      )
      for (const mode of ['all-or-nothing', 'partial'] as const) {
        const error = await failure(run(file, { mode }))
        expect(error.code).toBe('internal')
        expect(error.message).toBe('The import failed while saving to the database, so nothing was saved.')
        expect(await countRows(t.db)).toEqual(before)
      }
    } finally {
      await sql`drop trigger refuse_quantity_7 on order_items`.execute(t.db)
      await sql`drop function refuse_quantity_7()`.execute(t.db)
    }
  })

  it('fills in what an existing customer lacks and updates the product details the file gives', async () => {
    const file = csv(
      'order_id,date,cnpj,customer_email,segmento,cidade,rep_email,sku,produto,marca,qty',
      'U-1,2025-03-14,44.555.666/0001-77,compras@lojaazul.com.br,Enterprise,Curitiba,joao@acme.com,MS-200,Mouse Sem Fio,Logi,1',
    )
    const report = await run(file)
    expect(report).toMatchObject({ committed: true, ordersCreated: 1 })
    expect(report.dimensionsCreated).toEqual({ regions: 0, categories: 0, products: 0, customers: 0, reps: 0 })
    const customer = await t.db.selectFrom('customers').select(['name', 'tax_id', 'segment', 'city', 'region_id']).where('id', '=', 2).executeTakeFirstOrThrow()
    expect(customer).toEqual({ name: 'Loja Azul', tax_id: '44555666000177', segment: 'Enterprise', city: 'Curitiba', region_id: 2 })
    const product = await t.db.selectFrom('products').select(['name', 'brand', 'unit_price', 'unit_cost']).where('sku', '=', 'MS-200').executeTakeFirstOrThrow()
    expect(product).toEqual({ name: 'Mouse Sem Fio', brand: 'Logi', unit_price: 100, unit_cost: 40 })
  })

  it('records one audit entry for the import, in the same transaction as its writes', async () => {
    const report = await run(cleanFile, { filename: 'vendas.csv', actor: { keyId: null, name: 'ops@acme', requestId: 'req-42' } })

    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'ops@acme', action: 'import', entity: 'orders', request_id: 'req-42' })
    expect(audit[0]!.after).toMatchObject({ filename: 'vendas.csv', ordersCreated: 2, rowsImported: 3, committed: true })
    expect(audit[0]!.after).not.toHaveProperty('errors')
    expect(report.committed).toBe(true)
  })

  it('writes no audit entry when an all-or-nothing import is refused', async () => {
    await run(brokenFile)
    expect((await countRows(t.db)).audit_log).toBe(0)
  })

  it('refuses garbage and damaged files with a clear error, writing nothing', async () => {
    const before = await countRows(t.db)
    const garbage = Buffer.from(Array.from({ length: 4_096 }, (_, i) => (i * 7919 + 13) % 256))

    const binary = await failure(run(garbage))
    expect(binary.code).toBe('unprocessable')
    expect(binary.message).toContain('binary data')

    const notAZip = await failure(run(Buffer.from('Pedido,Data\n1,2\n'), { format: 'xlsx' }))
    expect(notAZip.code).toBe('unprocessable')
    expect(notAZip.message).toContain('not a valid XLSX workbook')

    const truncatedZip = await failure(run(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbage]), { format: 'xlsx' }))
    expect(truncatedZip.code).toBe('unprocessable')
    expect(truncatedZip.message).toContain('could not be read')

    const empty = await failure(run(Buffer.alloc(0)))
    expect(empty.message).toBe('The file is empty.')

    const headerOnly = await failure(run(csv(header)))
    expect(headerOnly.message).toBe('The file has a header row but no data rows.')

    const unclosed = await failure(run(csv(header, 'A-1,"2025-03-14')))
    expect(unclosed.code).toBe('validation_failed')

    expect(await countRows(t.db)).toEqual(before)
  })

  it('treats formula-looking cells as plain text and says so', async () => {
    const file = csv(
      'order_id,date,customer_name,region,rep_email,sku,qty',
      'F-1,2025-03-14,"=HYPERLINK(""http://evil.example"",""click"")",Sul,joao@acme.com,MS-200,1',
    )
    const report = await run(file)
    expect(report.committed).toBe(true)
    const customer = await t.db.selectFrom('customers').select('name').where('id', '=', 3).executeTakeFirstOrThrow()
    expect(customer.name).toBe('=HYPERLINK("http://evil.example","click")')
    expect(report.warnings.map((w) => w.message)).toContain('1 value(s) in column "customer_name" start like a spreadsheet formula (first on row 2); they were imported as plain text.')
  })

  it('reads a CSV with a byte order mark and quoted line breaks', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('order_id,date,customer_name,region,rep_email,sku,qty\r\nQ-1,2025-03-14,"Padaria\r\nDo Centro",Sul,joao@acme.com,MS-200,1\r\n', 'utf8'),
    ])
    const report = await run(file)
    expect(report).toMatchObject({ committed: true, ordersCreated: 1 })
    expect(report.columns.external_ref).toBe('order_id')
    const customer = await t.db.selectFrom('customers').select('name').where('id', '=', 3).executeTakeFirstOrThrow()
    expect(customer.name).toBe('Padaria Do Centro')
  })

  it('caps the error list but keeps the exact total', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => `E-${i},2025-03-14,12345678000190,,,,maria@acme.com,MS-200,,,abc,100,,`)
    const report = await run(csv(header, ...rows))
    expect(report).toMatchObject({ committed: false, errorCount: 1_200, errorsTruncated: true })
    expect(report.errors).toHaveLength(1_000)
  })
})
