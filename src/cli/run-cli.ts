/**
 * The `salesmatrix` commands (entry point: main.ts). One boundary handler turns typed errors into a readable line
 * and an exit code; nothing here holds business logic.
 */
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig, type Config } from '../config/config.js'
import { migrate } from '../db/migrate.js'
import { roles, type Role } from '../db/schema.js'
import type { Actor } from '../domain/audit/audit.repository.js'
import { createApiKey } from '../domain/api-keys/api-key.service.js'
import { AppError, isAppError } from '../errors/app-error.js'
import { detectImportFormat, importSalesFile } from '../import/import-sales-file.js'
import { createLogger, type Logger } from '../logging/logger.js'
import { createAnalyst, createDocumentServices, openConfiguredDatabase, startService, type Analyst } from '../main.js'
import { formatRowsTable } from './format-rows-table.js'
import { createChatClient } from './chat-client.js'
import { runChatRepl } from './chat-repl.js'
import { openDatabase } from '../db/open-database.js'
import { coreEvalSuite, prepareCoreEvalDatabase, runCoreEvalSuite } from '../evals/core-eval-suite.js'
import { createGoldRunner } from '../evals/create-gold-runner.js'
import { saveEvalRun } from '../evals/eval-run.repository.js'
import { formatEvalReport } from '../evals/format-eval-report.js'
import { loadEvalCases } from '../evals/load-eval-cases.js'
import { runEvals, type AnswerQuestion } from '../evals/run-evals.js'
import { answerWithAgent } from '../evals/answer-with-agent.js'
import { seedDemoData } from '../seed/seed-demo-data.js'
import { curatedEvalSuiteName, importEvalCasesFile, runCuratedEvalSuite } from '../evals/curated-eval-suite.js'
import { runForecastCommand } from '../forecast/forecast-command.js'
import { documentsUsage, runDocumentsCommand } from '../documents/documents-command.js'
import { runRagEvalOnDemoDocuments } from '../evals/rag-eval-on-demo.js'
import { formatRagReport } from '../evals/format-rag-report.js'
import { createDocumentReaderResolver } from '../documents/document-reader.js'

/** How eval runs name the answering pipeline when no LLM is configured. */
const offlineModelName = 'offline-planner'

const evalsUsage = 'evals run [--suite core|curated|rag | --file cases.jsonl] [--tag T]… [--in-memory] [--json] | evals import-file [--file cases.jsonl] [--today YYYY-MM-DD]'

/**
 * The one place that decides what answers eval questions in the CLI, and what a stored run is named after (model and
 * prompt version): the agent's graph — the offline planner, or the configured model — as every chat surface uses it.
 */
function createEvalAnswerer(analyst: Analyst): { answer: AnswerQuestion; model: () => string; promptVersion: () => string | null } {
  // The agent's graph answers evals, as it answers every chat surface: each case is one turn in a thread of its own.
  const run = randomBytes(6).toString('hex')
  const answerer = answerWithAgent(analyst.agent, { principal: { userId: cliUser(), role: 'admin' }, threadId: (caseId) => `eval:cli:${run}:${caseId}`, surface: 'eval' })
  const offline = () => answerer.models().every((m) => m === 'offline')
  return {
    answer: answerer.answer,
    model: () => answerer.models().map((m) => (m === 'offline' ? offlineModelName : m)).join('+') || offlineModelName,
    // Offline, the prompt shapes no answer: recording its version would suggest a comparison that means nothing.
    promptVersion: () => (offline() ? null : (answerer.prompts().join('+') || null)),
  }
}

