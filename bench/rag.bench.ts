/**
 * Document (RAG) benchmark: how fast the document store ingests, and how fast its hybrid search answers, with the
 * configured embedder (EMBEDDINGS_*, the local hashed one by default), on
 *   (a) a PostgreSQL server (TEST_DATABASE_URL, else DATABASE_URL, else --url), in a throwaway database dropped at the end, and
 *   (b) the embedded PGlite, in a temporary directory (smaller by default: WebAssembly, one core).
 * The corpus is synthetic and seeded: several hundred sales documents (pricing, discounts, commissions, shipping,
 * returns, travel, quotas, security…) in English and Portuguese, 20–30 chunks each, some restricted to a role or a
 * region. Each document goes through store.ingest (embed, then one transaction), one after the other as uploads do.
 * Pages are estimated as the contract does for non-PDF formats: characters / 3,000, at least 1 per document.
 * Then varied questions (English and Portuguese, with and without accents, a few typos, different readers, some
 * limited to a few documents) are searched one at a time; p50/p95/max latency includes embedding the question.
 *
 *   npm run bench:rag -- [--documents 400] [--queries 200] [--embedded-documents 100] [--url postgresql://…] [--skip-embedded] [--skip-server] [--skip-reembed]
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { migrate } from '../src/db/migrate.js'
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js'
import { runAdminStatement, withoutPassword } from '../src/db/server-admin.js'
import type { DocumentChunk, DocumentReader, Embedder, NewDocument, SearchOptions } from '../src/documents/document-contract.js'
import { createEmbedder } from '../src/documents/embeddings/create-embedder.js'
import { createLocalHashedEmbedder } from '../src/documents/embeddings/local-hashed-embedder.js'
import { createDocumentStore } from '../src/documents/postgres-document-store.js'

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '400' },
    queries: { type: 'string', default: '200' },
    'embedded-documents': { type: 'string', default: '100' },
    url: { type: 'string' },
    'skip-embedded': { type: 'boolean' },
    'skip-server': { type: 'boolean' },
    'skip-reembed': { type: 'boolean' },
  },
})
const config = loadConfig()

// ---------------------------------------------------------------------------------------------------------------
// A seeded synthetic corpus: the same documents and questions on every run and every database.

function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  return { next, int, pick }
}

type Language = 'en' | 'pt'
interface Topic {
  readonly name: Record<Language, string>
  readonly sections: Record<Language, readonly string[]>
  readonly sentences: Record<Language, readonly string[]>
  readonly questions: Record<Language, readonly string[]>
}

const products = ['Widget Pro', 'Widget Lite', 'Gadget Max', 'Sensor Hub', 'Cloud Backup', 'Field Kit', 'Smart Meter', 'Data Bridge']
const regions = ['North', 'South', 'East', 'West', 'Central']
const regioes = ['Norte', 'Sul', 'Leste', 'Oeste', 'Centro']

const topics: readonly Topic[] = [
  {
    name: { en: 'Pricing', pt: 'Preços' },
    sections: { en: ['List prices', 'Volume tiers', 'Price changes'], pt: ['Preços de tabela', 'Faixas de volume', 'Reajustes'] },
    sentences: {
      en: ['The list price of {product} is {amount} per unit in the {region} region.', 'Volume tiers start at {units} units and lower the unit price by {pct}%.', 'Price changes take effect on the first day of the next quarter.', 'Quotes must use the price list valid on the day the quote is sent.'],
      pt: ['O preço de tabela do {product} é {amount} por unidade na região {regiao}.', 'As faixas de volume começam em {units} unidades e reduzem o preço unitário em {pct}%.', 'Os reajustes de preço valem a partir do primeiro dia do trimestre seguinte.', 'As cotações usam a tabela de preços válida no dia do envio.'],
    },
    questions: { en: ['what is the list price of {product}', 'volume tier price for {units} units', 'when do price changes take effect'], pt: ['qual o preço de tabela do {product}', 'preco por faixa de volume', 'quando valem os reajustes de preço'] },
  },
  {
    name: { en: 'Discounts', pt: 'Descontos' },
    sections: { en: ['Enterprise discounts', 'Approval', 'Promotions'], pt: ['Descontos corporativos', 'Aprovação', 'Promoções'] },
    sentences: {
      en: ['Account executives may grant up to {pct}% discount on multi-year contracts.', 'Any discount above the ceiling needs written approval from the regional director.', 'Seasonal promotions on {product} cannot be combined with volume discounts.', 'Discounts are recorded on the order line, never on the invoice total.'],
      pt: ['Os executivos de conta podem conceder até {pct}% de desconto em contratos plurianuais.', 'Descontos acima do teto precisam de aprovação por escrito do diretor regional.', 'Promoções sazonais do {product} não se somam aos descontos por volume.', 'Os descontos são registrados na linha do pedido, nunca no total da nota.'],
    },
    questions: { en: ['maximum discount on multi-year contracts', 'who approves a discount above the ceiling', 'can promotions be combined with volume discounts'], pt: ['desconto maximo em contratos plurianuais', 'quem aprova desconto acima do teto', 'promoções somam com desconto por volume?'] },
  },
  {
    name: { en: 'Commissions', pt: 'Comissões' },
    sections: { en: ['Commission rates', 'Payment', 'Clawback'], pt: ['Percentuais de comissão', 'Pagamento', 'Estorno'] },
    sentences: {
      en: ['Sales reps earn {pct}% commission on the margin of each completed order.', 'Commission is paid in the month after the customer pays the invoice.', 'A returned order reverses its commission in the next payroll.', 'New products carry a launch bonus of {amount} during the first three months.'],
      pt: ['Os vendedores recebem comissão de {pct}% sobre a margem de cada pedido concluído.', 'A comissão é paga no mês seguinte ao pagamento da nota pelo cliente.', 'Um pedido devolvido estorna a comissão na folha seguinte.', 'Produtos novos têm bônus de lançamento de {amount} nos primeiros três meses.'],
    },
    questions: { en: ['when is commission paid', 'commission rate on margin', 'what happens to commission when an order is returned'], pt: ['quando a comissao é paga', 'percentual de comissão sobre a margem', 'estorno de comissão em devolução'] },
  },
  {
    name: { en: 'Shipping', pt: 'Entrega' },
    sections: { en: ['Freight', 'Delivery times', 'Carriers'], pt: ['Frete', 'Prazos de entrega', 'Transportadoras'] },
    sentences: {
      en: ['Orders above {units} units ship free of freight charges.', 'Standard delivery to the {region} region takes {days} business days.', 'Express delivery costs {amount} per parcel.', 'Fragile items such as {product} travel with an insured carrier.'],
      pt: ['Pedidos acima de {units} unidades têm frete grátis.', 'A entrega padrão para a região {regiao} leva {days} dias úteis.', 'A entrega expressa custa {amount} por volume.', 'Itens frágeis como o {product} seguem por transportadora com seguro.'],
    },
    questions: { en: ['free shipping threshold', 'how long does delivery take to the {region} region', 'express delivery cost'], pt: ['frete gratis a partir de quantas unidades', 'prazo de entrega para a região {regiao}', 'quanto custa a entrega expressa'] },
  },
  {
    name: { en: 'Returns', pt: 'Devoluções' },
    sections: { en: ['Return window', 'Refunds'], pt: ['Prazo de devolução', 'Reembolsos'] },
    sentences: {
      en: ['Customers may return {product} within {days} days of delivery.', 'Refunds go back to the original payment method within ten days.', 'Opened software licences cannot be returned.', 'A restocking fee of {pct}% applies to returns after the window.'],
      pt: ['O cliente pode devolver o {product} em até {days} dias após a entrega.', 'O reembolso volta ao meio de pagamento original em até dez dias.', 'Licenças de software abertas não podem ser devolvidas.', 'Uma taxa de reposição de {pct}% vale para devoluções fora do prazo.'],
    },
    questions: { en: ['return window for {product}', 'how are refunds paid', 'restocking fee'], pt: ['prazo para devolução do {product}', 'como é feito o reembolso', 'taxa de reposicao'] },
  },
  {
    name: { en: 'Travel and expenses', pt: 'Viagens e despesas' },
    sections: { en: ['Travel', 'Expense reports'], pt: ['Viagens', 'Relatórios de despesas'] },
    sentences: {
      en: ['Hotel stays are capped at {amount} per night in the {region} region.', 'Expense reports are due within {days} days of the trip.', 'Flights under six hours are booked in economy class.', 'Client dinners need the name of the customer on the receipt.'],
      pt: ['Hospedagem tem teto de {amount} por noite na região {regiao}.', 'Os relatórios de despesas vencem em {days} dias após a viagem.', 'Voos de menos de seis horas são em classe econômica.', 'Jantares com clientes exigem o nome do cliente no recibo.'],
    },
    questions: { en: ['hotel limit per night', 'when are expense reports due', 'flight class for short trips'], pt: ['limite de hotel por noite', 'prazo do relatório de despesas', 'classe do voo em viagens curtas'] },
  },
  {
    name: { en: 'Quotas', pt: 'Metas' },
    sections: { en: ['Targets', 'Accelerators'], pt: ['Metas', 'Aceleradores'] },
    sentences: {
      en: ['Quarterly quotas for the {region} region grow {pct}% over last year.', 'Reps above 120% of quota earn an accelerator on every further sale.', 'Quota relief applies when a territory changes hands mid-quarter.', 'Pipeline coverage should stay at three times the remaining quota.'],
      pt: ['As metas trimestrais da região {regiao} crescem {pct}% sobre o ano anterior.', 'Vendedores acima de 120% da meta ganham acelerador em cada venda adicional.', 'Há alívio de meta quando um território muda de dono no meio do trimestre.', 'A cobertura de pipeline deve ficar em três vezes a meta restante.'],
    },
    questions: { en: ['quota growth for the {region} region', 'accelerator above quota', 'quota relief territory change'], pt: ['crescimento da meta na região {regiao}', 'acelerador acima da meta', 'alivio de meta na troca de territorio'] },
  },
  {
    name: { en: 'Security', pt: 'Segurança' },
    sections: { en: ['Access', 'Customer data'], pt: ['Acesso', 'Dados de clientes'] },
    sentences: {
      en: ['Passwords are rotated every {days} days and never shared.', 'Customer data may not leave the CRM in spreadsheets.', 'Laptops lock after five minutes without use.', 'Report a lost device to the help desk within one hour.'],
      pt: ['As senhas são trocadas a cada {days} dias e nunca compartilhadas.', 'Dados de clientes não podem sair do CRM em planilhas.', 'Os notebooks bloqueiam após cinco minutos sem uso.', 'Comunique a perda de um aparelho ao suporte em até uma hora.'],
    },
    questions: { en: ['how often are passwords rotated', 'can customer data be exported to spreadsheets', 'lost laptop what to do'], pt: ['a cada quantos dias trocar a senha', 'posso exportar dados de clientes em planilha', 'perdi o notebook o que fazer'] },
  },
]

function fill(template: string, random: ReturnType<typeof createRandom>): string {
  const region = random.int(0, regions.length - 1)
  return template
    .replaceAll('{product}', random.pick(products))
    .replaceAll('{region}', regions[region]!)
    .replaceAll('{regiao}', regioes[region]!)
    .replaceAll('{amount}', String(random.int(20, 900)))
    .replaceAll('{units}', String(random.int(10, 1000)))
    .replaceAll('{pct}', String(random.int(2, 35)))
    .replaceAll('{days}', String(random.int(2, 60)))
}

function syntheticDocuments(count: number, seed: number): NewDocument[] {
  const random = createRandom(seed)
  return Array.from({ length: count }, (_, n) => {
    const language: Language = random.next() < 0.65 ? 'en' : 'pt'
    const main = random.pick(topics)
    const chunkCount = random.int(20, 30)
    const chunks: DocumentChunk[] = Array.from({ length: chunkCount }, (_, ordinal) => {
      // Mostly the document's own topic, with some others mixed in, as real handbooks do.
      const topic = random.next() < 0.75 ? main : random.pick(topics)
      const sentences = Array.from({ length: random.int(8, 13) }, () => fill(random.pick(topic.sentences[language]), random))
      return { ordinal, text: sentences.join(' '), section: `${topic.name[language]} › ${random.pick(topic.sections[language])}` }
    })
    const text = chunks.map((c) => c.text).join('\n\n')
    const roll = random.next()
    const visibility = roll < 0.7 ? { roles: [], regionIds: [] } : roll < 0.85 ? { roles: [], regionIds: [random.int(1, 5)] } : { roles: [random.pick(['director', 'analyst'] as const)], regionIds: [] }
    const source = `${main.name.en.toLowerCase().replaceAll(' ', '-')}-${n}.md`
    return {
      source,
      title: `${main.name[language]} handbook ${n}`,
      fileName: source,
      format: 'markdown',
      uploadedBy: 'bench',
      visibility,
      contentHash: createHash('sha256').update(text).digest('hex'),
      pageCount: Math.max(1, Math.round(text.length / 3000)),
      chunks,
    }
  })
}

interface BenchQuery {
  readonly text: string
  readonly reader: DocumentReader
  readonly options: SearchOptions
}

function syntheticQueries(count: number, seed: number, documentIds: readonly number[]): BenchQuery[] {
  const random = createRandom(seed)
  const readers: DocumentReader[] = [{ role: 'rep', regionId: 1 }, { role: 'rep', regionId: 3 }, { role: 'rep', regionId: null }, { role: 'analyst' }, { role: 'director' }, { role: 'admin' }]
  return Array.from({ length: count }, () => {
    const language: Language = random.next() < 0.6 ? 'en' : 'pt'
    let text = fill(random.pick(random.pick(topics).questions[language]), random)
    const variant = random.next()
    // Some questions lose their accents, some get a typo (two letters swapped), as people type in chat.
    if (variant < 0.2) text = text.normalize('NFD').replace(/\p{M}/gu, '')
    else if (variant < 0.3) {
      const at = random.int(1, Math.max(1, text.length - 3))
      text = text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2)
    }
    const options: SearchOptions = random.next() < 0.1 ? { documentIds: Array.from({ length: 5 }, () => random.pick(documentIds)) } : { limit: random.pick([5, 5, 8, 10]) }
    return { text, reader: random.pick(readers), options }
  })
}

// ---------------------------------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`
}

/** The configured embedder, with the time spent inside it counted (to tell embedding from database time). */
function timed(embedder: Embedder): Embedder & { readonly spentMs: () => number } {
  let spent = 0
  return {
    model: embedder.model,
    dimension: embedder.dimension,
    async embed(texts, purpose) {
      const started = performance.now()
      try {
        return await embedder.embed(texts, purpose)
      } finally {
        spent += performance.now() - started
      }
    },
    spentMs: () => spent,
  }
}

