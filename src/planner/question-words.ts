/**
 * Words that carry no entity or metric of their own (normalised: lower-case, no accents). Stop words may sit
 * inside a name ("Rio de Janeiro") but never start or end a fuzzy match; filler words are the ordinary verbs
 * and nouns of a question ("show", "empresa", "quanto") that the planner passes over without comment. Anything
 * else left over after planning is either an unknown name or a word the planner reports it ignored.
 */

export const stopWords: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'for', 'to', 'from', 'by', 'with', 'and', 'or', 'as', 'into', 'about', 'than', 'then', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'their', 'our', 'ours', 'we', 'us', 'my', 'me',
  'i', 'you', 'your', 'he', 'she', 'they', 'them', 'his', 'her', 's', 't', 'do', 'does', 'did', 'done', 'have', 'has', 'had', 'so', 'up', 'out',
  'what', 'whats', 'which', 'who', 'whom', 'whose', 'how', 'when', 'where', 'why', 'much', 'many', 'any', 'some', 'all', 'each', 'every', 'per',
  'vs', 'via', 'over', 'under', 'between', 'during', 'since', 'until', 'through', 'only', 'just', 'also', 'too', 'very', 'not', 'no',
  // Portuguese
  'o', 'os', 'as', 'um', 'uma', 'uns', 'umas', 'de', 'da', 'do', 'das', 'dos', 'em', 'no', 'na', 'nos', 'nas', 'ao', 'aos', 'a', 'à', 'pelo',
  'pela', 'pelos', 'pelas', 'para', 'pra', 'pro', 'pras', 'pros', 'por', 'com', 'sem', 'e', 'ou', 'que', 'se', 'qual', 'quais', 'quanto',
  'quanta', 'quantos', 'quantas', 'quem', 'como', 'onde', 'quando', 'foi', 'foram', 'e', 'eh', 'sao', 'esta', 'estao', 'era', 'eram', 'ser',
  'estar', 'seu', 'sua', 'seus', 'suas', 'meu', 'minha', 'meus', 'minhas', 'nosso', 'nossa', 'nossos', 'nossas', 'me', 'nos', 'eu', 'voce',
  'voces', 'ele', 'ela', 'eles', 'elas', 'isso', 'isto', 'aquilo', 'esse', 'essa', 'este', 'esta', 'aquele', 'aquela', 'cada', 'todo', 'toda',
  'todos', 'todas', 'tudo', 'ja', 'ainda', 'so', 'apenas', 'tambem', 'muito', 'muita', 'nao', 'sim', 'entre', 'desde', 'ate', 'sobre', 'via',
  'la', 'lá', 'aqui', 'ai', 'num', 'numa', 'dum', 'duma', 'nesse', 'nessa', 'neste', 'nesta', 'desse', 'dessa', 'deste', 'desta',
])

export const fillerWords: ReadonlySet<string> = new Set([
  // English verbs and nouns of asking
  'show', 'give', 'tell', 'list', 'display', 'see', 'get', 'fetch', 'find', 'know', 'want', 'need', 'like', 'would', 'could', 'can', 'please',
  'let', 'look', 'looking', 'looks', 'check', 'report', 'break', 'broken', 'down', 'split', 'total', 'totals', 'overall', 'sum', 'grand',
  'number', 'numbers', 'figure', 'figures', 'amount', 'value', 'values', 'result', 'results', 'performance', 'perform', 'performed', 'performing',
  'go', 'went', 'going', 'gone', 'doing', 'make', 'made', 'bring', 'brought', 'brings', 'generate', 'generated', 'closed', 'close', 'bought',
  'buy', 'buys', 'purchased', 'purchase', 'sell', 'sells', 'selling', 'company', 'business', 'firm', 'whole', 'entire', 'everything', 'everyone',
  'data', 'info', 'information', 'details', 'compare', 'compared', 'comparing', 'against', 'rank', 'ranked', 'ranking', 'order', 'ordered',
  'sorted', 'sort', 'first', 'still', 'right', 'now', 'currently', 'far', 'yet', 'again', 'exactly', 'roughly', 'approximately', 'about',
  'gave', 'give', 'got', 'get', 'us', 'there', 'here', 'happen', 'happened', 'brazil', 'brasil', 'national', 'nationwide', 'country', 'countrywide',
  'are', 'will', 'should', 'shall', 'might', 'must', 'okay', 'ok', 'thanks', 'thank', 'hi', 'hello', 'hey', 'tal', 'vs', 'versus', 'x',
  'came', 'come', 'comes', 'in', 'had', 'earn', 'earned', 'book', 'booked', 'side', 'by', 'having', 'place', 'placed', 'made', 'make', 'doing',
  'going', 'trending', 'look', 'like', 'period', 'periods', 'range', 'time', 'timeframe', 'window', 'breakdown', 'overview', 'summary', 'status',
  // Portuguese verbs and nouns of asking
  'mostre', 'mostra', 'mostrar', 'me', 'exiba', 'exibir', 'exibe', 'liste', 'listar', 'lista', 'traga', 'trazer', 'informe', 'informar',
  'diga', 'dizer', 'fale', 'quero', 'queria', 'gostaria', 'saber', 'ver', 'veja', 'olhar', 'olhe', 'pode', 'poderia', 'consegue', 'favor',
  'obrigado', 'obrigada', 'ola', 'oi', 'bom', 'boa', 'dia', 'tarde', 'noite', 'total', 'geral', 'soma', 'somado', 'somatorio', 'valor',
  'valores', 'montante', 'numero', 'numeros', 'resultado', 'resultados', 'desempenho', 'performance', 'performou', 'foi', 'teve', 'tiveram',
  'tivemos', 'temos', 'tem', 'ter', 'ha', 'houve', 'fez', 'fizemos', 'fizeram', 'fazer', 'deu', 'deram', 'demos', 'entrou', 'entraram',
  'vieram', 'veio', 'vem', 'comprou', 'compraram', 'comprar', 'compra', 'comprando', 'fechamos', 'fechou', 'fecharam', 'gente', 'empresa',
  'companhia', 'negocio', 'dados', 'informacao', 'informacoes', 'detalhe', 'detalhes', 'compare', 'comparar', 'compara', 'comparando',
  'ranking', 'rankear', 'ordene', 'ordenar', 'ordem', 'ordenado', 'ordenada', 'classifique', 'primeiro', 'agora', 'atualmente', 'ainda',
  'exatamente', 'aproximadamente', 'cerca', 'brasil', 'nacional', 'pais', 'conquistamos', 'conquistou', 'ganhamos', 'tivemos', 'anda', 'andou',
  'andaram', 'vai', 'indo', 'foi', 'estamos', 'estou', 'esta', 'estava', 'sera', 'seria', 'muda', 'mudou', 'variou', 'conforme', 'acordo',
  'quanto', 'quantos', 'quantas', 'qual', 'quais', 'pedido', 'order', 'mais', 'menos', 'contra', 'vs', 'versus', 'x', 'olhando', 'considerando',
  'separado', 'separados', 'dividido', 'divididos', 'agrupado', 'agrupados', 'aberto', 'quebrado', 'faturado', 'gerou', 'gerado', 'geraram',
  'trouxe', 'trouxeram', 'rendeu', 'renderam', 'realizado', 'realizados', 'registrado', 'registrados', 'feitos', 'feito', 'feitas', 'nisso',
])