const usage = `Usage: salesmatrix <command> [options]

Commands:
  serve                                  start the HTTP service (migrates; seeds demo data into an empty database)
  migrate                                apply pending migrations
  seed [--orders N] [--seed S] [--end-date YYYY-MM-DD] [--replace]
                                         load deterministic demo data
  import FILE [--mode all-or-nothing|partial] [--json]
                                         import sales lines from a CSV or XLSX file
  apikey create --role admin|analyst|rep [--name NAME] [--rep-id ID]
                                         create an API key (printed once)
  ask "QUESTION" [--json] [--sql] [--today YYYY-MM-DD] [--as-rep ID]
                                         answer a question (English or Portuguese) offline
  chat [--url URL] [--key KEY] [--thread ID] [--sql]
                                         talk to the analyst in the terminal, through the running service
                                         (URL: SALESMATRIX_URL or http://127.0.0.1:PORT; KEY: SALESMATRIX_API_KEY or asked)
  sql "SELECT …" [--json] [--as-rep ID]  run read-only SQL through the guard; non-zero exit when refused
  evals run [--suite core|curated|rag | --file cases.jsonl] [--tag T]… [--in-memory] [--json]
                                         score the offline planner: execution accuracy, per tag, p50/p95
                                         (curated: the active eval cases in the database, optionally by tag;
                                         --in-memory: a throwaway database with the core suite's data set;
                                         rag: document retrieval over the demo documents, recall@5 and MRR)
  evals import-file [--file evals/cases/core.jsonl] [--today YYYY-MM-DD] [--json]
                                         add a suite file's cases to the curated set (idempotent)
  forecast --metric revenue|orders|units|average_ticket [--by region|category|product|rep=NAME] [--grain month|week|day]
           [--horizon N] [--today YYYY-MM-DD] [--json] | forecast --csv FILE --horizon N [--grain month] [--json]
                                         forecast a metric (backtested models, 80%/95% intervals, target attainment)
                                         or any date,value series from a CSV file
  ${documentsUsage}
                                         add sales documents (Markdown, text, HTML, PDF, DOCX, CSV, XLSX; files or
                                         folders), list, remove or search them (hybrid vector + full-text search)

The database is DATABASE_URL, or the embedded PGlite in EMBEDDED_DATA_DIR when it is unset.`

const cliUser = () => `cli:${os.userInfo().username}`
const cliPrincipal = (asRep: string | undefined) =>
  asRep === undefined ? { userId: cliUser(), role: 'admin' as const } : { userId: cliUser(), role: 'rep' as const, repId: positiveInteger('--as-rep', asRep) }

const cliActor = (): Actor => ({ keyId: null, name: `cli:${os.userInfo().username}` })

type Command = (args: string[], context: { config: Config; logger: Logger }) => Promise<number>

