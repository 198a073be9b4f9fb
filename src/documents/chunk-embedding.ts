/** How a chunk becomes a stored vector: the text that is embedded, and pgvector's text form of the result. */

/** What is embedded for a chunk: its heading path gives the passage its context. Ingest and re-embedding agree on it. */
export function chunkEmbeddingText(chunk: { readonly text: string; readonly section?: string | null | undefined }): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text
}

/** pgvector's text form, with 7 significant digits: about what its float4 components hold, far more than cosine needs. */
export function toVectorLiteral(vector: readonly number[]): string {
  return `[${vector.map((x) => (x === 0 ? '0' : String(Number(x.toPrecision(7))))).join(',')}]`
}
