/**
 * The dimension resources the admin API manages, declared once: table, validation, filters and who may
 * read or write. One generic repository and one route factory serve them all (orders have their own service).
 */
import { z } from 'zod'
import type { Role } from '../../db/schema.js'

const name = z.string().trim().min(1).max(200)
const optionalText = z.string().trim().max(200).nullable().optional()
const id = z.number().int().positive()
const money = z.number().nonnegative().max(9_999_999_999).refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most 2 decimals')
const isoDate = z.iso.date()
const firstOfMonth = isoDate.refine((d) => d.endsWith('-01'), 'must be the first day of a month (YYYY-MM-01)')

export type FilterKind = 'eq-int' | 'eq-text' | 'eq-bool' | 'search' | 'gte-date' | 'lte-date'

export interface FilterDefinition {
  column: string
  kind: FilterKind
  description: string
}

export interface ResourceDefinition {
  /** URL segment: /api/<path> */
  path: string
  table: 'regions' | 'categories' | 'products' | 'customers' | 'sales_reps' | 'sales_targets'
  /** Singular noun for messages: "Region 7 does not exist." */
  noun: string
  create: z.ZodObject
  update: z.ZodObject
  filters: Record<string, FilterDefinition>
  readRoles: readonly Role[]
  writeRoles: readonly Role[]
  /** Tables that get an updated_at stamp on update. */
  hasUpdatedAt: boolean
  /**
   * Personal or contact columns: shown to, and filterable by, admins only — the same rule the SQL guard applies
   * to questions, so no surface reveals what another refuses.
   */
  sensitiveColumns?: readonly string[]
}

const everyone: readonly Role[] = ['admin', 'analyst', 'rep']
const staff: readonly Role[] = ['admin', 'analyst']
const admins: readonly Role[] = ['admin']

const search = (column = 'name'): FilterDefinition => ({ column, kind: 'search', description: `case- and accent-insensitive substring of ${column}` })
const eqInt = (column: string): FilterDefinition => ({ column, kind: 'eq-int', description: `exact ${column}` })
const eqText = (column: string): FilterDefinition => ({ column, kind: 'eq-text', description: `exact ${column}` })
const eqBool = (column: string): FilterDefinition => ({ column, kind: 'eq-bool', description: `${column} is true/false` })

const regionCreate = z.object({ name }).strict()
const categoryCreate = z.object({ name }).strict()
const productCreate = z
  .object({
    sku: z.string().trim().min(1).max(64),
    name,
    category_id: id,
    brand: optionalText,
    unit_price: money,
    unit_cost: money,
    active: z.boolean().optional(),
  })
  .strict()
const customerCreate = z
  .object({
    name,
    email: z.email().nullable().optional(),
    tax_id: z.string().trim().min(1).max(32).nullable().optional(),
    segment: z.string().trim().min(1).max(60).optional(),
    city: optionalText,
    state: optionalText,
    country: z.string().trim().min(2).max(60).optional(),
    region_id: id,
  })
  .strict()
const repCreate = z
  .object({
    name,
    email: z.email(),
    region_id: id,
    slack_user_id: z.string().trim().min(1).max(64).nullable().optional(),
    teams_user_id: z.string().trim().min(1).max(200).nullable().optional(),
    hired_on: isoDate,
    active: z.boolean().optional(),
  })
  .strict()
const targetFields = z.object({ month: firstOfMonth, rep_id: id.nullable().optional(), region_id: id.nullable().optional(), amount: money }).strict()
// On update the database's check constraint (one scope at most) has the last word.
const targetCreate = targetFields.refine((t) => !(t.rep_id && t.region_id), { message: 'a target is for a rep, a region, or the company — not both', path: ['region_id'] })

/** Updates accept any subset of the create fields, but at least one. */
const partialOf = (schema: z.ZodObject) => schema.partial().strict().refine((v) => Object.keys(v).length > 0, 'send at least one field to change')

export const resourceDefinitions: readonly ResourceDefinition[] = [
  { path: 'regions', table: 'regions', noun: 'Region', create: regionCreate, update: partialOf(regionCreate), filters: { q: search() }, readRoles: everyone, writeRoles: admins, hasUpdatedAt: false },
  { path: 'categories', table: 'categories', noun: 'Category', create: categoryCreate, update: partialOf(categoryCreate), filters: { q: search() }, readRoles: everyone, writeRoles: admins, hasUpdatedAt: false },
  {
    path: 'products',
    table: 'products',
    noun: 'Product',
    create: productCreate,
    update: partialOf(productCreate),
    filters: { q: search(), sku: eqText('sku'), category_id: eqInt('category_id'), brand: eqText('brand'), active: eqBool('active') },
    readRoles: everyone,
    writeRoles: admins,
    hasUpdatedAt: true,
  },
  {
    path: 'customers',
    table: 'customers',
    noun: 'Customer',
    create: customerCreate,
    update: partialOf(customerCreate),
    filters: { q: search(), region_id: eqInt('region_id'), segment: eqText('segment'), email: eqText('email'), tax_id: eqText('tax_id') },
    readRoles: everyone,
    writeRoles: admins,
    hasUpdatedAt: true,
    sensitiveColumns: ['email', 'tax_id'],
  },
  {
    path: 'reps',
    table: 'sales_reps',
    noun: 'Sales rep',
    create: repCreate,
    update: partialOf(repCreate),
    filters: { q: search(), region_id: eqInt('region_id'), email: eqText('email'), active: eqBool('active') },
    readRoles: staff,
    writeRoles: admins,
    hasUpdatedAt: true,
    sensitiveColumns: ['email', 'slack_user_id', 'teams_user_id'],
  },
  {
    path: 'targets',
    table: 'sales_targets',
    noun: 'Sales target',
    create: targetCreate,
    update: partialOf(targetFields),
    filters: {
      rep_id: eqInt('rep_id'),
      region_id: eqInt('region_id'),
      month_from: { column: 'month', kind: 'gte-date', description: 'month on or after (YYYY-MM-DD)' },
      month_to: { column: 'month', kind: 'lte-date', description: 'month on or before (YYYY-MM-DD)' },
    },
    readRoles: staff,
    writeRoles: admins,
    hasUpdatedAt: false,
  },
]