async function measure(label: string, database: DatabaseHandle, documentCount: number, reembed: boolean): Promise<void> {
  const embedder = timed(await createEmbedder(config.embeddings))
  const store = createDocumentStore({ db: database.db, embedder })
  await store.ensureEmbeddings()
  const documents = syntheticDocuments(documentCount, 42)
  const chunks = documents.reduce((n, d) => n + d.chunks.length, 0)
  const pages = documents.reduce((n, d) => n + d.pageCount, 0)
  const characters = documents.reduce((n, d) => n + d.chunks.reduce((m, c) => m + c.text.length, 0), 0)
  console.log(`\n${label} — embedder ${embedder.model} (${embedder.dimension} dimensions)`)
  console.log(`  corpus: ${documents.length} documents, ${chunks.toLocaleString('en')} chunks (avg ${Math.round(characters / chunks)} characters), ${pages.toLocaleString('en')} pages (characters / 3,000)`)

  const started = performance.now()
  const ids: number[] = []
  for (const document of documents) ids.push((await store.ingest(document)).document.id)
  const seconds = (performance.now() - started) / 1000
  const embedSeconds = embedder.spentMs() / 1000
  console.log(`  ingest: ${seconds.toFixed(1)} s → ${(pages / seconds).toFixed(0)} pages/s, ${(chunks / seconds).toFixed(0)} chunks/s, ${(documents.length / seconds).toFixed(1)} documents/s (embedding ${embedSeconds.toFixed(1)} s of it)`)

  await database.pool.query('analyze')
  const queries = syntheticQueries(Number(values.queries), 7, ids)
  // Warm-up: the first searches load pgvector and the text search dictionaries into the session.
  for (const q of queries.slice(0, 5)) await store.search(q.text, q.reader, q.options)
  const latencies: number[] = []
  let passages = 0
  let empty = 0
  for (const q of queries) {
    const t0 = performance.now()
    const found = await store.search(q.text, q.reader, q.options)
    latencies.push(performance.now() - t0)
    passages += found.length
    if (found.length === 0) empty++
  }
  console.log(`  search: ${queries.length} queries, ${summary(latencies)}; ${(passages / queries.length).toFixed(1)} passages per answer, ${empty} without any`)

  if (reembed) {
    // A model change: every chunk re-embedded into another dimension, the column retyped and the HNSW index rebuilt.
    const other = createLocalHashedEmbedder({ dimension: embedder.dimension === 512 ? 768 : 512 })
    const t0 = performance.now()
    const result = await createDocumentStore({ db: database.db, embedder: other }).ensureEmbeddings()
    const s = (performance.now() - t0) / 1000
    console.log(`  re-embed into ${result.dimension} dimensions: ${result.reembedded.toLocaleString('en')} chunks in ${s.toFixed(1)} s (${(result.reembedded / s).toFixed(0)} chunks/s, index rebuilt)`)
  }
}

if (!values['skip-server']) {
  const url = values.url ?? config.testDatabaseUrl ?? config.databaseUrl
  if (!url) {
    console.log('\nPostgreSQL server: skipped — set TEST_DATABASE_URL (or DATABASE_URL, or pass --url) to a server where this user may create databases.')
  } else {
    const name = `smx_bench_rag_${randomBytes(4).toString('hex')}`
    await runAdminStatement(url, `create database ${name}`)
    const target = new URL(url)
    target.pathname = `/${name}`
    const database = await openDatabase({ kind: 'server', url: target.toString(), poolSize: 4 })
    try {
      await migrate(database.pool)
      await measure(`PostgreSQL (${withoutPassword(new URL(url))})`, database, Number(values.documents), !values['skip-reembed'])
    } finally {
      await database.close()
      await runAdminStatement(url, `drop database ${name} with (force)`)
    }
  }
}

if (!values['skip-embedded']) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'smx-bench-rag-'))
  const database = await openDatabase({ kind: 'embedded', dataDir: dir, port: 0 })
  try {
    await migrate(database.pool)
    await measure('PGlite', database, Number(values['embedded-documents']), false)
  } finally {
    await database.close()
    await rm(dir, { recursive: true, force: true })
  }
}
