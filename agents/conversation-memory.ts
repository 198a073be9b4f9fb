/**
 * Conversation memory: LangGraph's PostgreSQL checkpointer over the service's own pool, in its own schema
 * (`langgraph`) so the analytic reader roles never see it. It speaks plain SQL over the wire protocol, so the same
 * saver runs on the PostgreSQL server and on the embedded PGlite (through its socket).
 */
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres'
import type pg from 'pg'

export const conversationSchema = 'langgraph'

/** Creates the checkpoint tables if needed. Two replicas starting at once may race on CREATE TABLE; one retry settles it. */
export async function openConversationMemory(pool: pg.Pool): Promise<PostgresSaver> {
  const saver = new PostgresSaver(pool, undefined, { schema: conversationSchema })
  try {
    await saver.setup()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code !== '23505' && code !== '42P07') throw error
    await saver.setup()
  }
  return saver
}
