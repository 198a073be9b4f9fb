/**
 * A tiny "semantic" embedder for tests: each dimension is a concept, and words of that concept (in either language,
 * synonyms included) point along it. Two texts that share no word but speak of the same thing end up close, which is
 * what a real embedding model adds over full text.
 */
import type { Embedder } from '../../../../src/documents/document-contract.js'
import { foldText } from '../../../../src/documents/embeddings/text-features.js'

const concepts: readonly (readonly string[])[] = [
  ['refund', 'refunds', 'reimbursement', 'reimburse', 'money', 'back', 'reembolso', 'devolucao'],
  ['holiday', 'holidays', 'vacation', 'leave', 'time', 'off', 'ferias'],
  ['discount', 'discounts', 'rebate', 'markdown', 'desconto', 'descontos'],
  ['commission', 'commissions', 'comissao', 'comissoes', 'bonus', 'incentive'],
  ['shipping', 'delivery', 'freight', 'entrega', 'frete'],
  ['travel', 'trip', 'flight', 'hotel', 'viagem'],
  ['quota', 'target', 'goal', 'meta'],
  ['security', 'password', 'access', 'seguranca'],
]

export function createConceptEmbedder(model = 'test-concepts-v1'): Embedder {
  const dimension = concepts.length + 1
  return {
    model,
    dimension,
    async embed(texts) {
      return texts.map((text) => {
        const vector = new Array<number>(dimension).fill(0)
        for (const word of foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
          const concept = concepts.findIndex((words) => words.includes(word))
          if (concept >= 0) vector[concept]! += 1
        }
        // A text of no known concept still gets a direction of its own (the last one), never a zero vector.
        if (!vector.some((x) => x !== 0)) vector[dimension - 1] = 1
        const norm = Math.hypot(...vector)
        return vector.map((x) => x / norm)
      })
    },
  }
}
