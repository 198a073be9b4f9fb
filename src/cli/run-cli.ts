/**
 * The `salesmatrix` commands (entry point: main.ts). One boundary handler turns typed errors into a readable line
 * and an exit code; nothing here holds business logic.
 */
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
import { openConfiguredDatabase, startService } from '../main.js'
import { seedDemoData } from '../seed/seed-demo-data.js'

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

The database is DATABASE_URL, or the embedded PGlite in EMBEDDED_DATA_DIR when it is unset.`

const cliActor = (): Actor => ({ keyId: null, name: `cli:${os.userInfo().username}` })

type Command = (args: string[], context: { config: Config; logger: Logger }) => Promise<number>

const commands: Record<string, Command> = {
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
