/**
 * English or Portuguese, by counting words only one of the two languages uses (function words, common
 * verbs, the semantic model's one-language synonyms) plus Portuguese accents. Sales vocabulary is shared
 * ("ticket", "sku", "online"), so those words count for neither.
 */
import { dimensions, metrics, type Language } from '../semantic/semantic-model.js'
import { tokenizeQuestion } from './tokenize-question.js'

const portugueseWords = [
  'o', 'os', 'as', 'um', 'uma', 'de', 'da', 'do', 'das', 'dos', 'em', 'no', 'na', 'nos', 'nas', 'ao', 'aos', 'pelo', 'pela', 'para', 'pra', 'pro',
  'por', 'com', 'sem', 'e', 'ou', 'que', 'qual', 'quais', 'quanto', 'quanta', 'quantos', 'quantas', 'quem', 'como', 'onde', 'quando', 'foi', 'foram',
  'e', 'sao', 'esta', 'estao', 'teve', 'tivemos', 'tiveram', 'temos', 'tem', 'houve', 'nosso', 'nossa', 'nossos', 'nossas', 'meu', 'minha',
  'mostre', 'mostra', 'mostrar', 'me', 'quero', 'gostaria', 'ver', 'liste', 'listar', 'traga', 'informe', 'diga', 'cada', 'mais', 'menos', 'maior',
  'menor', 'maiores', 'menores', 'melhor', 'melhores', 'pior', 'piores', 'ultimo', 'ultima', 'ultimos', 'ultimas', 'passado', 'passada', 'anterior',
  'este', 'esta', 'neste', 'nesta', 'esse', 'essa', 'hoje', 'ontem', 'ano', 'anos', 'mes', 'meses', 'semana', 'semanas', 'dia', 'dias', 'trimestre',
  'semestre', 'desde', 'ate', 'entre', 'contra', 'relacao', 'mesmo', 'periodo', 'acumulado', 'janeiro', 'fevereiro', 'marco', 'abril', 'maio',
  'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro', 'crescimento', 'variacao', 'vendeu', 'venderam', 'vendemos', 'comprou',
  'consulta', 'grafico', 'favor', 'obrigado', 'exceto', 'sobre', 'todos', 'todas', 'regiao', 'vendedor', 'vendedora', 'cliente', 'produto',
]

const englishWords = [
  'the', 'of', 'in', 'on', 'at', 'for', 'to', 'from', 'by', 'with', 'and', 'or', 'what', 'whats', 'which', 'who', 'how', 'much', 'many', 'was',
  'were', 'is', 'are', 'did', 'do', 'does', 'our', 'we', 'my', 'me', 'show', 'give', 'tell', 'list', 'please', 'each', 'every', 'most', 'least',
  'best', 'worst', 'highest', 'lowest', 'biggest', 'last', 'past', 'previous', 'this', 'current', 'today', 'yesterday', 'year', 'years', 'month',
  'months', 'week', 'weeks', 'day', 'days', 'quarter', 'since', 'between', 'compared', 'versus', 'same', 'period', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'growth', 'sold', 'sell', 'bought', 'query', 'chart',
  'except', 'about', 'all', 'region', 'rep', 'customer', 'product', 'top', 'per', 'than', 'over', 'did', 'get', 'see', 'you', 'your', 'i', 'am',
  'an', 'it', 'its', 'be', 'been', 'will', 'would', 'could', 'can', 'should', 'every', 'them', 'their', 'there', 'here', 'run', 'answer', 'use',
  'print', 'write', 'ignore', 'instructions', 'entries', 'some', 'any', 'have', 'has', 'had', 'they', 'he', 'she', 'go', 'went', 'going', 'like',
  'much', 'more', 'less', 'only', 'also', 'just', 'now', 'still', 'yet', 'why', 'when', 'where', 'whose', 'into', 'out', 'up', 'down', 'same',
  'compared', 'against', 'between', 'during', 'without', 'customers', 'products', 'orders', 'reps', 'regions', 'sales', 'weather', 'tomorrow',
]

function oneLanguageSynonyms(): { pt: Set<string>; en: Set<string> } {
  const pt = new Set<string>()
  const en = new Set<string>()
  const definitions = [...Object.values(metrics), ...Object.values(dimensions)]
  for (const d of definitions) {
    for (const phrase of d.synonyms.pt) for (const word of phrase.split(' ')) pt.add(word)
    for (const phrase of d.synonyms.en) for (const word of phrase.split(' ')) en.add(word)
  }
  const shared = [...pt].filter((w) => en.has(w))
  for (const w of shared) {
    pt.delete(w)
    en.delete(w)
  }
  return { pt, en }
}

const synonyms = oneLanguageSynonyms()
const pt = new Set([...portugueseWords, ...synonyms.pt])
const en = new Set([...englishWords, ...synonyms.en])
for (const w of [...pt]) {
  if (en.has(w)) {
    pt.delete(w)
    en.delete(w)
  }
}

/** Portuguese letters English never uses. */
const portugueseLetters = /[ãõçáéíóúâêôà]/i

/**
 * Ties (e.g. "Q3 2025") go to Portuguese: the company and most of its people are Brazilian. `skip` leaves out
 * words of names ("Rio de Janeiro" says nothing about the asker's language).
 */
export function detectLanguage(question: string, skip: ReadonlySet<number> = new Set()): Language {
  return languageScore(question, skip) >= 0 ? 'pt' : 'en'
}

/**
 * The evidence behind detectLanguage: above zero Portuguese, below zero English, zero when the words say nothing
 * either way ("sql?", "Q3?"), so a conversation can keep the language it was in.
 */
export function languageScore(question: string, skip: ReadonlySet<number> = new Set()): number {
  let score = 0
  for (const token of tokenizeQuestion(question)) {
    if (skip.has(token.index)) continue
    if (pt.has(token.text)) score += 1
    if (en.has(token.text)) score -= 1
    if (portugueseLetters.test(token.raw)) score += 1
  }
  return score
}
