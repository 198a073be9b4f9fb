/**
 * The first, deterministic reading of a turn: is it small talk, a request for help, or something another tool will
 * own (documents, forecasts, logging a sale)? Everything else goes to the planner (offline or model), which tells an
 * analytics question from a follow-up. Kept to clear phrasings: a miss falls through to the planner, which refuses
 * honestly rather than guessing.
 */
import { isForecastQuestion } from '../src/planner/plan-forecast.js'
import type { TurnIntent } from './agent-contract.js'

const normalise = (text: string) =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}\s/]/gu, ' ').replace(/\s+/g, ' ').trim()

const greeting = /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|oi|ola|bom dia|boa tarde|boa noite|e ai|tudo bem)( there| salesmatrix| bot| tudo bem)?$/
const help = /^(\/?help|ajuda|socorro|\?|what can you do|what do you know|how does this work|o que (voce|vc) (sabe|faz|pode fazer)|como (funciona|usar)|me ajuda)\b/
const salesLog = /^(i (just )?sold|sold \d|vendi|acabei de vender|registr(a|ar|e) (uma |a )?venda|log (a )?sale|record (a )?sale)\b/
// Policies, prices and promises live in documents; the semantic layer has no discount, floor-price or commission measure.
const documents =
  /\b(playbooks?|policy|policies|politicas?|contracts?|contratos?|price ?list|pricing|tabela de precos?|lista de precos?|floor prices?|precos? minimos?|preco piso|commissions?|comiss(ao|oes)|accelerators?|acelerador(es)?|clawback|estorno|meeting( notes)?|reuniao|reunioes|ata( da reuniao)?|documentos?|documents?|renewal|renovacao|promised?|prometemos|prometido|combinamos|combinado|discounts?|descontos?|approval|aprovacao|escalat(e|ion)|objections?|objecoes|negotiat(e|ion)|negociacao|sla|warranty|garantia|onboarding)\b/
const segments = /\b(rfm|customer segments?|segment (the |our )?customers|segmentos? de clientes|segmenta(r|cao) (os |de )?clientes|at[ -]risk customers|risco de churn|churn risk)\b|\b(customers?|clients?|clientes?)\b.{0,30}\b(at risk|em risco|about to churn|likely to churn)\b/
const forecast = /\b(forecast|forecasts|predict|prediction|projection|previsao|prever|projecao|will we (hit|reach|make|beat)|vamos (bater|atingir)|(iremos|vamos) fechar)\b/

export function classifyTurn(message: string): TurnIntent | undefined {
  const text = normalise(message)
  if (text === '' || greeting.test(text)) return 'greeting'
  if (help.test(text)) return 'help'
  if (salesLog.test(text)) return 'sales_log'
  if (segments.test(text)) return 'segments'
  if (forecast.test(text) || isForecastQuestion(message)) return 'forecast'
  if (documents.test(text)) return 'document'
  return undefined
}
