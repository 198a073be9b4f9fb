/**
 * Turns one spreadsheet row into a clean order line, or into the list of everything wrong with it. Pure: no
 * database, no clock (today arrives in `dateBounds`). Values the database must supply (a product's list price,
 * an existing customer) are left null here and resolved by the planner.
 */
import type { OrderStatus } from '../db/schema.js'
import type { ImportField } from './import-fields.js'
import { importLimits } from './import-limits.js'
import type { ImportRowError } from './import-report.js'
import { cellToText, type ImportCell, type ImportTableRow } from './import-table.js'
import type { ImportColumns } from './map-import-columns.js'
import { normaliseImportText } from './normalise-import-text.js'
import { normaliseOrderStatus } from './normalise-order-status.js'
import { parseImportDate, type DateBounds } from './parse-import-date.js'
import { parseImportDiscount } from './parse-import-discount.js'
import { parseImportNumber, type DecimalSeparator } from './parse-import-number.js'
import type { ParseResult } from './parse-result.js'

export interface CleanCustomer {
  name: string | null
  email: string | null
  taxId: string | null
  segment: string | null
  city: string | null
  state: string | null
  country: string | null
  region: string | null
}

export interface CleanLine {
  row: number
  externalRef: string | null
  orderDate: string
  status: OrderStatus | null
  channel: string | null
  paymentMethod: string | null
  customer: CleanCustomer
  rep: { name: string | null; email: string | null }
  product: { sku: string; name: string | null; category: string | null; brand: string | null }
  quantity: number
  unitPrice: number | null
  unitCost: number | null
  discount: number | null
  /** The region was not given and was derived from the Brazilian state (UF). */
  regionFromState: boolean
}

export interface CleanContext {
  columns: ImportColumns['byField']
  dateBounds: DateBounds
  decimalSeparator: DecimalSeparator
  /** Told about each number whose lone separator had to be read with the file's decimal mark. */
  onAmbiguousNumber?: (row: number, column: string, value: string) => void
  /** Told about each text value that a spreadsheet would run as a formula. */
  onFormulaLikeText?: (row: number, column: string) => void
}

export interface CleanedRow {
  line: CleanLine | null
  /** Readable even when the row has errors, so the rest of its order can be skipped with it. */
  externalRef: string | null
  errors: ImportRowError[]
}

const shown = (text: string) => (text.length > 100 ? `${text.slice(0, 97)}...` : text)

