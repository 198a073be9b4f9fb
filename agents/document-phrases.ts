/** What the agent says around document passages, in English and Brazilian Portuguese. */
import type { Language } from '../src/semantic/semantic-model.js'

export const documentPhrases = {
  offlineIntro: {
    en: 'From the sales documents — the most relevant passages, quoted as written (no model summarised them):',
    pt: 'Dos documentos de vendas — os trechos mais relevantes, citados como estão escritos (nenhum modelo os resumiu):',
  },
  weakMatch: {
    en: 'No passage matches your words closely; these are the nearest ones — check that they answer your question:',
    pt: 'Nenhum trecho corresponde bem às suas palavras; estes são os mais próximos — confira se respondem à sua pergunta:',
  },
  nothingFound: {
    en: 'The sales documents I can read do not contain an answer to that.',
    pt: 'Os documentos de vendas que posso ler não contêm uma resposta para isso.',
  },
  sources: { en: 'Sources:', pt: 'Fontes:' },
  page: { en: 'p.', pt: 'p.' },
  droppedClaims: {
    en: 'Part of the model\'s answer was left out because it stated numbers that are not in the cited passages.',
    pt: 'Parte da resposta do modelo foi omitida porque citava números que não estão nos trechos citados.',
  },
  suggestions: {
    en: ['what is the maximum discount for enterprise customers?', 'what is the floor price of each product?', 'what did we promise in the last renewal?'],
    pt: ['qual é a comissão sobre vendas acima da meta?', 'qual o preço mínimo de cada produto?', 'o que foi decidido na última reunião da região Sul?'],
  },
} satisfies Record<string, Record<Language, unknown>>
