/**
 * The core eval suite and the data its gold answers were written against: the demo seed 42 with 20,000 orders ending
 * on 2026-06-30, asked on "today" = 2026-06-30. `runCoreEvalSuite` is what an accuracy test needs: it seeds a fresh
 * database (or checks that it already holds exactly this data set), loads the suite and scores an answering function.
 */
import type { DatabaseHandle } from '../db/open-database.js'
import { isDatabaseEmpty, seedDemoData, type SeedTarget } from '../seed/seed-demo-data.js'
import { createGoldRunner } from './create-gold-runner.js'
import { coreEvalCasesFile, loadEvalCases, type EvalCase } from './load-eval-cases.js'
import { runEvals, type AnswerQuestion, type EvalCaseResult, type EvalReport } from './run-evals.js'

export const coreEvalSuite = Object.freeze({
  name: 'core',
  file: coreEvalCasesFile,
  /** Every case of the suite is asked on this date; its relative periods ("last month") are computed from it. */
  today: '2026-06-30',
  /** seedDemoData options: change any of them and every gold answer changes. */
  dataset: Object.freeze({ seed: 42, orders: 20_000, endDate: '2026-06-30' }),
})

export type CoreEvalDatabase = SeedTarget & Pick<DatabaseHandle, 'pool'>

/**
 * Seeds the suite's data set into an empty database. A database that already has sales data is accepted only when
 * its latest demo seed was this data set and the order count still agrees (nobody imported or deleted since);
 * anything else is refused, because gold answers on other data would score a correct planner as wrong.
 */
export async function prepareCoreEvalDatabase(database: CoreEvalDatabase): Promise<void> {
  const { seed, orders, endDate } = coreEvalSuite.dataset
  if (await isDatabaseEmpty(database.db)) {
    await seedDemoData(database, { seed, orders, endDate })
    return
  }
  const { rows } = await database.pool.query<{ after: { seed?: number; orders?: number; endDate?: string } | null; order_count: number | string }>(
    `select (select after from audit_log where entity = 'demo_data' and action = 'import' order by at desc, id desc limit 1) as after,
            (select count(*) from orders) as order_count`,
  )
  const seeded = rows[0]?.after
  const orderCount = Number(rows[0]?.order_count)
  if (seeded?.seed !== seed || seeded.orders !== orders || seeded.endDate !== endDate || orderCount !== orders) {
    throw new Error(
      `The database holds other sales data than the core eval suite's (demo seed ${seed}, ${orders} orders ending ${endDate}); ` +
        `use an empty database so the suite can seed it.`,
    )
  }
}

export interface RunCoreEvalSuiteOptions {
  readonly database: CoreEvalDatabase
  readonly answer: AnswerQuestion
  /** The suite's cases; loaded from evals/cases/core.jsonl when absent (e.g. pass a filtered subset while debugging). */
  readonly cases?: readonly EvalCase[]
  readonly clock?: () => Date
  readonly timer?: () => number
  readonly onCase?: (result: EvalCaseResult, index: number, total: number) => void
}

export async function runCoreEvalSuite(options: RunCoreEvalSuiteOptions): Promise<EvalReport> {
  await prepareCoreEvalDatabase(options.database)
  const cases = options.cases ?? (await loadEvalCases(coreEvalSuite.file))
  return runEvals({
    cases,
    answer: options.answer,
    goldRunner: createGoldRunner(options.database.pool),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timer ? { timer: options.timer } : {}),
    ...(options.onCase ? { onCase: options.onCase } : {}),
  })
}
