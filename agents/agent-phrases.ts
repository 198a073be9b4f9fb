/** Every sentence the agent itself says (progress, help, refusals, errors), in English and Brazilian Portuguese. */
import type { Language } from '../src/semantic/semantic-model.js'
import type { ProgressStep } from './agent-contract.js'

export const progressMessages: Record<ProgressStep, Record<Language, string>> = {
  understanding: { en: 'Reading your question…', pt: 'Lendo sua pergunta…' },
  planning: { en: 'Planning the query…', pt: 'Planejando a consulta…' },
  querying: { en: 'Querying the sales data…', pt: 'Consultando os dados de vendas…' },
  searching_documents: { en: 'Searching the sales documents…', pt: 'Buscando nos documentos de vendas…' },
  correcting: { en: 'The query failed; correcting it…', pt: 'A consulta falhou; corrigindo…' },
  drawing_chart: { en: 'Drawing the chart…', pt: 'Desenhando o gráfico…' },
  composing: { en: 'Writing the answer…', pt: 'Escrevendo a resposta…' },
}

export const exampleQuestions: Record<Language, readonly string[]> = {
  en: ['revenue by region last month', 'top 5 reps by revenue this year', 'average ticket by channel in 2025', 'orders by month this year vs last year'],
  pt: ['faturamento por região no mês passado', 'top 5 vendedores por faturamento este ano', 'ticket médio por canal em 2025', 'pedidos por mês este ano'],
}

export const followUpSuggestions: Record<Language, readonly string[]> = {
  en: ['and the month before?', 'by category', 'show the SQL'],
  pt: ['e o mês anterior?', 'por categoria', 'mostra o SQL'],
}

export const phrases = {
  help: {
    en: [
      "I'm SalesMatrix. Ask me about your sales in plain words and I answer with the figure, its period and how it was computed — every number comes from a query on your data that a guard approved.",
      'You can follow up in the same conversation: "and the month before?", "only the South region", "by category", "show the SQL".',
    ].join('\n'),
    pt: [
      'Sou o SalesMatrix. Pergunte sobre suas vendas com suas palavras e eu respondo com o número, o período e como foi calculado — todo número vem de uma consulta aos seus dados aprovada por um guarda.',
      'Dá para continuar a conversa: "e o mês anterior?", "só para a região Sul", "por categoria", "mostra o SQL".',
    ].join('\n'),
  },
  greeting: { en: 'Hi! Ask me about your sales, for example:', pt: 'Olá! Pergunte sobre suas vendas, por exemplo:' },
  tryThese: { en: 'Questions I can answer:', pt: 'Perguntas que sei responder:' },
  notYet: {
    document: {
      en: 'Answering from sales documents (playbooks, price lists, contracts) is not available yet. I can answer questions about the sales figures.',
      pt: 'Responder a partir de documentos de vendas (playbooks, tabelas de preço, contratos) ainda não está disponível. Posso responder perguntas sobre os números de vendas.',
    },
    forecast: {
      en: 'Forecasts are not available yet, and I will not guess a future number. I can show the actuals so far, e.g. "revenue by month this year".',
      pt: 'Previsões ainda não estão disponíveis, e não vou chutar um número futuro. Posso mostrar o realizado até agora, por exemplo "faturamento por mês este ano".',
    },
    segments: {
      en: 'Customer segments are not available in this installation.',
      pt: 'Segmentos de clientes não estão disponíveis nesta instalação.',
    },
    sales_log: {
      en: 'Recording sales by message is not available here yet; use the admin API or an import for now.',
      pt: 'Registrar vendas por mensagem ainda não está disponível aqui; por enquanto use a API de administração ou uma importação.',
    },
  },
  noPreviousQuery: {
    en: 'There is no earlier answer in this conversation to show the SQL of. Ask a question first.',
    pt: 'Ainda não há resposta nesta conversa para mostrar o SQL. Faça uma pergunta primeiro.',
  },
  noChart: { en: 'No chart fits this answer (a single figure or too few rows); here is the table.', pt: 'Nenhum gráfico cabe nesta resposta (um único número ou poucas linhas); aqui está a tabela.' },
  modelUnavailable: {
    en: 'The language model did not answer, so the offline planner answered instead.',
    pt: 'O modelo de linguagem não respondeu, então o planejador offline respondeu.',
  },
  stepLimit: {
    en: 'I stopped after too many steps without a final answer.',
    pt: 'Parei depois de passos demais sem uma resposta final.',
  },
  couldNotCompute: {
    en: (reason: string) => `I could not compute that safely: ${reason}`,
    pt: (reason: string) => `Não consegui calcular isso com segurança: ${reason}`,
  },
  queryResult: {
    en: (rows: number) => `Result of the query (${rows} row${rows === 1 ? '' : 's'}):`,
    pt: (rows: number) => `Resultado da consulta (${rows} linha${rows === 1 ? '' : 's'}):`,
  },
  internalError: {
    en: (reference: string) => `Something went wrong on my side and I could not answer. Reference: ${reference}`,
    pt: (reference: string) => `Algo deu errado do meu lado e não consegui responder. Referência: ${reference}`,
  },
  reference: { en: 'Reference', pt: 'Referência' },
  visibility: {
    company: { en: "Company-wide figures (every rep's sales): reps see company aggregates.", pt: 'Números da empresa toda (vendas de todos os vendedores): vendedores veem os agregados da empresa.' },
    own: { en: 'Only your own sales: details about reps and customers cover your sales.', pt: 'Só as suas vendas: detalhes por vendedor e cliente mostram as suas vendas.' },
  },
} as const