export function cleanImportRow(source: ImportTableRow, ctx: CleanContext): CleanedRow {
  const row = source.rowNumber
  const errors: ImportRowError[] = []
  const header = (field: ImportField) => ctx.columns[field]?.header ?? field
  const cell = (field: ImportField): ImportCell => {
    const column = ctx.columns[field]
    return column ? (source.cells[column.index] ?? null) : null
  }
  const fail = (field: ImportField, message: string, value?: ImportCell) => {
    const text = value === undefined ? '' : cellToText(value)
    errors.push({
      row,
      column: header(field),
      field,
      ...(text === '' ? {} : { value: shown(text) }),
      message: text === '' ? `${header(field)} ${message}.` : `${header(field)}: "${shown(text)}" ${message}.`,
    })
  }
  const text = (field: ImportField, clean: (t: string) => string | null = normaliseImportText.name): string | null => {
    const raw = cell(field)
    const value = cellToText(raw)
    if (value === '') return null
    if (value.length > importLimits.maxTextLength) {
      fail(field, `is longer than ${importLimits.maxTextLength} characters`, raw)
      return null
    }
    if (normaliseImportText.looksLikeFormula(value)) ctx.onFormulaLikeText?.(row, header(field))
    return clean(value)
  }
  const value = <T>(field: ImportField, parse: (c: ImportCell) => ParseResult<T>): T | null => {
    const raw = cell(field)
    if (cellToText(raw) === '') return null
    const result = parse(typeof raw === 'string' ? raw.trim() : raw)
    if (!result.ok) {
      fail(field, result.message, raw)
      return null
    }
    return result.value
  }
  const number = (field: ImportField, parse = (c: ImportCell) => parseImportNumber(c, ctx.decimalSeparator)): number | null => {
    const result = value(field, parse)
    if (result?.ambiguous) ctx.onAmbiguousNumber?.(row, header(field), cellToText(cell(field)))
    return result?.value ?? null
  }
  const money = (field: 'unit_price' | 'unit_cost'): number | null => {
    const amount = number(field)
    if (amount === null) return null
    if (amount < 0) return failed(fail(field, 'is negative', cell(field)))
    if (amount > importLimits.maxUnitPrice) return failed(fail(field, `is above ${importLimits.maxUnitPrice}; that looks like a typo`, cell(field)))
    return Math.round(amount * 100) / 100
  }

  const externalRef = text('external_ref')
  const orderDate = value('order_date', (c) => parseImportDate(c, ctx.dateBounds))
  if (orderDate === null && cellToText(cell('order_date')) === '') fail('order_date', 'is empty; every row needs the date of the sale')
  const status = value('status', (c) => normaliseOrderStatus(cellToText(c)))
  const channel = text('channel', normaliseImportText.channel)
  const paymentMethod = text('payment_method', normaliseImportText.paymentMethod)

  const customerEmail = text('customer_email', normaliseImportText.email)
  if (customerEmail !== null && !normaliseImportText.isEmail(customerEmail)) fail('customer_email', 'is not an email address', cell('customer_email'))
  const country = text('country', normaliseImportText.country)
  const state = text('state', normaliseImportText.state)
  const givenRegion = text('region')
  const derivedRegion = givenRegion === null ? normaliseImportText.brazilianRegionOfState(state, country) : null
  const customer: CleanCustomer = {
    name: text('customer_name'),
    email: customerEmail,
    taxId: text('customer_tax_id', normaliseImportText.taxId),
    segment: text('customer_segment'),
    city: text('city'),
    state,
    country,
    region: givenRegion ?? derivedRegion,
  }
  if (!customer.name && !customer.email && !customer.taxId && !hasError(errors, ['customer_name', 'customer_email', 'customer_tax_id'])) {
    errors.push({ row, column: firstHeader(ctx, ['customer_name', 'customer_email', 'customer_tax_id']), message: 'The customer is missing: fill the customer name, email or tax id (CNPJ/CPF).' })
  }

  const repEmail = text('rep_email', normaliseImportText.email)
  if (repEmail !== null && !normaliseImportText.isEmail(repEmail)) fail('rep_email', 'is not an email address', cell('rep_email'))
  const rep = { name: text('rep_name'), email: repEmail }
  if (!rep.name && !rep.email && !hasError(errors, ['rep_name', 'rep_email'])) {
    errors.push({ row, column: firstHeader(ctx, ['rep_name', 'rep_email']), message: 'The sales rep is missing: fill the rep name or email.' })
  }

  const sku = text('product_sku', (t) => t.trim())
  if (sku === null && !hasError(errors, ['product_sku'])) fail('product_sku', 'is empty; every row needs the product SKU')
  const product = { sku: sku ?? '', name: text('product_name'), category: text('category'), brand: text('brand') }

  const rawQuantity = cell('quantity')
  let quantity = number('quantity')
  if (quantity === null && cellToText(rawQuantity) === '') fail('quantity', 'is empty; every row needs a quantity')
  else if (quantity !== null) {
    if (!Number.isInteger(quantity)) quantity = failed(fail('quantity', 'must be a whole number of units', rawQuantity))
    else if (quantity <= 0) quantity = failed(fail('quantity', 'must be at least 1', rawQuantity))
    else if (quantity > importLimits.maxQuantity) quantity = failed(fail('quantity', `is above ${importLimits.maxQuantity} units; that looks like a typo`, rawQuantity))
  }
  const unitPrice = money('unit_price')
  const unitCost = money('unit_cost')
  const discount = number('discount', (c) => parseImportDiscount(c, ctx.decimalSeparator))

  if (errors.length > 0 || orderDate === null || quantity === null || sku === null) return { line: null, externalRef, errors }
  return {
    line: {
      row,
      externalRef,
      orderDate,
      status,
      channel,
      paymentMethod,
      customer,
      rep,
      product,
      quantity,
      unitPrice,
      unitCost,
      discount,
      regionFromState: derivedRegion !== null,
    },
    externalRef,
    errors,
  }
}

function failed(_: void): null {
  return null
}

function hasError(errors: readonly ImportRowError[], fields: readonly ImportField[]): boolean {
  return errors.some((e) => e.field !== undefined && fields.includes(e.field))
}

function firstHeader(ctx: CleanContext, fields: readonly ImportField[]): string {
  for (const field of fields) {
    const column = ctx.columns[field]
    if (column) return column.header
  }
  return fields[0] ?? ''
}
