/**
 * The demo's sales documents (src/seed/documents: playbook, price list, commission policy, meeting notes), added on
 * the first start so document questions work out of the box. Ingestion is idempotent: a second run changes nothing.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DocumentIngestion, IngestResult } from '../documents/document-contract.js'

export const demoDocumentsDirectory = fileURLToPath(new URL('./documents/', import.meta.url))

export async function demoDocumentFiles(directory = demoDocumentsDirectory): Promise<string[]> {
  const names = await readdir(directory)
  return names.filter((name) => !name.startsWith('.') && name !== 'README.md').sort().map((name) => path.join(directory, name))
}

export async function seedDemoDocuments(ingestion: DocumentIngestion, directory = demoDocumentsDirectory): Promise<IngestResult[]> {
  const results: IngestResult[] = []
  for (const file of await demoDocumentFiles(directory)) {
    results.push(await ingestion.ingestFile({ fileName: path.basename(file), bytes: await readFile(file), uploadedBy: 'system:demo' }))
  }
  return results
}