const commands: Record<string, Command> = {
  async docs(args, { config, logger }) {
    return runDocumentsCommand(args, {
      user: os.userInfo().username,
      print: (line) => console.log(line),
      withDocuments: (work) =>
        withDatabase(config, logger, async (database) => {
          await migrate(database.pool)
          const documents = await createDocumentServices(config, database, undefined, logger)
          return work({ store: documents.store, ingestion: documents.ingestion, readerOf: createDocumentReaderResolver(database.db) })
        }),
    })
  },

  async serve(_args, { config, logger }) {
    const service = await startService({ config, logger })
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down')
        service.stop().then(resolve, (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed')
          resolve()
        })
      }
      process.once('SIGINT', shutdown)
      process.once('SIGTERM', shutdown)
    })
    return 0
  },

  async migrate(_args, { config, logger }) {
    return withDatabase(config, logger, async (database) => {
      const result = await migrate(database.pool, { log: (m) => console.log(m) })
      console.log(result.applied.length ? `Applied ${result.applied.length} migration(s).` : `Nothing to apply (${result.alreadyApplied} already applied).`)
      return 0
    })
  },

  async seed(args, { config, logger }) {
    const { values } = parseArgs({ args, options: { orders: { type: 'string' }, seed: { type: 'string' }, 'end-date': { type: 'string' }, replace: { type: 'boolean' } } })
    const orders = values.orders === undefined ? config.seedOrders : positiveInteger('--orders', values.orders)
    const seed = values.seed === undefined ? undefined : positiveInteger('--seed', values.seed)
    return withDatabase(config, logger, async (database) => {
      await migrate(database.pool)
      const summary = await seedDemoData(database, { orders, seed, endDate: values['end-date'], replace: values.replace ?? false, log: (m) => console.log(m) })
      console.log(JSON.stringify(summary, null, 2))
      return 0
    })
  },

  async import(args, { config, logger }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { mode: { type: 'string' }, json: { type: 'boolean' } } })
    const file = positionals[0]
    if (!file) throw new AppError('bad_request', 'Name the file to import: salesmatrix import sales.csv')
    const mode = values.mode ?? 'all-or-nothing'
    if (mode !== 'all-or-nothing' && mode !== 'partial') throw new AppError('bad_request', '--mode is all-or-nothing or partial')
    const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new AppError('bad_request', `Cannot read ${file}: ${error.code ?? error.message}`)
    })
    return withDatabase(config, logger, async (database) => {
      await migrate(database.pool)
      const filename = path.basename(file)
      const report = await importSalesFile(database.db, { content, format: detectImportFormat(filename, undefined, content), filename, mode, actor: cliActor() })
      console.log(values.json ? JSON.stringify(report, null, 2) : describeImport(report))
      return report.committed ? 0 : 1
    })
  },

  async ask(args, { config, logger }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, sql: { type: 'boolean' }, today: { type: 'string' }, 'as-rep': { type: 'string' } } })
    const question = positionals.join(' ').trim()
    if (!question) throw new AppError('bad_request', 'Ask something: salesmatrix ask "revenue by region last month"')
    if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new AppError('bad_request', '--today must be YYYY-MM-DD')
    const principal = cliPrincipal(values['as-rep'])
    return withDatabase(config, logger, async (database) => {
      await migrate(database.pool)
      const analyst = await createAnalyst(config, database)
      const result = await analyst.answerQuestion({ question, principal, surface: 'cli', today: values.today, showSql: values.sql ?? false })
      if (values.json) {
        const { answer, sql, rows, plan, timings } = result
        console.log(JSON.stringify({ ok: result.ok, answer, sql: sql ?? null, rows, plan: plan ?? null, timings, ...(result.ok ? {} : { code: result.code, suggestions: result.suggestions }) }, null, 2))
      } else {
        console.log(result.answer)
      }
      return result.ok ? 0 : 1
    })
  },

  async chat(args, { config }) {
    const { values } = parseArgs({ args, options: { url: { type: 'string' }, key: { type: 'string' }, thread: { type: 'string' }, sql: { type: 'boolean' } } })
    if (values.thread !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(values.thread)) throw new AppError('bad_request', '--thread must be 1–64 letters, digits, "_" or "-"')
    const url = values.url ?? config.client.url ?? `http://127.0.0.1:${config.port}`
    const apiKey = values.key ?? config.client.apiKey ?? (await askForKey())
    const client = createChatClient({ url, apiKey })
    return runChatRepl({ client, input: process.stdin, output: process.stdout, tty: process.stdout.isTTY === true, showSql: values.sql ?? false, ...(values.thread ? { threadId: values.thread } : {}) })
  },

  async forecast(args, { config, logger }) {
    return runForecastCommand(args, {
      config,
      withDatabase: (work) =>
        withDatabase(config, logger, async (database) => {
          await migrate(database.pool)
          const analyst = await createAnalyst(config, database)
          return work({ db: database.db, runner: analyst.runner, principal: cliPrincipal(undefined) })
        }),
    })
  },

  async sql(args, { config, logger }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, 'as-rep': { type: 'string' } } })
    const text = positionals.join(' ').trim()
    if (!text) throw new AppError('bad_request', 'Give the SQL: salesmatrix sql "select count(*) from orders"')
    const principal = cliPrincipal(values['as-rep'])
    return withDatabase(config, logger, async (database) => {
      await migrate(database.pool)
      const analyst = await createAnalyst(config, database)
      const result = await analyst.runner.run({ sql: text, principal, purpose: 'cli' })
      if (!result.ok) {
        if (values.json) console.log(JSON.stringify({ ok: false, code: result.code, reason: result.reason }, null, 2))
        else console.error(`refused (${result.code}): ${result.reason}`)
        return 1
      }
      if (values.json) console.log(JSON.stringify({ ok: true, rows: result.rows, rowCount: result.rowCount, truncated: result.truncated, durationMs: result.durationMs }, null, 2))
      else console.log(formatRowsTable(result.rows, result.fields.map((f) => f.name), { truncated: result.truncated }))
      return 0
    })
  },

  async evals(args, { config, logger }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { suite: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' }, 'in-memory': { type: 'boolean' }, tag: { type: 'string', multiple: true }, today: { type: 'string' } },
    })
    if (positionals[0] === 'import-file') {
      if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new AppError('bad_request', '--today must be YYYY-MM-DD')
      const file = values.file ?? coreEvalSuite.file
      return withDatabase(config, logger, async (database) => {
        await migrate(database.pool)
        const report = await importEvalCasesFile(database.db, file, cliActor(), values.today ? { defaultToday: values.today } : {})
        if (values.json) console.log(JSON.stringify(report, null, 2))
        else {
          console.log(`Imported ${report.inserted} eval case(s) from ${path.relative(process.cwd(), file) || file}; ${report.unchanged} were already there.`)
          if (report.kept.length > 0) console.log(`Kept ${report.kept.length} stored case(s) that differ from the file (curated since): ${report.kept.join(', ')}`)
        }
        return 0
      })
    }
    if (positionals[0] !== 'run') throw new AppError('bad_request', `Usage: salesmatrix ${evalsUsage}`)
    const suite = values.suite ?? 'core'
    if (suite === 'rag') {
      const report = await runRagEvalOnDemoDocuments(config, {
        ...(values.file ? { casesFile: values.file } : {}),
        onCase: (result, index, total) => {
          if (!values.json) process.stderr.write(`\r${index + 1}/${total} ${result.rank ? `✓ @${result.rank}` : '✗'} ${result.id}`.padEnd(80))
        },
      })
      if (!values.json) process.stderr.write('\n')
      console.log(values.json ? JSON.stringify(report, null, 2) : `${formatRagReport(report)}\nEmbeddings: ${report.embeddingModel}`)
      return 0
    }
    if (suite !== 'core' && suite !== 'curated') throw new AppError('bad_request', `Unknown suite "${suite}"; the suites are "core" (evals/cases/core.jsonl), "curated" (the eval cases stored in the database) and "rag" (document retrieval, evals/rag/cases.jsonl), or pass --file.`)
    const curated = suite === 'curated'
    if (curated && (values.file || values['in-memory'])) throw new AppError('bad_request', '--suite curated runs the eval cases stored in the configured database; it takes no --file or --in-memory.')
    if (values.tag && !curated) throw new AppError('bad_request', '--tag selects curated cases; use it with --suite curated.')
    const open = values['in-memory'] ? () => openDatabase({ kind: 'embedded', dataDir: 'memory' }) : () => openConfiguredDatabase(config, logger)
    const database = await open()
    try {
      await migrate(database.pool)
      const evaluator = createEvalAnswerer(await createAnalyst(config, database, undefined, logger, { memory: false }))
      const progress = (result: { id: string; passed: boolean }, index: number, total: number) => {
        if (!values.json) process.stderr.write(`\r${index + 1}/${total} ${result.passed ? "✓" : "✗"} ${result.id}`.padEnd(80))
      }
      const suiteName = curated ? curatedEvalSuiteName : values.file ? path.basename(values.file) : coreEvalSuite.name
      // A throwaway database gets the core suite's data set, so an external file written for it runs unchanged.
      if (values['in-memory'] && values.file) await prepareCoreEvalDatabase({ ...database, kind: database.kind })
      const goldRunner = createGoldRunner(database.pool)
      const report = curated
        ? await runCuratedEvalSuite({ db: database.db, answer: evaluator.answer, goldRunner, ...(values.tag ? { tags: values.tag } : {}), onCase: progress })
        : values.file
          ? await runEvals({ cases: await loadEvalCases(values.file), answer: evaluator.answer, goldRunner, onCase: progress })
          : await runCoreEvalSuite({ database, answer: evaluator.answer, onCase: progress })
      if (!values.json) process.stderr.write('\n')
      const dataset = curated ? (values.tag ? { tags: values.tag } : null) : values.file ? null : coreEvalSuite.dataset
      const runId = await saveEvalRun(database.db, { suite: suiteName, model: evaluator.model(), promptVersion: evaluator.promptVersion(), dataset, report })
      console.log(formatEvalReport(report, values.json ? 'json' : 'text', { suite: suiteName }))
      if (!values.json) console.log(`Stored as eval run #${runId}.`)
      return 0
    } finally {
      await database.close()
    }
  },

  async apikey(args, { config, logger }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, name: { type: 'string' }, 'rep-id': { type: 'string' } } })
    if (positionals[0] !== 'create') throw new AppError('bad_request', 'Usage: salesmatrix apikey create --role admin|analyst|rep [--name NAME] [--rep-id ID]')
    const role = values.role as Role | undefined
    if (!role || !roles.includes(role)) throw new AppError('bad_request', `--role must be one of: ${roles.join(', ')}`)
    const repId = values['rep-id'] === undefined ? null : positiveInteger('--rep-id', values['rep-id'])
    return withDatabase(config, logger, async (database) => {
      await migrate(database.pool)
      const created = await createApiKey(database.db, { name: values.name ?? `${role}-key`, role, repId }, cliActor())
      console.log(`Created ${created.role} key #${created.id} "${created.name}". It is shown only this once:\n${created.key}`)
      return 0
    })
  },
}

