/**
 * Questions the planner must refuse whatever else they contain: requests to change data, instructions aimed at
 * the assistant itself, secrets, personal data, raw SQL or database internals, and topics that are not sales.
 * The planner only ever produces read-only plans anyway; refusing here says so plainly instead of half-answering.
 */
import { tokenizeQuestion } from './tokenize-question.js'

export type OutOfScopeReason = 'write' | 'instructions' | 'secrets' | 'personal_data' | 'raw_sql' | 'off_topic'

const targets =
  '(table|tables|tabela|tabelas|database|databases|banco|schema|orders?|pedidos?|customers?|clientes?|reps?|vendedor|vendedores|vendedoras?|products?|produtos?|records?|registros?|rows?|linhas?|data|dados|everything|tudo|all|todos|todas|sales|vendas|targets?|metas?|users?|usuarios?|keys?|chaves?|audit|logs?|historico|prices?|precos?|categor\\w*|regions?|regio\\w*|index|column|colunas?|view|role|cancelled|cancelados?)'

/** Verbs that only ever mean changing data. */
const destructive = new RegExp(`\\b(delete|deletar|delete|deleta|apagar|apague|apaga|apaguem|truncate|truncar|trunque|wipe|purge|erase|destroy|zerar|zere|limpar|limpe|limpa)\\b(\\s+\\S+){0,5}?\\s+${targets}\\b`)
const dropTable = /\b(drop|dropar|drope)\b(\s+\S+){0,3}?\s+(table|tables|tabela|tabelas|database|banco|schema|index|column|coluna|view|role|user)\b/

/**
 * Verbs that change data when they open a request about a table's contents ("set every price …", "add a
 * customer"), but not inside a question ("did sales change?", "update me on sales").
 */
const imperativeWrite = new RegExp(
  `^(please |por favor |can you |could you |would you |pode |poderia |voce pode |vc pode |consegue |quero que voce |i want you to |go ahead and |now |agora )*` +
    `(update(?! (me|us)\\b)|atualize|atualizar|atualiza|alter|altere|alterar|mude|mudar|set|sets|defina|definir|coloque|colocar|insert|inserir|insira|add|adicione|adicionar|create|crie|criar|cadastre|cadastrar|register|registre|registrar|grant|revoke|conceda|modify|modifique|edit|edite|editar|rename|renomeie|cancel|cancele|cancelar|mark|marque|marcar|approve|aprove|aprovar|remove|remova|remover|exclua|excluir|exclui|duplicate|duplique|increase|aumente|aumentar|reduce|reduza|reduzir|raise|lower|dobre|dobrar|transfer|transfira|reassign|reatribua|move|mova|mover)\\b.*\\b${targets}\\b`,
)

const instructions = [
  /\b(ignore|ignora|ignorar|ignorem|disregard|forget|esqueca|esquecer|esquece|desconsidere|desconsiderar|override|bypass|burle|contorne)\b(\s+\S+){0,5}?\s+(instructions?|instrucoes|instrucao|rules?|regras?|prompt|prompts|previous|anteriores?|above|acima|guidelines|diretrizes|restrictions?|restricoes|limits|limites|policy|policies|politicas?|everything|tudo)\b/,
  /\b(system prompt|prompt do sistema|prompt de sistema|system message|mensagem do sistema|your prompt|seu prompt|your instructions|suas instrucoes|initial instructions|developer mode|modo desenvolvedor|modo de desenvolvedor|jailbreak|dan mode|you are now|voce agora e|agora voce e|act as|aja como|atue como|finja|pretend|roleplay|role play|new instructions|novas instrucoes|novas regras)\b/,
  /\b(print|show|reveal|display|repeat|output|dump|mostre|mostra|revele|exiba|repita|imprima|diga|liste)\b(\s+\S+){0,4}?\s+(prompt|prompts|instructions|instrucoes|rules|regras|configuration|configuracao|config|settings|system|sistema)\b/,
]

/** Claims of rank or permission meant to widen what the asker may see. */
const impersonation = /\b(i am|i m|im|eu sou|sou o|sou a|as an?|como) (rep|vendedor|vendedora|admin|administrator|administrador|manager|gerente|diretor|director|ceo|root|superuser|dba)\b|\b(my|meu|minha) (manager|boss|gerente|chefe|diretor|diretora) (said|says|told|authorized|allowed|disse|autorizou|mandou|permitiu)|\b(i have|tenho) (permission|access|permissao|acesso|autorizacao)|\b(admin|god|root|sudo|superuser) mode\b|\bmodo (admin|administrador|deus|root)\b/

