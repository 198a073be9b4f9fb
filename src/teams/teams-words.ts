/** What the Teams bot says in its own voice, in the reply's language (the agent's answers bring their own words). */
export type TeamsLanguage = 'en' | 'pt'

export interface TeamsWords {
  readonly showSql: string
  readonly sql: string
  readonly helpful: string
  readonly notHelpful: string
  readonly tryNext: string
  readonly reference: string
  readonly rowsShown: (shown: number, total: number) => string
  readonly truncated: string
  readonly chartTooLarge: string
  readonly chartLabel: string
  readonly feedbackThanks: (rating: 'up' | 'down') => string
  readonly feedbackNotFound: string
  readonly noAccess: (userId: string) => string
  readonly inactive: string
  readonly failure: (reference: string) => string
  readonly emptyQuestion: string
  readonly sources: string
  readonly page: (page: number) => string
  readonly moreSources: (count: number) => string
  /** A document an admin shared was stored, replaced by a new version, or already held this content (title escaped by the caller). */
  readonly documentAdded: (title: string, passages: number) => string
  readonly documentReplaced: (title: string, version: number, passages: number) => string
  readonly documentUnchanged: (title: string, version: number) => string
  readonly documentsAdminOnly: string
  readonly documentsNotEnabled: string
}

const en: TeamsWords = {
  showSql: 'Show SQL',
  sql: 'SQL',
  helpful: '👍',
  notHelpful: '👎',
  tryNext: 'Try next',
  reference: 'Reference',
  rowsShown: (shown, total) => `Showing ${shown} of ${total} rows; the web chat shows them all.`,
  truncated: 'The result was cut at the row limit.',
  chartTooLarge: 'The chart is too large to show in Teams; ask in the web chat to see it.',
  chartLabel: 'Chart',
  feedbackThanks: (rating) => (rating === 'up' ? 'Thanks — your 👍 was recorded.' : 'Thanks — your 👎 was recorded; an admin will review this answer.'),
  feedbackNotFound: 'That answer can no longer be rated.',
  noAccess: (userId) =>
    "Hi! I don't know your Teams account yet, so I can't answer questions about sales data. " +
    `Ask your SalesMatrix admin to link it: reps through their sales rep record (Teams user id ${userId}), directors and analysts through a chat identity.`,
  inactive: 'Your sales rep account is inactive, so I cannot answer questions about sales data. Ask your SalesMatrix admin if this is a mistake.',
  failure: (reference) => `Sorry, I could not answer this time. Please try again; quote reference ${reference} if it keeps happening.`,
  emptyQuestion: 'Ask me a question about your sales, e.g. "revenue by region last month".',
  sources: 'Sources',
  page: (page) => `p. ${page}`,
  moreSources: (count) => `…and ${count} more ${count === 1 ? 'source' : 'sources'}.`,
  documentAdded: (title, passages) => `Added **${title}** (${passages} ${passages === 1 ? 'passage' : 'passages'}) — everyone can now ask about it.`,
  documentReplaced: (title, version, passages) => `Replaced **${title}** with the new version (version ${version}, ${passages} ${passages === 1 ? 'passage' : 'passages'}) — answers now use it.`,
  documentUnchanged: (title, version) => `Already up to date: **${title}** (version ${version}) has exactly this content.`,
  documentsAdminOnly: 'Only admins can add documents, so I did not add this file. Ask a SalesMatrix admin to share it with me.',
  documentsNotEnabled: 'Adding documents is not enabled here.',
}

const pt: TeamsWords = {
  showSql: 'Mostrar SQL',
  sql: 'SQL',
  helpful: '👍',
  notHelpful: '👎',
  tryNext: 'Experimente',
  reference: 'Referência',
  rowsShown: (shown, total) => `Mostrando ${shown} de ${total} linhas; o chat web mostra todas.`,
  truncated: 'O resultado foi cortado no limite de linhas.',
  chartTooLarge: 'O gráfico é grande demais para o Teams; pergunte no chat web para vê-lo.',
  chartLabel: 'Gráfico',
  feedbackThanks: (rating) => (rating === 'up' ? 'Obrigado — seu 👍 foi registrado.' : 'Obrigado — seu 👎 foi registrado; um administrador vai revisar esta resposta.'),
  feedbackNotFound: 'Essa resposta não pode mais ser avaliada.',
  noAccess: (userId) =>
    'Olá! Ainda não conheço sua conta do Teams, então não posso responder sobre os dados de vendas. ' +
    `Peça ao administrador do SalesMatrix para vinculá-la: vendedores pelo cadastro de vendedor (id do Teams ${userId}), diretores e analistas por uma identidade de chat.`,
  inactive: 'Sua conta de vendedor está inativa, então não posso responder sobre os dados de vendas. Fale com o administrador do SalesMatrix se for um engano.',
  failure: (reference) => `Desculpe, não consegui responder desta vez. Tente de novo; informe a referência ${reference} se continuar acontecendo.`,
  emptyQuestion: 'Faça uma pergunta sobre suas vendas, por exemplo "faturamento por região no mês passado".',
  sources: 'Fontes',
  page: (page) => `p. ${page}`,
  moreSources: (count) => `…e mais ${count} ${count === 1 ? 'fonte' : 'fontes'}.`,
  documentAdded: (title, passages) => `Adicionei **${title}** (${passages} ${passages === 1 ? 'trecho' : 'trechos'}) — agora todos podem perguntar sobre ele.`,
  documentReplaced: (title, version, passages) => `Substituí **${title}** pela nova versão (versão ${version}, ${passages} ${passages === 1 ? 'trecho' : 'trechos'}) — as respostas já usam ela.`,
  documentUnchanged: (title, version) => `Já está atualizado: **${title}** (versão ${version}) tem exatamente este conteúdo.`,
  documentsAdminOnly: 'Só administradores podem adicionar documentos, então não adicionei este arquivo. Peça a um admin do SalesMatrix para compartilhá-lo comigo.',
  documentsNotEnabled: 'Adicionar documentos não está habilitado aqui.',
}

/** Words for a reply language or a Teams locale such as "pt-BR" / "en-US" (English unless Portuguese). */
export function teamsWords(languageOrLocale: string | undefined): TeamsWords {
  return languageOrLocale?.toLowerCase().startsWith('pt') ? pt : en
}
