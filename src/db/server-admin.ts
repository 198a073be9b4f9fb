/** One-off administrative statements on a PostgreSQL server (create/drop the throwaway databases of tests and benchmarks). */
import pg from 'pg'

export async function runAdminStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** The URL with its password masked, for printing. */
export function withoutPassword(url: URL): string {
  if (!url.password) return url.toString()
  const copy = new URL(url)
  copy.password = '***'
  return copy.toString()
}
