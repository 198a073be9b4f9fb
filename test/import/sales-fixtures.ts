/** Small, readable fixtures for the import tests: a known catalogue in the database, and files built in code. */
import ExcelJS from 'exceljs'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.js'
import type { Actor } from '../../src/domain/audit/audit.repository.js'

export const importer: Actor = { keyId: null, name: 'import-test' }

/** "Today" for every import test, so future-date checks do not depend on when the tests run. */
export const fixedClock = () => new Date('2025-06-30T12:00:00Z')

/**
 * Empties the sales tables and loads: regions Sudeste and Sul; category Eletrônicos; products NB-100 (Notebook,
 * list 3000, cost 2000) and MS-200 (Mouse, list 100, cost 40); reps Maria Silva (Sudeste) and João Souza (Sul);
 * customers Padaria Pão Quente (CNPJ 12.345.678/0001-90, Sudeste) and Loja Azul (compras@lojaazul.com.br, Sul).
 */
export async function loadCatalogue(db: Kysely<Database>): Promise<void> {
  await sql`truncate order_items, orders, customers, products, categories, sales_reps, regions, audit_log restart identity cascade`.execute(db)
  await db.insertInto('regions').values([{ name: 'Sudeste' }, { name: 'Sul' }]).execute()
  await db.insertInto('categories').values({ name: 'Eletrônicos' }).execute()
  await db
    .insertInto('products')
    .values([
      { sku: 'NB-100', name: 'Notebook', category_id: 1, brand: 'Acme', unit_price: 3000, unit_cost: 2000 },
      { sku: 'MS-200', name: 'Mouse', category_id: 1, brand: 'Acme', unit_price: 100, unit_cost: 40 },
    ])
    .execute()
  await db
    .insertInto('sales_reps')
    .values([
      { name: 'Maria Silva', email: 'maria@acme.com', region_id: 1, hired_on: '2020-01-01' },
      { name: 'João Souza', email: 'joao@acme.com', region_id: 2, hired_on: '2021-01-01' },
    ])
    .execute()
  await db
    .insertInto('customers')
    .values([
      { name: 'Padaria Pão Quente', tax_id: '12.345.678/0001-90', region_id: 1, segment: 'SMB' },
      { name: 'Loja Azul', email: 'compras@lojaazul.com.br', region_id: 2, segment: 'Varejo' },
    ])
    .execute()
}

export interface TableCounts {
  regions: number
  categories: number
  products: number
  customers: number
  sales_reps: number
  orders: number
  order_items: number
  audit_log: number
}

export async function countRows(db: Kysely<Database>): Promise<TableCounts> {
  const { rows } = await sql<TableCounts>`
    select (select count(*) from regions)::int as regions, (select count(*) from categories)::int as categories,
           (select count(*) from products)::int as products, (select count(*) from customers)::int as customers,
           (select count(*) from sales_reps)::int as sales_reps, (select count(*) from orders)::int as orders,
           (select count(*) from order_items)::int as order_items, (select count(*) from audit_log)::int as audit_log`.execute(db)
  return rows[0]!
}

/** Revenue as the product defines it: the line totals of completed orders. */
export async function completedRevenue(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ revenue: number }>`
    select coalesce(sum(i.line_total), 0)::float8 as revenue from order_items i join orders o on o.id = i.order_id where o.status = 'completed'`.execute(db)
  return rows[0]!.revenue
}

export const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8')

/** An XLSX workbook with one sheet per entry, written to a Buffer. Cells may be numbers, dates or formulas. */
export async function xlsx(sheets: Record<string, ExcelJS.CellValue[][]>, format?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
    format?.(sheet)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
