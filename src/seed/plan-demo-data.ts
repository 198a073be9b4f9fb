/**
 * Plans the demo data set as COPY-ready rows, with no I/O: the small reference tables are built up front,
 * orders and their items come one month at a time from a generator so a million orders never sit in
 * memory together. Every draw comes from streams forked off one seed, so (seed, endDate, orders)
 * fixes every byte.
 */
import type { CopyValue } from '../db/bulk-loader.js'
import { calendar } from './calendar.js'
import { demoCatalog } from './demo-catalog.js'
import { createRandom, type Random } from './random.js'
import { WeightedTable } from './weighted-table.js'

export interface DemoDataSpec {
  orders: number
  seed: number
  /** 'YYYY-MM-DD', the last day with orders; the data covers the three years ending on it. */
  endDate: string
}

export type Row = CopyValue[]

export interface TableRows {
  table: 'regions' | 'categories' | 'sales_reps' | 'customers' | 'products' | 'orders' | 'order_items' | 'sales_targets'
  columns: readonly string[]
  rows: Row[]
}

export interface MonthBatch {
  month: string
  orders: TableRows
  items: TableRows
}

export interface DemoDataPlan {
  startDate: string
  endDate: string
  /** regions, categories, sales_reps, customers, products: in dependency order. */
  reference: TableRows[]
  /** Orders and their items, month by month, oldest first. */
  monthBatches(): Generator<MonthBatch>
  /** Monthly targets set from what the months actually sold; only available once every month batch was drawn. */
  salesTargets(): TableRows
}

export const demoColumns = {
  regions: ['id', 'name'],
  categories: ['id', 'name'],
  sales_reps: ['id', 'name', 'email', 'region_id', 'hired_on', 'active', 'created_at', 'updated_at'],
  customers: ['id', 'name', 'email', 'tax_id', 'segment', 'city', 'state', 'country', 'region_id', 'created_at', 'updated_at'],
  products: ['id', 'sku', 'name', 'category_id', 'brand', 'unit_price', 'unit_cost', 'active', 'created_at', 'updated_at'],
  orders: ['id', 'customer_id', 'rep_id', 'order_date', 'status', 'channel', 'payment_method', 'source', 'created_at', 'updated_at'],
  order_items: ['id', 'order_id', 'product_id', 'quantity', 'unit_price', 'unit_cost', 'discount'],
  sales_targets: ['id', 'month', 'rep_id', 'region_id', 'amount'],
} as const satisfies Record<TableRows['table'], readonly string[]>

// ---- shape of the business (relative factors) ----------------------------------------------------

/** Jan..Dec: a soft start of the year, Black Friday and Christmas on top. */
const monthFactor = [0.84, 0.88, 1.0, 0.97, 1.0, 0.96, 0.98, 1.03, 1.0, 1.06, 1.34, 1.42]
/** ISO weekday 1 (Mon)..7 (Sun): a B2B distributor barely sells at weekends. */
const weekdayFactor = [0, 1.0, 1.08, 1.1, 1.05, 0.95, 0.3, 0.14]
/** How often a customer of each segment orders, relative to a small retailer. */
const segmentFrequency = [5, 2.6, 1.3, 1]
/** Typical units per line before price scaling. */
const segmentQuantity = [13, 6, 3, 2]
/** How much each segment negotiates discounts. */
const segmentDiscount = [1.5, 1.2, 0.8, 0.5]
const segmentChurn = [0.1, 0.2, 0.3, 0.38]
/** Yearly growth of units per line (log scale): customers buy a little more each year. */
const basketGrowth = 0.04
/** Items per order 1..6: about 2.5 on average, larger baskets for larger customers. */
const itemsPerOrder = [
  [20, 28, 24, 14, 9, 5],
  [25, 31, 22, 12, 6, 4],
  [33, 32, 18, 9, 5, 3],
  [38, 31, 16, 8, 4, 3],
]
const discountSteps = [0.02, 0.03, 0.05, 0.05, 0.08, 0.1, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3]
/** channel weights [online, field, phone, partner] at the start; online grows with time. */
const channelMix = [
  [0.08, 0.62, 0.12, 0.18],
  [0.18, 0.45, 0.2, 0.17],
  [0.35, 0.2, 0.3, 0.15],
  [0.5, 0.15, 0.25, 0.1],
]
const onlineGrowth = [0.06, 0.1, 0.15, 0.15]
/** payment weights [pix, credit_card, boleto, bank_transfer] at the start; pix grows with time. */
const paymentMix = [
  [0.05, 0.05, 0.45, 0.45],
  [0.12, 0.13, 0.45, 0.3],
  [0.25, 0.3, 0.3, 0.15],
  [0.35, 0.4, 0.2, 0.05],
]
const pixGrowth = [0.1, 0.15, 0.2, 0.2]