async function withDatabase(config: Config, logger: Logger, work: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<number>): Promise<number> {
  const database = await openConfiguredDatabase(config, logger)
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}

/** The key, typed once at the prompt (the first start of the service printed one). */
async function askForKey(): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('unauthorized', 'Give an API key with --key or SALESMATRIX_API_KEY (the service printed one at its first start).')
  const { createInterface } = await import('node:readline/promises')
  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  try {
    const key = (await prompt.question('API key (smx_…): ')).trim()
    if (!key) throw new AppError('unauthorized', 'An API key is needed to chat.')
    return key
  } finally {
    prompt.close()
  }
}

function positiveInteger(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new AppError('bad_request', `${flag} must be a whole number, got "${value}"`)
  return Number(value)
}

function describeImport(report: Awaited<ReturnType<typeof importSalesFile>>): string {
  const lines = [
    `${report.committed ? 'Imported' : 'Nothing imported'}: ${report.rowsImported} of ${report.rowsRead} rows; orders created ${report.ordersCreated}, updated ${report.ordersUpdated}.`,
  ]
  for (const e of report.errors.slice(0, 50)) lines.push(`  row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`)
  if (report.errors.length > 50) lines.push(`  … ${report.errors.length - 50} more errors (use --json for all)`)
  return lines.join('\n')
}

/** The CLI's boundary handler: typed errors become one readable line; anything else is a bug with a stack. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage)
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage}`)
    return 2
  }
  try {
    const config = loadConfig()
    // CLI commands keep the terminal for their own output; the service logs JSON.
    const logger = createLogger({ level: name === 'serve' ? config.logLevel : 'warn', destination: process.stderr })
    return await command(args, { config, logger })
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 2
    }
    if (isAppError(error)) {
      console.error(`error: ${error.message}`)
      for (const f of error.details.fields ?? []) console.error(`  ${f.path}: ${f.message}`)
      return 1
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`error: ${error.message}\n\n${usage}`)
      return 2
    }
    console.error(error)
    return 1
  }
}
