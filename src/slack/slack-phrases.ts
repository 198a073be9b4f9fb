/** What the Slack surface itself says (not the agent): help, access, progress, failures — in English and Portuguese. */
import type { Language } from '../semantic/semantic-model.js'

export const exampleQuestions: Record<Language, readonly string[]> = {
  en: ['revenue by region last month', 'top 10 products by revenue this year', 'and the month before?', 'will we hit the Q4 target?', 'show the SQL'],
  pt: ['faturamento por região no mês passado', 'top 10 produtos por faturamento este ano', 'e o mês anterior?', 'vamos bater a meta do trimestre?', 'mostre o SQL'],
}

export const slackPhrases = {
  en: {
    placeholder: '…',
    help: [
      '*SalesMatrix* answers questions about sales in plain language.',
      '• Mention me in a channel (`@SalesMatrix revenue by region last month`), or write to me here. Reply in the thread to follow up.',
      '• `/salesmatrix <question>` asks from anywhere; `/salesmatrix sale <what you sold>` logs a sale.',
      '• Every answer shows the period and how it was computed; *Show SQL* shows the query.',
    ].join('\n'),
    examples: 'Try:',
    noAccess: (userId: string) =>
      `Hi! I don't know you yet, so I can't answer questions about sales data. Ask a SalesMatrix admin to give you access: sales reps get their Slack user id (\`${userId}\`) set on their rep record; directors and analysts are added with \`POST /api/chat-identities\` (platform \`slack\`, platform_user_id \`${userId}\`).`,
    inactive: 'Your sales rep account is inactive, so I can no longer answer questions about sales data. Ask a SalesMatrix admin if this is a mistake.',
    failed: (ref: string) => `Sorry — something went wrong while answering. Please try again; if it keeps happening, give an admin this reference: \`${ref}\`.`,
    notInChannel: 'I am not in this channel yet: invite me with `/invite @SalesMatrix`, or ask me in a direct message.',
    thanks: 'Thanks for the feedback!',
    notYourTurn: 'Only the person who asked can rate this answer.',
    noSql: 'This answer ran no SQL.',
    emptyQuestion: 'Ask a question after the command, e.g. `/salesmatrix revenue by region last month`.',
  },
  pt: {
    placeholder: '…',
    help: [
      '*SalesMatrix* responde perguntas sobre vendas em linguagem natural.',
      '• Me mencione num canal (`@SalesMatrix faturamento por região no mês passado`) ou escreva aqui. Responda na thread para continuar a conversa.',
      '• `/salesmatrix <pergunta>` pergunta de qualquer lugar; `/salesmatrix sale <o que você vendeu>` registra uma venda.',
      '• Toda resposta mostra o período e como foi calculada; *Mostrar SQL* mostra a consulta.',
    ].join('\n'),
    examples: 'Experimente:',
    noAccess: (userId: string) =>
      `Olá! Ainda não conheço você, então não posso responder sobre os dados de vendas. Peça acesso a um admin do SalesMatrix: vendedores têm o id do Slack (\`${userId}\`) cadastrado no seu registro de vendedor; diretores e analistas são incluídos com \`POST /api/chat-identities\` (platform \`slack\`, platform_user_id \`${userId}\`).`,
    inactive: 'Seu cadastro de vendedor está inativo, então não posso mais responder sobre os dados de vendas. Fale com um admin do SalesMatrix se for um engano.',
    failed: (ref: string) => `Desculpe — algo deu errado ao responder. Tente de novo; se continuar, passe esta referência a um admin: \`${ref}\`.`,
    notInChannel: 'Ainda não estou neste canal: me convide com `/invite @SalesMatrix` ou me pergunte por mensagem direta.',
    thanks: 'Obrigado pelo retorno!',
    notYourTurn: 'Só quem perguntou pode avaliar esta resposta.',
    noSql: 'Esta resposta não executou SQL.',
    emptyQuestion: 'Escreva a pergunta depois do comando, por exemplo `/salesmatrix faturamento por região no mês passado`.',
  },
} satisfies Record<Language, unknown>
