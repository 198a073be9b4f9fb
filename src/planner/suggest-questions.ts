/**
 * Example questions the planner can answer, in the user's language, as close to the user's own question as
 * we can make them: the same question with the unknown or ambiguous name replaced by real ones, or the same
 * period and filters with a metric added. Always 3–5, never a duplicate.
 */
import type { Language } from '../semantic/semantic-model.js'

export interface SuggestionContext {
  readonly language: Language
  readonly question: string
  /** Replace this text of the question by each name (unknown or ambiguous names). */
  readonly replace?: { readonly text: string; readonly names: readonly string[] }
  /** How the question named its period, e.g. "em março", "last month"; reused in templates. */
  readonly periodText?: string
  /** A real rep and product category, for templates. */
  readonly exampleRep?: string
  readonly exampleCategory?: string
  readonly exampleRegion?: string
}

const templates: Readonly<Record<Language, readonly string[]>> = {
  en: [
    'Revenue by region {period}',
    'Top 5 products by gross profit {period}',
    'Average ticket per rep {period}',
    'Sales of {rep} {period} compared with the same period last year',
    'Orders by month in {category} {period}',
    'Revenue 2025 vs 2024',
  ],
  pt: [
    'Faturamento por região {period}',
    'Top 5 produtos mais lucrativos {period}',
    'Ticket médio por vendedor {period}',
    'Vendas da {rep} {period} comparadas com o mesmo período do ano passado',
    'Pedidos por mês em {category} {period}',
    'Faturamento 2025 vs 2024',
  ],
}

const defaultPeriod: Readonly<Record<Language, string>> = { en: 'last month', pt: 'no mês passado' }

export function suggestQuestions(context: SuggestionContext): string[] {
  const out: string[] = []
  const add = (text: string) => {
    const clean = text.replace(/\s+/g, ' ').replace(/\s+([?.!,])/g, '$1').trim()
    if (clean !== '' && !out.some((s) => s.toLowerCase() === clean.toLowerCase())) out.push(clean)
  }
  if (context.replace) {
    const pattern = new RegExp(escapeRegExp(context.replace.text), 'i')
    for (const name of context.replace.names.slice(0, 3)) {
      if (pattern.test(context.question)) add(context.question.replace(pattern, name))
    }
  }
  const period = context.periodText && context.periodText.trim() !== '' ? context.periodText : defaultPeriod[context.language]
  for (const template of templates[context.language]) {
    if (out.length >= 5) break
    if (out.length >= 3 && context.replace) break
    add(
      template
        .replace('{period}', period)
        .replace('{rep}', context.exampleRep ?? (context.language === 'pt' ? 'Maria Silva' : 'Maria Silva'))
        .replace('{category}', context.exampleCategory ?? 'Notebooks'),
    )
  }
  return out.slice(0, 5)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