const secrets = /\b(password|passwords|passwd|senha|senhas|api keys?|apikeys?|chaves? de api|chaves? da api|secret|secrets|segredos?|tokens?|credentials?|credenciais|credencial|connection string|string de conexao|database url|env|environment variables?|variaveis de ambiente|private keys?|chaves? privadas?|pg shadow|pg authid|hashes|hash|audit log|audit logs|query audit|audit trail|logs|log de auditoria|auditoria|system tables?|tabelas do sistema|database users?|usuarios do banco|server users?|passwd)\b/

const personalData = /\b(emails?|e mails?|cnpjs?|cpfs?|tax ids?|taxids?|enderecos?|address|addresses|phone numbers?|numeros? de telefone|telefones? d[oa]s? clientes?|whatsapp|personal data|dados pessoais|contact details|dados de contato|contatos? d[oa]s? clientes?)\b/

const offTopic = /\b(weather|clima|previsao do tempo|temperature|temperatura|rain|chuva|chover|poem|poems|poema|poemas|poesia|song|cancao|musica|joke|jokes|piada|piadas|futebol|football|soccer|jogo|jogos|campeonato|dolar|dollar|euro|cotacao|exchange rate|bitcoin|crypto|cripto|stock price|bolsa de valores|news|noticias|recipe|receita de bolo|movie|filme|translate|traduza|traduzir|horoscope|horoscopo|capital of|presidente|president|eleicao|election|who won|quem ganhou)\b/
const writeText = /\b(write|escreva|redija|compose|componha|draft)\b(\s+\S+){0,4}?\s+(poem|poema|email|e mail|text|texto|essay|redacao|story|historia|song|musica|letter|carta|mensagem|message|tweet|post|haiku)\b/

/** "remove the region filter", "tire o filtro de vendedor": a change to the question, not to the data. */
const aboutFilter = /^(please |por favor )?(remove|remova|remover|tire|tira|tirar|clear|drop|limpe|limpa|limpar) (the |o |a |os |as )?(\S+ )?(filter|filters|filtro|filtros)\b/

/** Raw SQL, database internals and session settings, read from the text as typed. */
const rawSql = [
  /;\s*(select|insert|update|delete|drop|alter|create|grant|revoke|truncate|copy|set|reset|begin|commit|rollback|with|do|call|execute|vacuum|analyze|listen|notify|load)\b/i,
  /--/,
  /\/\*/,
  /\bunion\s+(all\s+)?select\b/i,
  /\bselect\s+(\*|[\w.]+\s*,|count\s*\(|sum\s*\(|distinct\b)[\s\S]*\bfrom\b/i,
  /\b(insert\s+into|update\s+\w+\s+set|delete\s+from|drop\s+(table|database|schema)|alter\s+(table|role|system)|create\s+(table|role|user|function))\b/i,
  /'\s*or\s+'?\d*'?\s*=/i,
  /\bor\s+1\s*=\s*1\b/i,
  /\bpg_\w+/i,
  /\blo_(import|export)\b/i,
  /\bdblink\b/i,
  /\bcopy\b[\s\S]*\b(to|from)\s+(program|stdout|stdin|'|")/i,
  /\binformation_schema\b/i,
  /\bset_config\b|\bcurrent_setting\b/i,
  /\bset\s+(app|role|session|local|search_path|statement_timeout|transaction)\b/i,
  /\bapp\.\w+/i,
  /\brep_id\b/i,
  /\bapi_keys\b|\bquery_audit\b|\baudit_log\b|\bidempotency_keys\b/i,
  /\bsleep\s*\(/i,
  /\bgrant\s+\w+[\s\S]*\b(on|to)\b/i,
  /\brevoke\s+\w+[\s\S]*\b(on|from)\b/i,
]

export function detectOutOfScope(question: string): OutOfScopeReason | undefined {
  const words = tokenizeQuestion(question).map((t) => t.text)
  const text = words.join(' ')
  if (rawSql.some((pattern) => pattern.test(question))) return 'raw_sql'
  if (instructions.some((pattern) => pattern.test(text)) || impersonation.test(text)) return 'instructions'
  if (destructive.test(text) || dropTable.test(text) || (imperativeWrite.test(text) && !aboutFilter.test(text))) return 'write'
  if (secrets.test(text)) return 'secrets'
  if (personalData.test(text)) return 'personal_data'
  if (offTopic.test(text) || writeText.test(text)) return 'off_topic'
  return undefined
}
