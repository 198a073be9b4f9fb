/**
 * What the Slack surface itself says (not the agent): help, access, progress, failures, documents shared with the bot,
 * the digest commands — in English and Portuguese. Arguments that come from data (titles, file names, error messages,
 * schedule and scope names) arrive escaped.
 */
import type { DigestFrequency } from '../digests/schedule/parse-digest-command.js'
import type { DigestPeriodKind } from '../digests/digest-contract.js'
import type { Language } from '../semantic/semantic-model.js'

/** A digest schedule as the replies describe it, every part already in the reply's language and escaped. */
export interface DigestScheduleWords {
  readonly id: number
  readonly name: string
  /** "every Monday at 08:00" / "toda segunda-feira às 08:00", or the cron for schedules made elsewhere. */
  readonly when: string
  readonly timeZone: string
  readonly scope: string
  readonly language: string
  readonly period: string
  /** The next fire time, formatted in the schedule's zone. */
  readonly next: string | undefined
}

const two = (n: number) => String(n).padStart(2, '0')

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
      '• `/salesmatrix digest` shows how admins schedule digests: the numbers posted to a channel every day, week or month.',
      '• Every answer shows the period and how it was computed; *Show SQL* shows the query.',
    ].join('\n'),
    examples: 'Try:',
    noAccess: (userId: string) =>
      `Hi! I don't know you yet, so I can't answer questions about sales data. Ask a SalesMatrix admin to give you access: sales reps get their Slack user id (\`${userId}\`) set on their rep record; directors and analysts are added with \`POST /api/chat-identities\` (platform \`slack\`, platform_user_id \`${userId}\`).`,
    inactive: 'Your sales rep account is inactive, so I can no longer answer questions about sales data. Ask a SalesMatrix admin if this is a mistake.',
    failed: (ref: string) => `Sorry — something went wrong while answering. Please try again; if it keeps happening, give an admin this reference: \`${ref}\`.`,
    failedSafely: (message: string, ref: string) => `${message} (reference: \`${ref}\`)`,
    notInChannel: 'I am not in this channel yet: invite me with `/invite @SalesMatrix`, or ask me in a direct message.',
    thanks: 'Thanks for the feedback!',
    notYourTurn: 'Only the person who asked can rate this answer.',
    noSql: 'This answer ran no SQL.',
    emptyQuestion: 'Ask a question after the command, e.g. `/salesmatrix revenue by region last month`.',
    documentReading: (names: string) => `_Reading ${names}…_`,
    documentAdded: (title: string, passages: number) => `Added *${title}* (${passages} ${passages === 1 ? 'passage' : 'passages'}) — everyone can now ask about it.`,
    documentReplaced: (title: string, version: number, passages: number) => `Replaced *${title}* with the new version (version ${version}, ${passages} ${passages === 1 ? 'passage' : 'passages'}) — answers now use it.`,
    documentUnchanged: (title: string, version: number) => `Already up to date: *${title}* (version ${version}) has exactly this content.`,
    documentsAdminOnly: 'Only admins can add documents, so I did not add this file. Ask a SalesMatrix admin to share it with me.',
    documentsNotEnabled: 'Adding documents is not enabled here.',
    digests: {
      notEnabled: 'Digests are not enabled here.',
      adminOnly: 'Only SalesMatrix admins can schedule, preview or turn off digests. Ask an admin to set one up for this channel.',
      invalid: (message: string, example: string) => `${message}\nFor example: \`/salesmatrix ${example}\``,
      help: (timeZone: string) =>
        [
          '*Digests* post the numbers to a channel on a schedule, exactly once each time (admins set them up):',
          '• `/salesmatrix digest weekly monday 8:00 here` — every Monday at 08:00, about the previous week',
          '• `/salesmatrix digest daily 7:30 here for Sul` — every day, about the previous day, only the region Sul',
          '• `/salesmatrix digest monthly 1 9:00 here in portuguese` — on the 1st, about the previous month, in Portuguese',
          '• `/salesmatrix digest preview` shows this channel’s digest now, only to you · `digest list` lists them · `digest off [number]` stops one',
          `Times are in ${timeZone}. Reply in a digest’s thread to dig into its numbers.`,
        ].join('\n'),
      name: (frequency: DigestFrequency) => ({ daily: 'Daily digest', weekly: 'Weekly digest', monthly: 'Monthly digest' })[frequency],
      when: (frequency: DigestFrequency, time: { hour: number; minute: number; weekday?: number; dayOfMonth?: number }) => {
        const at = `${two(time.hour)}:${two(time.minute)}`
        const day = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][time.weekday ?? 1]
        return frequency === 'weekly' ? `every ${day} at ${at}` : frequency === 'monthly' ? `on day ${time.dayOfMonth} of every month at ${at}` : `every day at ${at}`
      },
      cron: (cron: string) => `cron \`${cron}\``,
      wholeCompany: 'the whole company',
      region: (name: string) => `region ${name}`,
      category: (name: string) => `category ${name}`,
      languageName: (language: Language) => ({ en: 'English', pt: 'Portuguese' })[language],
      period: (period: DigestPeriodKind) =>
        ({ previous_day: 'the previous day', previous_week: 'the previous week', previous_month: 'the previous month', week_to_date: 'the week so far', month_to_date: 'the month so far' })[period],
      scheduled: (s: DigestScheduleWords) =>
        [
          `Scheduled *${s.name}* (number ${s.id}) for this channel: ${s.when} (${s.timeZone}), ${s.scope}, in ${s.language}; each one covers ${s.period}.`,
          s.next ? `Next one: ${s.next}.` : 'It has no fire time in the next year.',
          `\`/salesmatrix digest preview ${s.id}\` shows it now; \`/salesmatrix digest off ${s.id}\` stops it.`,
        ].join('\n'),
      unknownScope: (name: string, kind: 'region' | 'category' | undefined, regions: string, categories: string) =>
        `I don’t know a ${kind ?? 'region or category'} called “${name}”. Regions: ${regions}. Categories: ${categories}.`,
      scopeTwice: (first: string, second: string) => `A digest covers at most one region and one category, and “${first}” and “${second}” are the same kind; pick one.`,
      listHeader: 'Digests in this channel:',
      listLine: (s: DigestScheduleWords, enabled: boolean) => `• ${s.id} · *${s.name}* — ${s.when} (${s.timeZone}) — ${enabled ? (s.next ? `next: ${s.next}` : 'no fire time in the next year') : 'off'}`,
      listEmpty: 'No digest is scheduled in this channel yet. Try `/salesmatrix digest weekly monday 8:00 here`.',
      turnedOff: (name: string, id: number) => `Turned off *${name}* (number ${id}): no more digests from it here. Replies under the digests it already posted still work.`,
      alreadyOff: (name: string, id: number) => `*${name}* (number ${id}) is already off.`,
      noneOn: 'No digest is on in this channel.',
      whichOne: (lines: string, firstId: number) => `This channel has more than one digest on; say which one to turn off:\n${lines}\nFor example: \`/salesmatrix digest off ${firstId}\`.`,
      notHere: (id: number) => `There is no digest number ${id} in this channel; \`/salesmatrix digest list\` shows them.`,
      composing: '_Composing the digest…_',
      previewNote: (options: { whole: boolean; chart: boolean }) =>
        [
          '*Preview* — only you can see this; nothing was posted or recorded.',
          ...(options.whole ? ['This channel has no digest yet, so this is the weekly one for the whole company.'] : []),
          ...(options.chart ? ['The chart goes into the digest’s thread when it is posted.'] : []),
        ].join(' '),
      previewText: (title: string) => `Preview: ${title}`,
    },
  },
  pt: {
    placeholder: '…',
    help: [
      '*SalesMatrix* responde perguntas sobre vendas em linguagem natural.',
      '• Me mencione num canal (`@SalesMatrix faturamento por região no mês passado`) ou escreva aqui. Responda na thread para continuar a conversa.',
      '• `/salesmatrix <pergunta>` pergunta de qualquer lugar; `/salesmatrix sale <o que você vendeu>` registra uma venda.',
      '• `/salesmatrix resumo` mostra como admins agendam resumos: os números publicados num canal todo dia, semana ou mês.',
      '• Toda resposta mostra o período e como foi calculada; *Mostrar SQL* mostra a consulta.',
    ].join('\n'),
    examples: 'Experimente:',
    noAccess: (userId: string) =>
      `Olá! Ainda não conheço você, então não posso responder sobre os dados de vendas. Peça acesso a um admin do SalesMatrix: vendedores têm o id do Slack (\`${userId}\`) cadastrado no seu registro de vendedor; diretores e analistas são incluídos com \`POST /api/chat-identities\` (platform \`slack\`, platform_user_id \`${userId}\`).`,
    inactive: 'Seu cadastro de vendedor está inativo, então não posso mais responder sobre os dados de vendas. Fale com um admin do SalesMatrix se for um engano.',
    failed: (ref: string) => `Desculpe — algo deu errado ao responder. Tente de novo; se continuar, passe esta referência a um admin: \`${ref}\`.`,
    failedSafely: (message: string, ref: string) => `${message} (referência: \`${ref}\`)`,
    notInChannel: 'Ainda não estou neste canal: me convide com `/invite @SalesMatrix` ou me pergunte por mensagem direta.',
    thanks: 'Obrigado pelo retorno!',
    notYourTurn: 'Só quem perguntou pode avaliar esta resposta.',
    noSql: 'Esta resposta não executou SQL.',
    emptyQuestion: 'Escreva a pergunta depois do comando, por exemplo `/salesmatrix faturamento por região no mês passado`.',
    documentReading: (names: string) => `_Lendo ${names}…_`,
    documentAdded: (title: string, passages: number) => `Adicionei *${title}* (${passages} ${passages === 1 ? 'trecho' : 'trechos'}) — agora todos podem perguntar sobre ele.`,
    documentReplaced: (title: string, version: number, passages: number) => `Substituí *${title}* pela nova versão (versão ${version}, ${passages} ${passages === 1 ? 'trecho' : 'trechos'}) — as respostas já usam ela.`,
    documentUnchanged: (title: string, version: number) => `Já está atualizado: *${title}* (versão ${version}) tem exatamente este conteúdo.`,
    documentsAdminOnly: 'Só administradores podem adicionar documentos, então não adicionei este arquivo. Peça a um admin do SalesMatrix para compartilhá-lo comigo.',
    documentsNotEnabled: 'Adicionar documentos não está habilitado aqui.',
    digests: {
      notEnabled: 'Os resumos não estão habilitados aqui.',
      adminOnly: 'Só administradores do SalesMatrix podem agendar, visualizar ou desligar resumos. Peça a um admin para configurar um neste canal.',
      invalid: (message: string, example: string) => `${message}\nPor exemplo: \`/salesmatrix ${example}\``,
      help: (timeZone: string) =>
        [
          '*Resumos* publicam os números num canal em horário marcado, uma única vez a cada horário (admins configuram):',
          '• `/salesmatrix resumo semanal segunda 8h aqui` — toda segunda às 08:00, sobre a semana anterior',
          '• `/salesmatrix resumo diário 7h30 aqui para a região Sul` — todo dia, sobre o dia anterior, só a região Sul',
          '• `/salesmatrix resumo mensal 1 9h aqui em inglês` — no dia 1, sobre o mês anterior, em inglês',
          '• `/salesmatrix resumo prévia` mostra o resumo deste canal agora, só para você · `resumo lista` lista os resumos · `resumo desligar [número]` desliga um',
          `Horários em ${timeZone}. Responda na conversa de um resumo para detalhar os números.`,
        ].join('\n'),
      name: (frequency: DigestFrequency) => ({ daily: 'Resumo diário', weekly: 'Resumo semanal', monthly: 'Resumo mensal' })[frequency],
      when: (frequency: DigestFrequency, time: { hour: number; minute: number; weekday?: number; dayOfMonth?: number }) => {
        const at = `${two(time.hour)}:${two(time.minute)}`
        const day = ['todo domingo', 'toda segunda-feira', 'toda terça-feira', 'toda quarta-feira', 'toda quinta-feira', 'toda sexta-feira', 'todo sábado'][time.weekday ?? 1]
        return frequency === 'weekly' ? `${day} às ${at}` : frequency === 'monthly' ? `todo dia ${time.dayOfMonth} às ${at}` : `todo dia às ${at}`
      },
      cron: (cron: string) => `cron \`${cron}\``,
      wholeCompany: 'a empresa toda',
      region: (name: string) => `região ${name}`,
      category: (name: string) => `categoria ${name}`,
      languageName: (language: Language) => ({ en: 'inglês', pt: 'português' })[language],
      period: (period: DigestPeriodKind) =>
        ({ previous_day: 'o dia anterior', previous_week: 'a semana anterior', previous_month: 'o mês anterior', week_to_date: 'a semana até agora', month_to_date: 'o mês até agora' })[period],
      scheduled: (s: DigestScheduleWords) =>
        [
          `Agendei *${s.name}* (número ${s.id}) para este canal: ${s.when} (${s.timeZone}), ${s.scope}, em ${s.language}; cada um cobre ${s.period}.`,
          s.next ? `Próximo: ${s.next}.` : 'Ele não tem horário no próximo ano.',
          `\`/salesmatrix resumo prévia ${s.id}\` mostra agora; \`/salesmatrix resumo desligar ${s.id}\` desliga.`,
        ].join('\n'),
      unknownScope: (name: string, kind: 'region' | 'category' | undefined, regions: string, categories: string) =>
        `Não conheço ${kind === 'region' ? 'a região' : kind === 'category' ? 'a categoria' : 'região ou categoria chamada'} “${name}”. Regiões: ${regions}. Categorias: ${categories}.`,
      scopeTwice: (first: string, second: string) => `Um resumo cobre no máximo uma região e uma categoria, e “${first}” e “${second}” são do mesmo tipo; escolha uma.`,
      listHeader: 'Resumos deste canal:',
      listLine: (s: DigestScheduleWords, enabled: boolean) => `• ${s.id} · *${s.name}* — ${s.when} (${s.timeZone}) — ${enabled ? (s.next ? `próximo: ${s.next}` : 'sem horário no próximo ano') : 'desligado'}`,
      listEmpty: 'Ainda não há resumo agendado neste canal. Experimente `/salesmatrix resumo semanal segunda 8h aqui`.',
      turnedOff: (name: string, id: number) => `Desliguei *${name}* (número ${id}): não sai mais nenhum resumo dele aqui. Respostas nos resumos que ele já publicou continuam funcionando.`,
      alreadyOff: (name: string, id: number) => `*${name}* (número ${id}) já está desligado.`,
      noneOn: 'Nenhum resumo está ligado neste canal.',
      whichOne: (lines: string, firstId: number) => `Este canal tem mais de um resumo ligado; diga qual desligar:\n${lines}\nPor exemplo: \`/salesmatrix resumo desligar ${firstId}\`.`,
      notHere: (id: number) => `Não há resumo número ${id} neste canal; \`/salesmatrix resumo lista\` mostra os resumos.`,
      composing: '_Montando o resumo…_',
      previewNote: (options: { whole: boolean; chart: boolean }) =>
        [
          '*Prévia* — só você vê isto; nada foi publicado nem registrado.',
          ...(options.whole ? ['Este canal ainda não tem resumo, então esta é a semanal da empresa toda.'] : []),
          ...(options.chart ? ['O gráfico vai para a conversa do resumo quando ele for publicado.'] : []),
        ].join(' '),
      previewText: (title: string) => `Prévia: ${title}`,
    },
  },
} satisfies Record<Language, unknown>
