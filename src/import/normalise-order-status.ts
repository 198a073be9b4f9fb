/** Maps the status words people type (English and Portuguese) onto the four statuses an order can have. */
import type { OrderStatus } from '../db/schema.js'
import { parsed, rejected, type ParseResult } from './parse-result.js'

const synonyms: Readonly<Record<OrderStatus, readonly string[]>> = {
  completed: ['completed', 'complete', 'concluido', 'concluida', 'pago', 'paga', 'paid', 'faturado', 'faturada', 'entregue', 'delivered', 'fechado', 'closed', 'done', 'ok', 'finalizado', 'finalizada'],
  pending: ['pending', 'pendente', 'aguardando', 'aguardando pagamento', 'em aberto', 'aberto', 'open', 'processing', 'em processamento', 'em andamento'],
  cancelled: ['cancelled', 'canceled', 'cancelado', 'cancelada'],
  returned: ['returned', 'devolvido', 'devolvida', 'devolucao', 'refunded', 'estornado', 'estornada', 'reembolsado'],
}

const statusByWord: ReadonlyMap<string, OrderStatus> = new Map(
  (Object.entries(synonyms) as [OrderStatus, readonly string[]][]).flatMap(([status, words]) => words.map((word) => [word, status] as const)),
)

export function normaliseOrderStatus(text: string): ParseResult<OrderStatus> {
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim()
  const status = statusByWord.get(key)
  return status ? parsed(status) : rejected('is not a known status; use completed, pending, cancelled or returned (or concluído, pendente, cancelado, devolvido)')
}
