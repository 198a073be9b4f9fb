/**
 * Small, pure clean-ups for the text columns of a sales file. Each returns null for an empty value so callers can
 * tell "not given" from "given".
 */

const withoutAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')

/** Collapses runs of whitespace (including line breaks inside a quoted CSV field) to one space. */
function name(text: string): string | null {
  const value = text.replace(/\s+/g, ' ').trim()
  return value === '' ? null : value
}

/** The key names are compared by: case- and accent-insensitive. */
function matchKey(text: string): string {
  return withoutAccents(text).replace(/\s+/g, ' ').trim().toLowerCase()
}

function email(text: string): string | null {
  const value = text.trim().toLowerCase()
  return value === '' ? null : value
}

/** The same check the database makes on emails. */
function isEmail(text: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(text)
}

/** CNPJ/CPF written with or without punctuation are the same id: `12.345.678/0001-90` → `12345678000190`. */
function taxId(text: string): string | null {
  const value = text.replace(/[\s./-]/g, '').toUpperCase()
  return value === '' ? null : value
}

const channelSynonyms: Readonly<Record<string, string>> = {
  'e commerce': 'online', ecommerce: 'online', site: 'online', internet: 'online', web: 'online', 'loja virtual': 'online',
  campo: 'field', externo: 'field', visita: 'field', 'field sales': 'field',
  telefone: 'phone', telemarketing: 'phone', televendas: 'phone',
  parceiro: 'partner', revenda: 'partner', distribuidor: 'partner', reseller: 'partner',
}

const paymentSynonyms: Readonly<Record<string, string>> = {
  'cartao de credito': 'credit_card', 'cartao credito': 'credit_card', credito: 'credit_card', cartao: 'credit_card', 'credit card': 'credit_card', credit: 'credit_card',
  'cartao de debito': 'debit_card', 'cartao debito': 'debit_card', debito: 'debit_card', 'debit card': 'debit_card', debit: 'debit_card',
  'boleto bancario': 'boleto',
  transferencia: 'bank_transfer', 'transferencia bancaria': 'bank_transfer', ted: 'bank_transfer', doc: 'bank_transfer', 'bank transfer': 'bank_transfer', wire: 'bank_transfer', deposito: 'bank_transfer',
  dinheiro: 'cash', especie: 'cash',
}

/** A code-like label (`Cartão de Crédito` → `credit_card`, `Loja Virtual` → `online`, `Key Account` → `key_account`). */
function label(text: string, synonyms: Readonly<Record<string, string>>): string | null {
  const key = matchKey(text).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (key === '') return null
  return synonyms[key] ?? key.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
}

const channel = (text: string) => label(text, channelSynonyms)
const paymentMethod = (text: string) => label(text, paymentSynonyms)

/** `Brasil`, `Brazil`, `br` → `BR`; other two-letter codes upper-cased; anything else kept as written. */
function country(text: string): string | null {
  const value = name(text)
  if (value === null) return null
  if (['brasil', 'brazil', 'br', 'bra'].includes(matchKey(value))) return 'BR'
  return /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : value
}

/** Two-letter states (UF) upper-cased. */
function state(text: string): string | null {
  const value = name(text)
  if (value === null) return null
  return /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : value
}

const regionByUf: Readonly<Record<string, string>> = {
  AC: 'Norte', AM: 'Norte', AP: 'Norte', PA: 'Norte', RO: 'Norte', RR: 'Norte', TO: 'Norte',
  AL: 'Nordeste', BA: 'Nordeste', CE: 'Nordeste', MA: 'Nordeste', PB: 'Nordeste', PE: 'Nordeste', PI: 'Nordeste', RN: 'Nordeste', SE: 'Nordeste',
  DF: 'Centro-Oeste', GO: 'Centro-Oeste', MS: 'Centro-Oeste', MT: 'Centro-Oeste',
  ES: 'Sudeste', MG: 'Sudeste', RJ: 'Sudeste', SP: 'Sudeste',
  PR: 'Sul', RS: 'Sul', SC: 'Sul',
}

/** The Brazilian macro-region of a UF (`SP` → `Sudeste`), used when a row gives a state but no region. */
function brazilianRegionOfState(uf: string | null, countryCode: string | null): string | null {
  if (uf === null || (countryCode !== null && countryCode !== 'BR')) return null
  return regionByUf[uf.toUpperCase()] ?? null
}

/** A text cell a spreadsheet would run as a formula if exported again (`=HYPERLINK(…)`, `+cmd`, `@SUM`). */
function looksLikeFormula(text: string): boolean {
  return /^[=@]/.test(text) || /^[+-][^\d\s.,]/.test(text)
}

export const normaliseImportText = {
  name,
  matchKey,
  email,
  isEmail,
  taxId,
  channel,
  paymentMethod,
  country,
  state,
  brazilianRegionOfState,
  looksLikeFormula,
} as const
