import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRagCases, ragEvalSuite, type RagCase } from '../../src/evals/rag-eval-suite.js'
import { coreEvalSuite } from '../../src/evals/core-eval-suite.js'
import { planDemoData } from '../../src/seed/plan-demo-data.js'

const acceptanceQuestions = [
  { question: 'what is the maximum discount for enterprise customers?', document: 'sales-playbook.md' },
  { question: 'qual é a comissão sobre vendas acima da meta?', document: 'politica-de-comissoes-2026.md' },
]

/** The lines of a document that hold body text: no headings, so a passage found in one sits inside one chunk. */
function bodyLines(fileName: string, text: string): string[] {
  const lines = text.split('\n')
  if (fileName.endsWith('.md')) return lines.filter((l) => !/^\s*#/.test(l))
  if (fileName.endsWith('.html')) return lines.filter((l) => !/<(h[1-6]|title)\b/i.test(l))
  // CSV: one cell of one data row, so the phrase survives however the extractor lays a row out.
  if (fileName.endsWith('.csv')) return lines.slice(1).flatMap((l) => l.split(','))
  return lines
}

describe('the RAG eval suite (evals/rag/cases.jsonl)', () => {
  let cases: RagCase[]
  let documents: Map<string, string>

  beforeAll(async () => {
    cases = await loadRagCases()
    const names = (await readdir(ragEvalSuite.documentsFolder)).filter((name) => name !== 'README.md')
    documents = new Map(await Promise.all(names.map(async (name) => [name, await readFile(path.join(ragEvalSuite.documentsFolder, name), 'utf8')] as const)))
  })

  it('has at least 48 cases, each language at least 40% of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(48)
    for (const language of ['en', 'pt']) expect(cases.filter((c) => c.language === language).length / cases.length, language).toBeGreaterThanOrEqual(0.4)
  })

  it('has unique ids and asks no question twice', () => {
    const ids = cases.map((c) => c.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    const questions = cases.map((c) => c.question.toLowerCase())
    expect(questions.filter((q, i) => questions.indexOf(q) !== i)).toEqual([])
  })

  it('names only documents that exist in src/seed/documents, and covers every one of them', () => {
    expect(cases.filter((c) => !documents.has(c.document)).map((c) => `${c.id}: ${c.document}`)).toEqual([])
    expect([...documents.keys()].filter((name) => !cases.some((c) => c.document === name))).toEqual([])
  })

  it('quotes every passage verbatim from one body line (or CSV cell) of its document, in 4 to 12 words', () => {
    const problems = cases.flatMap((c) => {
      const text = documents.get(c.document)
      if (text === undefined) return []
      const holders = bodyLines(c.document, text).filter((l) => l.includes(c.passage))
      const words = c.passage.split(/\s+/).length
      return [
        ...(holders.length === 0 ? [`${c.id}: "${c.passage}" is not in one body line of ${c.document}`] : []),
        ...(words < 4 || words > 12 ? [`${c.id}: passage has ${words} words`] : []),
      ]
    })
    expect(problems).toEqual([])
  })

  it('asks both acceptance questions of issue #7, verbatim, of the right documents', () => {
    for (const { question, document } of acceptanceQuestions) {
      expect(cases.find((c) => c.question === question), question).toMatchObject({ document, tags: expect.arrayContaining(['acceptance']) })
    }
  })

  it('mixes the ways people ask: paraphrases, cross-language questions both ways, missing accents and typos', () => {
    const tagged = (tag: string) => cases.filter((c) => c.tags.includes(tag))
    expect(tagged('paraphrase').length).toBeGreaterThanOrEqual(10)
    expect(tagged('cross-language').filter((c) => c.language === 'en').length).toBeGreaterThanOrEqual(5)
    expect(tagged('cross-language').filter((c) => c.language === 'pt').length).toBeGreaterThanOrEqual(5)
    expect(tagged('no-accent').length).toBeGreaterThanOrEqual(5)
    expect(tagged('typo').length).toBeGreaterThanOrEqual(3)
  })
})

describe('the demo price list (src/seed/documents/price-list-2026.csv)', () => {
  const floorShareByCategory: Readonly<Record<string, number>> = {
    Notebooks: 0.93, Desktops: 0.93, Smartphones: 0.94, Componentes: 0.94, Monitores: 0.9, 'Áudio e Vídeo': 0.9, Armazenamento: 0.88,
    Redes: 0.85, Impressão: 0.85, 'Segurança Eletrônica': 0.85, 'Móveis de Escritório': 0.85, Periféricos: 0.82, Papelaria: 0.82,
    Acessórios: 0.8, Software: 0.8,
  }

  it('lists real demo products at their catalog list price, with floors at the category share of list and above cost', async () => {
    const plan = planDemoData(coreEvalSuite.dataset)
    const rowsOf = (table: string) => plan.reference.find((t) => t.table === table)!.rows
    const categoryNames = new Map(rowsOf('categories').map((r) => [r[0], r[1]]))
    const products = new Map(rowsOf('products').map((r) => [r[1], { name: r[2], category: categoryNames.get(r[3]), brand: r[4], price: Number(r[5]), cost: Number(r[6]) }]))
    const [header, ...rows] = (await readFile(path.join(ragEvalSuite.documentsFolder, 'price-list-2026.csv'), 'utf8')).trimEnd().split('\n')
    expect(header).toBe('sku,product,category,brand,list_price_brl,floor_price_brl,floor_pct_of_list,valid_from,notes')
    expect(rows.length).toBeGreaterThanOrEqual(30)
    const problems = rows.flatMap((row) => {
      const [sku, name, category, brand, list, floor, share] = row.split(',')
      const product = products.get(sku!)
      if (product === undefined) return [`${sku}: not a demo SKU`]
      const expectedShare = floorShareByCategory[category!]
      const issues: string[] = []
      if (product.name !== name || product.category !== category || product.brand !== brand) issues.push(`${sku}: is ${product.name} (${product.category}, ${product.brand})`)
      if (Number(list) !== product.price) issues.push(`${sku}: list ${list}, catalog ${product.price}`)
      if (expectedShare === undefined || share !== `${Math.round(expectedShare * 100)}%`) issues.push(`${sku}: floor share ${share}`)
      else if (Math.abs(Number(floor) - product.price * expectedShare) > 0.01) issues.push(`${sku}: floor ${floor} is not ${share} of ${list}`)
      if (Number(floor) <= product.cost) issues.push(`${sku}: floor ${floor} is not above cost ${product.cost}`)
      return issues
    })
    expect(problems).toEqual([])
    // Every category appears, so "what's the floor for <category>?" has an answer in the list.
    expect(new Set(rows.map((r) => r.split(',')[2]))).toEqual(new Set(Object.keys(floorShareByCategory)))
  })
})
