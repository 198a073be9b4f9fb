/** The words of a sale message in English and Portuguese: verbs, quantities, channels, payment methods. */
import { languageScore } from '../planner/detect-language.js'
import type { Language } from '../semantic/semantic-model.js'

/** "vendi", "sold", "nova venda", "log a sale of" … anywhere; "venda"/"sale" only at the start ("venda: 3 …"). */
export const saleVerb =
  /\b(?:(?:eu|n[oó]s)\s+)?(?:vendi|vendemos|vendido|vendida|vendidos|vendidas|(?:registr(?:e|a|ar)|lan[cç](?:e|a|ar)|anot(?:e|a|ar))\s+(?:uma\s+|a\s+)?venda(?:\s+de)?|nova\s+venda(?:\s+de)?|(?:i|we)\s+(?:just\s+)?sold|sold|(?:log|record)\s+(?:a\s+|the\s+)?sale(?:\s+of)?|new\s+sale(?:\s+of)?)\b\s*:?/i
export const leadingSaleWord = /^\s*(?:\/?salesmatrix\s+)?(?:sale|venda|vender)\b\s*(?:of\b|de\b)?\s*:?/i

/** Marks a message as Portuguese or English when there is no other clue. */
const ptWords = /\b(?:vendi|vendemos|venda|para|pra|cada|desconto|ontem|hoje|anteontem|cliente|reais|unidades?|boleto|cart[aã]o|no total|por|com|dia|de|um|uma|dois|duas|tr[eê]s)\b|[ãõçáéíóúâêô]/gi
const enWords = /\b(?:sold|sale|to|for|each|off|yesterday|today|at|customer|units?|with|total|of|one|two|three|the)\b/gi

export function saleLanguage(text: string, fallback: Language): Language {
  // The planner's evidence (its question words) plus the words of sales.
  const score = (text.match(ptWords)?.length ?? 0) - (text.match(enWords)?.length ?? 0) + languageScore(text)
  return score === 0 ? fallback : score > 0 ? 'pt' : 'en'
}

export const numberWords: Readonly<Record<string, number>> = {
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, três: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11, doze: 12,
  treze: 13, quatorze: 14, catorze: 14, quinze: 15, vinte: 20, trinta: 30, cinquenta: 50, cem: 100, cento: 100,
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  dozen: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
}
/** A quantity word at the start of an item (never "a"/"an" alone in the middle of a name). */
export const numberWordPattern = Object.keys(numberWords).sort((a, b) => b.length - a.length).join('|')

/** Stored channel values (the demo data's) and how people say them. */
export const channelPhrases: readonly [RegExp, string][] = [
  [/\b(?:via\s+|pelo\s+|por\s+)?(?:online|internet|site|e-?commerce|loja\s+virtual)\b/i, 'online'],
  [/\b(?:(?:pelo|por|via)\s+telefone|by\s+phone|over\s+the\s+phone|(?:via\s+)?phone\s+(?:sale|order))\b/i, 'phone'],
  [/\b(?:em\s+campo|visita|presencial(?:mente)?|in\s+person|(?:in\s+the\s+)?field)\b/i, 'field'],
  [/\b(?:via\s+|pelo\s+|por\s+|through\s+a\s+|through\s+|via\s+a\s+)?(?:parceiro|revenda|partner|reseller)\b/i, 'partner'],
]

export const paymentPhrases: readonly [RegExp, string][] = [
  [/\b(?:(?:via|no|por|pelo|com|pago\s+(?:no|via|por|com))\s+|paid\s+(?:by|with|via)\s+|by\s+|with\s+|via\s+)?pix\b/i, 'pix'],
  [/\b(?:(?:via|no|por|pelo|com|pago\s+(?:no|via|por|com))\s+|paid\s+(?:by|with|via)\s+|by\s+|with\s+|via\s+)?boleto(?:\s+banc[aá]rio)?\b/i, 'boleto'],
  // "Cartão de Memória" is a product: a bare "cartão" is a payment only after "no/com/via/pago …".
  [/\b(?:cart[aã]o\s+de\s+cr[eé]dito|credit\s+card|(?:(?:via|no|pelo|com|pago\s+(?:no|via|com))\s+cart[aã]o|(?:paid\s+)?(?:by|with|on)\s+card)(?!\s+de\s+mem))\b/i, 'credit_card'],
  [/\b(?:(?:via|por|com|pago\s+(?:via|por|com))\s+|paid\s+(?:by|with|via)\s+|by\s+|via\s+)?(?:transfer[eê]ncia(?:\s+banc[aá]ria)?|ted|bank\s+transfer|wire(?:\s+transfer)?)\b/i, 'bank_transfer'],
]
