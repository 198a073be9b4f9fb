/**
 * Agent benchmark: the latency of conversation turns through the whole analyst graph (understand → offline planner with
 * the previous plan → query_metrics through the guard → compose → checkpoint → agent_turns), on
 *   (a) the embedded PGlite with 100,000 demo orders, and
 *   (b) a PostgreSQL server with 100,000 orders in a throwaway database (dropped at the end),
 * each once with the PostgreSQL checkpointer (the product) and once without memory (to show what memory costs).
 * Every conversation is the newcomer's five turns; p50/p95/max are printed per turn and overall.
 *
 *   npm run bench:agent -- [--conversations N] [--orders N] [--url postgresql://…] [--skip-embedded] [--skip-server]
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { openConversationMemory } from '../agents/conversation-memory.js'
import { createAnalystAgent } from '../agents/create-analyst-agent.js'
import { loadConfig } from '../src/config/config.js'
import { migrate } from '../src/db/migrate.js'
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js'
import { runAdminStatement, withoutPassword } from '../src/db/server-admin.js'
import { createSqlRunner } from '../src/main.js'
import { createEntityResolver } from '../src/planner/entity-resolver.js'
import { planTurn } from '../src/planner/plan-turn.js'
import { seedDemoData } from '../src/seed/seed-demo-data.js'
import { loadSqlParser } from '../src/sql-guard/index.js'

const today = '2026-06-30'
const conversation = ['revenue by region last month', 'and the month before?', 'só para a região Sul', 'e por categoria?', 'mostra o SQL']

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '30' },
    orders: { type: 'string', default: '100000' },
    url: { type: 'string' },
    'skip-embedded': { type: 'boolean' },
    'skip-server': { type: 'boolean' },
  },
})
const conversations = Number(values.conversations)
const orders = Number(values.orders)
const config = loadConfig({ LOG_LEVEL: 'silent' })

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`
}

async function measure(label: string, database: DatabaseHandle): Promise<void> {
  await loadSqlParser()
  const base = {
    db: database.db,
    runner: createSqlRunner(config, database),
    resolver: createEntityResolver(database.db),
    clock: () => new Date(`${today}T15:00:00Z`),
    timeZone: config.timeZone,
    currency: config.currency,
    planner: planTurn,
  }
  for (const memory of [true, false]) {
    const agent = createAnalystAgent({ ...base, ...(memory ? { checkpointer: await openConversationMemory(database.pool) } : {}) })
    // One warm-up conversation: the entity index and the SQL parser load on first use.
    for (const message of conversation) await agent.respond({ threadId: `bench:warm:${memory}`, message, principal: { userId: 'bench', role: 'director' }, surface: 'bench', today })
    const byTurn = conversation.map(() => [] as number[])
    let failures = 0
    const started = performance.now()
    for (let c = 0; c < conversations; c++) {
      const threadId = `bench:${randomBytes(6).toString('hex')}`
      for (const [i, message] of conversation.entries()) {
        const t0 = performance.now()
        const reply = await agent.respond({ threadId, message, principal: { userId: 'bench', role: 'director' }, surface: 'bench', today })
        byTurn[i]!.push(performance.now() - t0)
        if (!reply.ok && memory) failures++
      }
    }
    const wall = (performance.now() - started) / 1000
    console.log(`\n${label}, ${memory ? 'with PostgreSQL checkpointer' : 'without memory (follow-ups cannot work)'}: ${conversations} conversations × ${conversation.length} turns in ${wall.toFixed(1)} s${memory ? `, ${failures} failed turns` : ''}`)
    for (const [i, message] of conversation.entries()) console.log(`  ${String(i + 1)}. ${message.padEnd(32)} ${summary(byTurn[i]!)}`)
    console.log(`  all turns                           ${summary(byTurn.flat())}`)
  }
}

if (!values['skip-embedded']) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'smx-bench-agent-'))
  const database = await openDatabase({ kind: 'embedded', dataDir: dir, port: 0 })
  try {
    await migrate(database.pool)
    await seedDemoData(database, { orders, seed: 42, endDate: today })
    await database.pool.query('analyze')
    await measure(`PGlite, ${orders.toLocaleString('en')} orders`, database)
  } finally {
    await database.close()
    await rm(dir, { recursive: true, force: true })
  }
}

if (!values['skip-server']) {
  const url = values.url ?? config.testDatabaseUrl ?? config.databaseUrl ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  const name = `smx_bench_agent_${randomBytes(4).toString('hex')}`
  await runAdminStatement(url, `create database ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ kind: 'server', url: target.toString(), poolSize: 4 })
  try {
    await migrate(database.pool)
    await seedDemoData(database, { orders, seed: 42, endDate: today })
    await database.pool.query('vacuum analyze')
    await measure(`PostgreSQL (${withoutPassword(new URL(url))}), ${orders.toLocaleString('en')} orders`, database)
  } finally {
    await database.close()
    await runAdminStatement(url, `drop database ${name} with (force)`)
  }
}