// ---- helpers -------------------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0')
/** Brasília has had no DST since 2019, so a fixed -03 offset is right for every seeded timestamp. */
const timestamp = (day: number, seconds: number) =>
  `${calendar.format(day)} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}-03`
const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
const slug = (text: string, separator: string) =>
  ascii(text)
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '')

/** A syntactically valid CNPJ (check digits included) for a base number, so tax ids look and validate like real ones. */
function cnpj(base8: number): string {
  const digits = [...String(base8).padStart(8, '0'), '0', '0', '0', '1'].map(Number)
  const check = (weights: number[]) => {
    const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0) % 11
    return sum < 2 ? 0 : 11 - sum
  }
  digits.push(check([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
  digits.push(check([6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
  const d = digits.join('')
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`
}

/** Splits `total` into integer parts proportional to `weights` that add up exactly (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const parts = raw.map(Math.floor)
  let left = total - parts.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (const { i } of order) {
    if (left-- <= 0) break
    parts[i]!++
  }
  return parts
}

const money = (cents: number) => (cents / 100).toFixed(2)

// ---- entities ------------------------------------------------------------------------------------

interface Rep { id: number; regionIndex: number; hiredDay: number; weight: number; quantityFactor: number; discountPropensity: number }
interface Customer { id: number; regionIndex: number; segment: number; acquiredDay: number; churnDay: number; weight: number; repIndex: number }
interface Product { id: number; categoryIndex: number; priceCents: number; price: string; cost: string; margin: number; retiredDay: number }

export function planDemoData(spec: DemoDataSpec): DemoDataPlan {
  if (!Number.isInteger(spec.orders) || spec.orders < 0) throw new Error(`orders must be a non-negative integer, got ${spec.orders}`)
  if (!Number.isInteger(spec.seed)) throw new Error(`seed must be an integer, got ${spec.seed}`)
  const endDay = calendar.parse(spec.endDate)
  const startDay = calendar.addYears(endDay, -3) + 1
  const spanDays = endDay - startDay + 1
  const root = createRandom(spec.seed, 'salesmatrix-demo')
  const { regions, categories } = demoCatalog

  // Regions and categories are fixed lists; their ids are their positions.
  const regionRows: Row[] = regions.map((r, i) => [i + 1, r.name])
  const categoryRows: Row[] = categories.map((c, i) => [i + 1, c.name])

  // ---- sales reps: fixed names, dealt to regions in catalog order; the last rep of each region (two in the Southeast) joined mid-period.
  const repRandom = root.fork('reps')
  const reps: Rep[] = []
  const repRows: Row[] = []
  const repsByRegion: number[][] = regions.map(() => [])
  if (demoCatalog.repNames.length !== regions.reduce((n, r) => n + r.reps, 0)) throw new Error('demo catalog: rep names and region rep counts disagree')
  {
    let next = 0
    regions.forEach((region, regionIndex) => {
      for (let k = 0; k < region.reps; k++) {
        const lateHire = k === region.reps - 1 || (region.reps >= 10 && k === region.reps - 2)
        const hiredDay = lateHire ? startDay + repRandom.int(60, Math.max(61, spanDays - 150)) : startDay - repRandom.int(120, 3200)
        const rep: Rep = {
          id: next + 1,
          regionIndex,
          hiredDay,
          // Volume and ticket differ clearly between reps: a wide log-normal spread of book size, plus upsell and discounting habits.
          weight: Math.exp(0.6 * repRandom.normal()),
          quantityFactor: repRandom.between(0.78, 1.32),
          discountPropensity: repRandom.between(0.08, 0.42),
        }
        const name = demoCatalog.repNames[next]!
        const [first, ...rest] = slug(name, ' ').split(' ')
        reps.push(rep)
        repsByRegion[regionIndex]!.push(next)
        repRows.push([rep.id, name, `${first}.${rest.join('.')}@${demoCatalog.emailDomain}`, regionIndex + 1, calendar.format(hiredDay), true, timestamp(hiredDay, 9 * 3600), timestamp(hiredDay, 9 * 3600)])
        next++
      }
    })
  }

  // ---- products
  const productRandom = root.fork('products')
  const products: Product[] = []
  const productRows: Row[] = []
  const popularity: number[] = []
  {
    const productCount = 320
    const perCategory = apportion(productCount, categories.map((c) => c.share))
    const names = new Set<string>()
    let id = 0
    categories.forEach((category, categoryIndex) => {
      for (let k = 0; k < perCategory[categoryIndex]!; k++) {
        id++
        const brand = productRandom.pick(category.brands)
        let name = ''
        for (let attempt = 0; attempt < 50 && (name === '' || names.has(name)); attempt++) {
          name = `${productRandom.pick(category.nouns)} ${brand} ${productRandom.pick(demoCatalog.modelSeries)} ${productRandom.int(1, 98) * 100 + productRandom.pick([0, 10, 20, 50])}`
        }
        names.add(name)
        const [low, high] = category.price
        // Log-uniform list prices ending in ,90 the way Brazilian price lists do.
        const priceCents = Math.max(190, Math.floor(Math.exp(productRandom.between(Math.log(low), Math.log(high)))) * 100 + 90)
        const margin = productRandom.between(category.margin[0], category.margin[1])
        const costCents = Math.round(priceCents * (1 - margin))
        const retired = productRandom.chance(0.04)
        const retiredDay = retired ? startDay + productRandom.int(Math.floor(spanDays / 3), spanDays - 30) : Number.POSITIVE_INFINITY
        const created = startDay - productRandom.int(30, 1500)
        products.push({ id, categoryIndex, priceCents, price: money(priceCents), cost: money(costCents), margin: (priceCents - costCents) / priceCents, retiredDay })
        // A few best sellers and a long tail; cheaper items sell more often.
        popularity.push(Math.pow(productRandom.between(0.02, 1), 2.2) * Math.pow(priceCents / 100, -0.2))
        const brandCode = slug(brand, '').toUpperCase().slice(0, 3).padEnd(3, 'X')
        productRows.push([
          id, `${category.code}-${brandCode}-${String(id).padStart(5, '0')}`, name, categoryIndex + 1, brand, money(priceCents), money(costCents), !retired,
          timestamp(created, 10 * 3600), retired ? timestamp(retiredDay, 18 * 3600) : timestamp(created, 10 * 3600),
        ])
      }
    })
  }
  const productTables = demoCatalog.segments.map((_, s) => new WeightedTable(products.map((p, i) => popularity[i]! * categories[p.categoryIndex]!.affinity[s]!)))

  // ---- customers: about 40% already buying when the period starts, the rest arrive over time (more later, as the company grows); some churn.
  const customerRandom = root.fork('customers')
  const customerCount = Math.max(2000, Math.round(spec.orders / 40))
  const regionTable = new WeightedTable(regions.map((r) => r.weight))
  const cityTables = regions.map((r) => new WeightedTable(r.cities.map((c) => c.weight)))
  const drafts: Array<Omit<Customer, 'id' | 'repIndex'> & { cityIndex: number; name: string; email: string | null; taxId: string | null }> = []
  {
    const names = new Set<string>()
    const emails = new Set<string>()
    // Any odd multiplier not divisible by 5 walks all 10^8 bases without repeating, so tax ids are unique by construction.
    const taxOffset = customerRandom.int(10_000_000, 89_999_999)
    for (let i = 0; i < customerCount; i++) {
      const regionIndex = regionTable.pick(customerRandom)
      const region = regions[regionIndex]!
      const segment = customerRandom.weightedIndex(region.segmentMix)
      const cityIndex = cityTables[regionIndex]!.pick(customerRandom)
      const existing = customerRandom.chance(0.4)
      const acquiredDay = existing ? startDay - customerRandom.int(1, 1100) : startDay + Math.floor(spanDays * Math.pow(customerRandom.next(), 0.85))
      const activeFrom = Math.max(acquiredDay, startDay)
      const churnDay = customerRandom.chance(segmentChurn[segment]!)
        ? activeFrom + 60 + Math.floor(customerRandom.next() * (endDay - activeFrom + 200))
        : Number.POSITIVE_INFINITY
      const weight = segmentFrequency[segment]! * Math.exp(0.8 * customerRandom.normal())
      const segmentName = demoCatalog.segments[segment]!
      let name = ''
      for (let attempt = 0; attempt < 30 && (name === '' || names.has(name)); attempt++) {
        name = customerRandom
          .pick(demoCatalog.companyPatterns[segmentName])
          .replace('{s}', customerRandom.pick(demoCatalog.surnames))
          .replace('{w}', customerRandom.pick(demoCatalog.nameWords))
      }
      // Branches of the same name in other cities are common in Brazil; a number settles the rare remaining clash.
      if (names.has(name)) name = `${name} - ${region.cities[cityIndex]!.name}`
      for (let n = 2; names.has(name); n++) name = `${name.replace(/ \(\d+\)$/, '')} (${n})`
      names.add(name)
      let email: string | null = null
      if (!customerRandom.chance(0.04)) {
        const stem = slug(name.replace(/\b(Ltda|S\.A\.|ME)\b/g, ''), '').slice(0, 24) || 'cliente'
        const box = customerRandom.pick(demoCatalog.emailBoxes)
        email = `${box}@${stem}.com.br`
        for (let n = 2; emails.has(email); n++) email = `${box}@${stem}${n}.com.br`
        emails.add(email)
      }
      const taxId = customerRandom.chance(0.03) ? null : cnpj((taxOffset + i * 48_271) % 100_000_000)
      drafts.push({ regionIndex, segment, acquiredDay, churnDay, weight, cityIndex, name, email, taxId })
    }
  }
  // Ids follow the date a customer arrived, the way a real sequence would have handed them out.
  const order = drafts.map((_, i) => i).sort((a, b) => drafts[a]!.acquiredDay - drafts[b]!.acquiredDay || a - b)
  const customers: Customer[] = []
  const customerRows: Row[] = []
  const accountRandom = root.fork('accounts')
  for (const draftIndex of order) {
    const d = drafts[draftIndex]!
    const id = customers.length + 1
    // The account rep: someone in the customer's region already on the team when the customer arrived, bigger books more likely.
    const regional = repsByRegion[d.regionIndex]!
    const eligible = regional.filter((r) => reps[r]!.hiredDay <= Math.max(d.acquiredDay, startDay))
    const pool = eligible.length > 0 ? eligible : regional
    const repIndex = pool[accountRandom.weightedIndex(pool.map((r) => reps[r]!.weight))]!
    customers.push({ id, regionIndex: d.regionIndex, segment: d.segment, acquiredDay: d.acquiredDay, churnDay: d.churnDay, weight: d.weight, repIndex })
    const city = regions[d.regionIndex]!.cities[d.cityIndex]!
    const created = timestamp(d.acquiredDay, 8 * 3600 + accountRandom.int(0, 10 * 3600))
    customerRows.push([id, d.name, d.email, d.taxId, demoCatalog.segments[d.segment], city.name, city.state, 'BR', d.regionIndex + 1, created, created])
  }
  const customerTable = new WeightedTable(customers.map((c) => c.weight))

  // ---- the calendar of order counts: growth, seasonality, weekdays, Black Friday, holidays, daily noise; exactly spec.orders in total.
  const dayRandom = root.fork('days')
  // Order counts grow 8–15% a year and baskets drift up ~4% a year, so revenue grows roughly 12–20% a year.
  const annualGrowth = [0, 1, 2, 3].map(() => dayRandom.between(0.08, 0.15))
  const dayWeights: number[] = []
  for (let day = startDay; day <= endDay; day++) {
    const years = (day - startDay) / 365.25
    const whole = Math.floor(years)
    let logGrowth = 0
    for (let k = 0; k < whole; k++) logGrowth += Math.log(1 + annualGrowth[k]!)
    logGrowth += (years - whole) * Math.log(1 + annualGrowth[whole]!)
    const { monthIndex, dayOfMonth, isoWeekday } = calendar.parts(day)
    dayWeights.push(Math.exp(logGrowth) * monthFactor[monthIndex]! * weekdayFactor[isoWeekday]! * holidayFactor(monthIndex, dayOfMonth, isoWeekday) * Math.exp(0.1 * dayRandom.normal()))
  }
  const ordersPerDay: number[] = []
  {
    const total = dayWeights.reduce((a, b) => a + b, 0)
    let cumulative = 0
    let assigned = 0
    for (const w of dayWeights) {
      cumulative += w
      const upTo = Math.round((cumulative / total) * spec.orders)
      ordersPerDay.push(upTo - assigned)
      assigned = upTo
    }
  }

  // Revenue each month actually brought in (cents), by rep, by region and overall: the baseline the targets are set from.
  const monthKeys: number[] = []
  for (let m = calendar.monthKey(startDay); m <= calendar.monthKey(endDay); m++) monthKeys.push(m)
  const firstMonth = monthKeys[0]!
  const repMonthly = reps.map(() => new Float64Array(monthKeys.length))
  const regionMonthly = regions.map(() => new Float64Array(monthKeys.length))
  const companyMonthly = new Float64Array(monthKeys.length)
  let batchesDone = false

  function* monthBatches(): Generator<MonthBatch> {
    const random = root.fork('orders')
    let orderId = 0
    let itemId = 0
    let orders: Row[] = []
    let items: Row[] = []
    let customerLimit = 0
    let currentMonth = calendar.monthKey(startDay)
    const batch = (): MonthBatch => ({
      month: calendar.format(calendar.monthStart(currentMonth)).slice(0, 7),
      orders: { table: 'orders', columns: demoColumns.orders, rows: orders },
      items: { table: 'order_items', columns: demoColumns.order_items, rows: items },
    })
    for (let dayOffset = 0; dayOffset < spanDays; dayOffset++) {
      const day = startDay + dayOffset
      const month = calendar.monthKey(day)
      if (month !== currentMonth) {
        yield batch()
        orders = []
        items = []
        currentMonth = month
      }
      while (customerLimit < customers.length && customers[customerLimit]!.acquiredDay <= day) customerLimit++
      const count = ordersPerDay[dayOffset]!
      if (count === 0 || customerLimit === 0) continue
      const progress = dayOffset / spanDays
      const basketDrift = Math.exp(basketGrowth * (dayOffset / 365.25))
      const age = endDay - day
      const monthSlot = month - firstMonth
      // Times first, sorted, so order ids rise with created_at within the day as a real sequence would.
      const drafts: Array<{ seconds: number; online: boolean; customer: Customer }> = []
      for (let n = 0; n < count; n++) {
        const customer = pickCustomer(random, day, customerLimit)
        const online = random.chance(channelMix[customer.segment]![0]! + onlineGrowth[customer.segment]! * progress)
        // Web orders arrive around the clock; people in the field and on the phone keep office hours.
        const seconds = online ? random.int(0, 86_399) : random.int(8 * 3600, 18 * 3600 + 1799)
        drafts.push({ seconds, online, customer })
      }
      drafts.sort((a, b) => a.seconds - b.seconds)
      for (const { seconds, online, customer } of drafts) {
        orderId++
        const s = customer.segment
        const accountRep = reps[customer.repIndex]!
        let repIndex = customer.repIndex
        // Now and then a colleague covers the account (holidays, a visit nearby); only someone already hired.
        if (accountRep.hiredDay > day || random.chance(0.07)) {
          const available = repsByRegion[customer.regionIndex]!.filter((r) => reps[r]!.hiredDay <= day)
          if (available.length > 0) repIndex = random.pick(available)
        }
        const rep = reps[repIndex]!
        let channel: string
        if (online) channel = 'online'
        else {
          const mix = channelMix[s]!
          channel = demoCatalog.channels[1 + random.weightedIndex([mix[1]!, mix[2]!, mix[3]!])]!
        }
        const pay = paymentMix[s]!
        const payment = demoCatalog.paymentMethods[random.weightedIndex([pay[0]! + pixGrowth[s]! * progress, pay[1]!, pay[2]!, pay[3]!])]!
        // The last days are still being processed; about 3% of orders are cancelled or come back.
        const pendingChance = age <= 2 ? 0.7 : age <= 6 ? 0.35 : age <= 13 ? 0.08 : 0
        let status = 'completed'
        let updatedDay = day
        if (random.chance(pendingChance)) status = 'pending'
        else {
          const r = random.next()
          if (r < 0.02) {
            status = 'cancelled'
            updatedDay = Math.min(endDay, day + random.int(0, 2))
          } else if (r < 0.031) {
            status = age > 5 ? 'returned' : 'cancelled'
            updatedDay = Math.min(endDay, day + random.int(3, 20))
          }
        }
        const created = timestamp(day, seconds)
        orders.push([orderId, customer.id, rep.id, calendar.format(day), status, channel, payment, 'seed', created, updatedDay === day ? created : timestamp(updatedDay, random.int(8 * 3600, 19 * 3600))])

        const lines = 1 + random.weightedIndex(itemsPerOrder[s]!)
        const chosen: number[] = []
        let orderCents = 0
        for (let line = 0; line < lines; line++) {
          let productIndex = -1
          for (let attempt = 0; attempt < 12; attempt++) {
            const candidate = productTables[s]!.pick(random)
            if (!chosen.includes(candidate) && products[candidate]!.retiredDay > day) {
              productIndex = candidate
              break
            }
          }
          if (productIndex < 0) continue
          chosen.push(productIndex)
          const product = products[productIndex]!
          const priceScale = Math.min(3, Math.max(0.25, Math.pow(25_000 / product.priceCents, 0.35)))
          const quantity = Math.max(1, Math.round(segmentQuantity[s]! * priceScale * rep.quantityFactor * basketDrift * Math.exp(0.55 * random.normal() - 0.15)))
          let discount = 0
          if (random.chance(Math.min(0.75, rep.discountPropensity * segmentDiscount[s]!))) {
            // Thin-margin lines get thin discounts; nobody hands 30% off a notebook sold at 12% margin.
            const ceiling = Math.max(0.02, product.margin * 0.8)
            const allowed = discountSteps.filter((d) => d <= ceiling)
            discount = random.pick(allowed)
          }
          itemId++
          items.push([itemId, orderId, product.id, quantity, product.price, product.cost, discount])
          orderCents += Math.round(quantity * product.priceCents * (1 - discount))
        }
        if (status !== 'cancelled' && status !== 'returned') {
          repMonthly[repIndex]![monthSlot]! += orderCents
          regionMonthly[customer.regionIndex]![monthSlot]! += orderCents
          companyMonthly[monthSlot]! += orderCents
        }
      }
    }
    yield batch()
    batchesDone = true
  }

  function pickCustomer(random: Random, day: number, limit: number): Customer {
    for (let attempt = 0; attempt < 40; attempt++) {
      const candidate = customers[customerTable.pick(random, limit)]!
      if (candidate.churnDay > day) return candidate
    }
    // Practically unreachable (most customers are active at any time), but never loop forever: take the newest active one.
    for (let i = limit - 1; i >= 0; i--) if (customers[i]!.churnDay > day) return customers[i]!
    return customers[limit - 1]!
  }

  function salesTargets(): TableRows {
    if (!batchesDone) throw new Error('sales targets are set from the sales: draw every month batch first')
    const random = root.fork('targets')
    const rows: Row[] = []
    // Plans land near what the month could do: a little ambitious on average, so some months are hit and some missed.
    const target = (cents: number, coverage: number) => Math.max(1000, Math.round(((cents / 100 / coverage) * Math.exp(0.01 + 0.08 * random.normal())) / 1000) * 1000)
    monthKeys.forEach((monthKey, slot) => {
      const first = calendar.monthStart(monthKey)
      const last = calendar.monthStart(monthKey + 1) - 1
      // The first and last month are partly outside the data; scale them up to a whole month's plan.
      const coverage = (Math.min(last, endDay) - Math.max(first, startDay) + 1) / calendar.daysInMonth(monthKey)
      const month = calendar.format(first)
      if (companyMonthly[slot]! > 0) rows.push([rows.length + 1, month, null, null, target(companyMonthly[slot]!, coverage).toFixed(2)])
      regions.forEach((_, r) => {
        if (regionMonthly[r]![slot]! > 0) rows.push([rows.length + 1, month, null, r + 1, target(regionMonthly[r]![slot]!, coverage).toFixed(2)])
      })
      reps.forEach((rep, r) => {
        if (calendar.monthKey(rep.hiredDay) > monthKey || repMonthly[r]![slot]! <= 0) return
        rows.push([rows.length + 1, month, rep.id, null, target(repMonthly[r]![slot]!, coverage).toFixed(2)])
      })
    })
    // Plans for the rest of the last month's quarter already exist, as in any sales team: "will we hit the Q4 target?"
    // is asked before the quarter ends. They follow the same month a year earlier, grown 12%. Drawn after every other
    // target, so the targets of a data set ending on a quarter's last day are exactly as they were.
    const lastKey = calendar.monthKey(endDay)
    for (let monthKey = lastKey + 1; monthKey <= lastKey + (2 - (lastKey % 3)); monthKey++) {
      const slot = monthKeys.indexOf(monthKey - 12)
      if (slot < 0) continue
      const month = calendar.format(calendar.monthStart(monthKey))
      const grown = (cents: number) => cents * 1.12
      if (companyMonthly[slot]! > 0) rows.push([rows.length + 1, month, null, null, target(grown(companyMonthly[slot]!), 1).toFixed(2)])
      regions.forEach((_, r) => {
        if (regionMonthly[r]![slot]! > 0) rows.push([rows.length + 1, month, null, r + 1, target(grown(regionMonthly[r]![slot]!), 1).toFixed(2)])
      })
      reps.forEach((rep, r) => {
        if (calendar.monthKey(rep.hiredDay) > monthKey || repMonthly[r]![slot]! <= 0) return
        rows.push([rows.length + 1, month, rep.id, null, target(grown(repMonthly[r]![slot]!), 1).toFixed(2)])
      })
    }
    return { table: 'sales_targets', columns: demoColumns.sales_targets, rows }
  }

  return {
    startDate: calendar.format(startDay),
    endDate: calendar.format(endDay),
    reference: [
      { table: 'regions', columns: demoColumns.regions, rows: regionRows },
      { table: 'categories', columns: demoColumns.categories, rows: categoryRows },
      { table: 'sales_reps', columns: demoColumns.sales_reps, rows: repRows },
      { table: 'customers', columns: demoColumns.customers, rows: customerRows },
      { table: 'products', columns: demoColumns.products, rows: productRows },
    ],
    monthBatches,
    salesTargets,
  }
}

/** Black Friday (the day after the fourth Thursday of November), Cyber Monday, Christmas and New Year. */
function holidayFactor(monthIndex: number, dayOfMonth: number, isoWeekday: number): number {
  if (monthIndex === 10 && isoWeekday === 5 && dayOfMonth >= 23 && dayOfMonth <= 29) return 2.6
  if (monthIndex === 10 && isoWeekday === 1 && dayOfMonth >= 26) return 1.6
  if (monthIndex === 11 && dayOfMonth <= 2 && isoWeekday === 1) return 1.6
  if (monthIndex === 11 && dayOfMonth === 24) return 0.5
  if (monthIndex === 11 && (dayOfMonth === 25 || dayOfMonth === 31)) return dayOfMonth === 25 ? 0.08 : 0.3
  if (monthIndex === 0 && dayOfMonth === 1) return 0.08
  return 1
}
