/** Validation for orders and their items; the database's own constraints stay the last line of defence. */
import { z } from 'zod'
import { orderStatuses } from '../../db/schema.js'

const id = z.number().int().positive()
const money = z.number().nonnegative().max(9_999_999_999).refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most 2 decimals')
const label = z.string().trim().min(1).max(40)

export const orderItemInput = z
  .object({
    product_id: id,
    quantity: z.number().int().positive().max(1_000_000),
    unit_price: money.optional().describe('defaults to the product list price'),
    unit_cost: money.optional().describe('defaults to the product unit cost'),
    discount: z.number().min(0).max(1).optional().describe('fraction 0..1, e.g. 0.1 for 10%'),
  })
  .strict()

const orderHeader = {
  external_ref: z.string().trim().min(1).max(100).optional().describe('your reference; a second create with the same value never makes a second order'),
  customer_id: id,
  rep_id: id.optional().describe('required for admin and analyst keys; rep keys always record their own rep'),
  order_date: z.iso.date(),
  status: z.enum(orderStatuses as [string, ...string[]]).optional(),
  channel: label.optional(),
  payment_method: label.optional(),
}

export const createOrderInput = z.object({ ...orderHeader, items: z.array(orderItemInput).min(1).max(500) }).strict()

export const updateOrderInput = z
  .object({ ...orderHeader, items: z.array(orderItemInput).min(1).max(500).optional().describe('replaces every item') })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change')

export type CreateOrderInput = z.infer<typeof createOrderInput>
export type UpdateOrderInput = z.infer<typeof updateOrderInput>
export type OrderItemInput = z.infer<typeof orderItemInput>
