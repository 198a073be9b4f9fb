/**
 * Groups clean lines into orders. Lines sharing an external_ref are one order, and their order-level fields must
 * agree (a blank cell takes the value the other lines give). Exact copies of a line are imported once.
 *
 * A line without external_ref is its own order, with a stable reference derived from a hash of the sale's identity
 * (date, customer, rep, product, quantity, price, discount): importing the same file again finds the same orders
 * instead of creating duplicates, and a re-export where only the status, channel, payment method or cost changed
 * updates those orders in place.
 */
import { createHash } from 'node:crypto'
import type { OrderStatus } from '../db/schema.js'
import type { CleanCustomer, CleanLine } from './clean-import-row.js'
import type { ImportField } from './import-fields.js'
import type { ImportRowError, ImportWarning } from './import-report.js'
import { normaliseImportText } from './normalise-import-text.js'

export interface OrderDraft {
  externalRef: string
  /** True when the file gave no external_ref and the reference was derived from the line's content. */
  derivedRef: boolean
  lines: CleanLine[]
  orderDate: string
  status: OrderStatus | null
  channel: string | null
  paymentMethod: string | null
  /** Every customer/rep field merged across the order's lines (first non-blank value wins). */
  customer: CleanCustomer
  rep: { name: string | null; email: string | null }
}

export interface GroupedOrders {
  orders: OrderDraft[]
  errors: ImportRowError[]
  warnings: ImportWarning[]
  duplicateRowsSkipped: number
}

export const derivedRefPrefix = 'auto-'

/** The reference given to a line that has no external_ref: `auto-` and 24 hex digits of a SHA-256. */
export function deriveExternalRef(line: CleanLine): string {
  const key = normaliseImportText.matchKey
  const identity = [
    line.orderDate,
    line.customer.taxId,
    line.customer.email,
    line.customer.name && key(line.customer.name),
    line.customer.region && key(line.customer.region),
    line.rep.email,
    line.rep.name && key(line.rep.name),
    line.product.sku,
    line.quantity,
    line.unitPrice,
    line.discount,
  ]
  return derivedRefPrefix + createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 24)
}

interface HeaderField {
  field: ImportField
  read: (line: CleanLine) => string | null
}

const orderFields: readonly HeaderField[] = [
  { field: 'order_date', read: (l) => l.orderDate },
  { field: 'status', read: (l) => l.status },
  { field: 'channel', read: (l) => l.channel },
  { field: 'payment_method', read: (l) => l.paymentMethod },
  { field: 'customer_tax_id', read: (l) => l.customer.taxId },
  { field: 'customer_email', read: (l) => l.customer.email },
  { field: 'customer_name', read: (l) => l.customer.name },
  { field: 'region', read: (l) => l.customer.region },
  { field: 'rep_email', read: (l) => l.rep.email },
  { field: 'rep_name', read: (l) => l.rep.name },
]

export function groupImportOrders(lines: readonly CleanLine[], header: (field: ImportField) => string): GroupedOrders {
  const errors: ImportRowError[] = []
  const warnings: ImportWarning[] = []
  const firstRowByContent = new Map<string, number>()
  const groups = new Map<string, { derived: boolean; lines: CleanLine[] }>()
  let duplicateRowsSkipped = 0

  for (const line of lines) {
    const content = JSON.stringify({ ...line, row: 0, regionFromState: false })
    const earlier = firstRowByContent.get(content)
    if (earlier !== undefined) {
      duplicateRowsSkipped++
      warnings.push({ row: line.row, message: `Row ${line.row} is an exact copy of row ${earlier}; it was imported once.` })
      continue
    }
    firstRowByContent.set(content, line.row)
    const derived = line.externalRef === null
    const ref = line.externalRef ?? deriveExternalRef(line)
    const group = groups.get(ref)
    if (group) group.lines.push(line)
    else groups.set(ref, { derived, lines: [line] })
  }

  const orders: OrderDraft[] = []
  for (const [externalRef, group] of groups) {
    const [first, ...rest] = group.lines
    if (!first) continue
    if (group.derived) {
      for (const line of rest) {
        errors.push({
          row: line.row,
          message: `Row ${line.row} looks like the same sale as row ${first.row} (same date, customer, rep, product, quantity, price and discount) but differs in other columns. Give each sale an order id (external_ref) to import both.`,
        })
      }
    } else {
      for (const { field, read } of orderFields) {
        const values = group.lines.map((l) => ({ row: l.row, value: read(l) }))
        const chosen = values.find((v) => v.value !== null)
        if (!chosen) continue
        for (const other of values) {
          if (other.value === null || sameValue(field, other.value, chosen.value!)) continue
          errors.push({
            row: other.row,
            column: header(field),
            field,
            value: other.value,
            message: `Row ${other.row} belongs to order "${externalRef}" but its ${header(field)} "${other.value}" differs from "${chosen.value}" on row ${chosen.row}; every line of an order must have the same ${header(field)}.`,
          })
        }
      }
    }
    const pick = <T>(read: (l: CleanLine) => T | null): T | null => {
      for (const line of group.lines) {
        const value = read(line)
        if (value !== null) return value
      }
      return null
    }
    orders.push({
      externalRef,
      derivedRef: group.derived,
      lines: group.lines,
      orderDate: first.orderDate,
      status: pick((l) => l.status),
      channel: pick((l) => l.channel),
      paymentMethod: pick((l) => l.paymentMethod),
      customer: {
        name: pick((l) => l.customer.name),
        email: pick((l) => l.customer.email),
        taxId: pick((l) => l.customer.taxId),
        segment: pick((l) => l.customer.segment),
        city: pick((l) => l.customer.city),
        state: pick((l) => l.customer.state),
        country: pick((l) => l.customer.country),
        region: pick((l) => l.customer.region),
      },
      rep: { name: pick((l) => l.rep.name), email: pick((l) => l.rep.email) },
    })
  }
  return { orders, errors, warnings, duplicateRowsSkipped }
}

function sameValue(field: ImportField, a: string, b: string): boolean {
  if (field === 'customer_name' || field === 'region' || field === 'rep_name') return normaliseImportText.matchKey(a) === normaliseImportText.matchKey(b)
  return a === b
}
