/**
 * The words that make a question about the future, in English and Portuguese (normalised: lower-case, no
 * accents), and the cheap check the agent's classifier uses to send a question to the forecast reader instead of
 * the planner. A bare "target" or "meta" is not enough ("did we hit the Q3 target?" is history): it takes a
 * forecast word, a future tense or a period ahead.
 */
import { tokenizeQuestion } from './tokenize-question.js'

const unit = '(days?|weeks?|months?|quarters?|years?|dias?|semanas?|mes|meses|trimestres?|semestres?|anos?)'
const number = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|doze|trinta|noventa)'

const forecastPattern = new RegExp(
  [
    // forecast nouns and verbs
    '\\b(forecasts?|forecasting|forecasted|predict|predicts|predicted|prediction|predictions|projection|projections|projected|outlook)\\b',
    '\\b(previsao|previsoes|prever|preveja|preve|projecao|projecoes|projetar|projete|projetado|projetada|estimativa|estimativas|expectativa|expectativas)\\b',
    '\\b(expected|expect|expecting|estimated|esperado|esperada|esperados|esperadas|previsto|prevista|previstos|previstas|projetados|projetadas)\\b',
    // future tenses
    "\\b(will|won't|wont|shall|going to|gonna|on track|on pace)\\b",
    '\\b(vamos|vai|vao|iremos|ira|irao) (bater|vender|faturar|fechar|atingir|alcancar|ter|chegar|conseguir|crescer|cair|ficar|terminar|superar|passar)\\b',
    '\\b(venderemos|faturaremos|bateremos|atingiremos|alcancaremos|teremos|fecharemos|chegaremos|terminaremos|superaremos)\\b',
    // periods ahead
    `\\b(next|coming|upcoming) (${number} )?${unit}\\b`,
    `\\b(proxim[oa]s?) (${number} )?${unit}\\b`,
    `\\b${unit} (que vem|seguinte)\\b`,
    '\\b(tomorrow|amanha)\\b',
    '\\b(ate|by|until|till|through) (o |a |the )?(fim|final|end)\\b',
    '\\b(end|rest) of (this|the) (week|month|quarter|year)\\b',
    '\\b(resto|restante) d[oa] (semana|mes|trimestre|ano)\\b',
  ].join('|'),
)

/** "como vai …" asks how something is going, not what it will do. */
const presentIdioms = /\bcomo (vai|vao)\b/g

/** Whether a question asks about the future (a forecast, an expectation, a target not yet reached). Pure and fast. */
export function isForecastQuestion(question: string): boolean {
  const normalized = tokenizeQuestion(question)
    .map((t) => t.text)
    .join(' ')
    .replace(presentIdioms, ' ')
  return forecastPattern.test(normalized)
}

/**
 * Words a forecast question uses that say nothing more once it is known to be one: forecast words, future tenses,
 * "hit"/"bater" and the like. They are explained, never reported as ignored or taken for a name.
 */
export const forecastFunctionWords: ReadonlySet<string> = new Set([
  'forecast', 'forecasts', 'forecasting', 'forecasted', 'predict', 'predicts', 'predicted', 'prediction', 'predictions', 'projection', 'projections',
  'project', 'projected', 'outlook', 'expected', 'expect', 'expecting', 'estimate', 'estimated', 'estimates', 'estimation', 'will', 'wont', 'shall',
  'going', 'gonna', 'likely', 'probably', 'hit', 'reach', 'achieve', 'meet', 'beat', 'make', 'track', 'pace', 'land', 'end', 'close', 'finish', 'rest',
  'ahead', 'future', 'be', 'have', 'get', 'growth', 'grow', 'trend', 'on', 'until', 'till', 'final',
  'previsao', 'previsoes', 'prever', 'preveja', 'preve', 'projecao', 'projecoes', 'projetar', 'projete', 'projetado', 'projetada', 'estimativa',
  'estimativas', 'estimado', 'estimada', 'expectativa', 'expectativas', 'esperado', 'esperada', 'esperados', 'esperadas', 'esperamos', 'vamos', 'vai',
  'vao', 'iremos', 'ira', 'irao', 'teremos', 'tera', 'terao', 'ter', 'bater', 'bateremos', 'atingir', 'atingiremos', 'alcancar', 'alcancaremos', 'chegar',
  'chegaremos', 'fechar', 'fecharemos', 'conseguir', 'conseguiremos', 'terminar', 'terminaremos', 'superar', 'superaremos', 'ficar', 'passar',
  'previsto', 'prevista', 'previstos', 'previstas', 'projetados', 'projetadas', 'fim', 'resto', 'restante', 'frente', 'futuro', 'crescimento', 'crescer', 'tendencia', 'provavel', 'provavelmente', 'deve', 'devemos',
])

/** Verbs of selling said in the future: revenue, like the semantic model's "vendemos"/"sold". */
export const futureRevenueWords: ReadonlySet<string> = new Set(['vender', 'venderemos', 'venderao', 'faturar', 'faturaremos', 'faturarao', 'sell', 'selling', 'bill'])
