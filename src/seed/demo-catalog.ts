/**
 * The fixed vocabulary of the demo company: a Brazilian B2B technology and office-supplies distributor.
 * Names carry their accents on purpose: the chat must cope with "São Paulo" typed as "sao paulo".
 * Weights are relative; they shape the data (regions differ in size and mix, categories in margin).
 */

export type Segment = 'Enterprise' | 'Mid-Market' | 'SMB' | 'Varejo'

export interface CityEntry { name: string; state: string; weight: number }

export interface RegionEntry {
  name: string
  /** Share of customers. */
  weight: number
  /** Segment mix [Enterprise, Mid-Market, SMB, Varejo]: the Southeast buys bigger, the North smaller. */
  segmentMix: readonly [number, number, number, number]
  reps: number
  cities: readonly CityEntry[]
}

export interface CategoryEntry {
  name: string
  code: string
  /** Share of the product range. */
  share: number
  brands: readonly string[]
  nouns: readonly string[]
  /** List-price range in BRL (drawn log-uniformly). */
  price: readonly [number, number]
  /** Gross margin range as a fraction of price: commodities are thin, software and supplies are fat. */
  margin: readonly [number, number]
  /** How much each segment favours the category [Enterprise, Mid-Market, SMB, Varejo]. */
  affinity: readonly [number, number, number, number]
}

const segments: readonly Segment[] = ['Enterprise', 'Mid-Market', 'SMB', 'Varejo']

// Order is the regions' ids (1..5). Rep counts add up to 36.
const regions: readonly RegionEntry[] = [
  {
    name: 'Norte', weight: 0.08, segmentMix: [0.03, 0.14, 0.43, 0.40], reps: 5,
    cities: [
      { name: 'Manaus', state: 'AM', weight: 30 }, { name: 'Belém', state: 'PA', weight: 28 }, { name: 'Porto Velho', state: 'RO', weight: 9 },
      { name: 'Santarém', state: 'PA', weight: 6 }, { name: 'Macapá', state: 'AP', weight: 7 }, { name: 'Rio Branco', state: 'AC', weight: 6 },
      { name: 'Boa Vista', state: 'RR', weight: 6 }, { name: 'Palmas', state: 'TO', weight: 8 },
    ],
  },
  {
    name: 'Nordeste', weight: 0.19, segmentMix: [0.05, 0.17, 0.42, 0.36], reps: 7,
    cities: [
      { name: 'Salvador', state: 'BA', weight: 24 }, { name: 'Fortaleza', state: 'CE', weight: 24 }, { name: 'Recife', state: 'PE', weight: 22 },
      { name: 'São Luís', state: 'MA', weight: 9 }, { name: 'Natal', state: 'RN', weight: 8 }, { name: 'João Pessoa', state: 'PB', weight: 8 },
      { name: 'Maceió', state: 'AL', weight: 8 }, { name: 'Teresina', state: 'PI', weight: 7 }, { name: 'Aracaju', state: 'SE', weight: 6 },
      { name: 'Feira de Santana', state: 'BA', weight: 5 }, { name: 'Caruaru', state: 'PE', weight: 3 },
    ],
  },
  {
    name: 'Centro-Oeste', weight: 0.11, segmentMix: [0.08, 0.22, 0.40, 0.30], reps: 5,
    cities: [
      { name: 'Brasília', state: 'DF', weight: 40 }, { name: 'Goiânia', state: 'GO', weight: 28 }, { name: 'Campo Grande', state: 'MS', weight: 12 },
      { name: 'Cuiabá', state: 'MT', weight: 11 }, { name: 'Anápolis', state: 'GO', weight: 4 }, { name: 'Dourados', state: 'MS', weight: 2 },
      { name: 'Rondonópolis', state: 'MT', weight: 3 },
    ],
  },
  {
    name: 'Sudeste', weight: 0.45, segmentMix: [0.13, 0.26, 0.37, 0.24], reps: 12,
    cities: [
      { name: 'São Paulo', state: 'SP', weight: 60 }, { name: 'Rio de Janeiro', state: 'RJ', weight: 34 }, { name: 'Belo Horizonte', state: 'MG', weight: 18 },
      { name: 'Campinas', state: 'SP', weight: 10 }, { name: 'Vitória', state: 'ES', weight: 6 }, { name: 'Santos', state: 'SP', weight: 5 },
      { name: 'Ribeirão Preto', state: 'SP', weight: 5 }, { name: 'Uberlândia', state: 'MG', weight: 5 }, { name: 'Niterói', state: 'RJ', weight: 4 },
      { name: 'Juiz de Fora', state: 'MG', weight: 3 }, { name: 'Sorocaba', state: 'SP', weight: 4 }, { name: 'São José dos Campos', state: 'SP', weight: 5 },
    ],
  },
  {
    name: 'Sul', weight: 0.17, segmentMix: [0.09, 0.24, 0.40, 0.27], reps: 7,
    cities: [
      { name: 'Porto Alegre', state: 'RS', weight: 25 }, { name: 'Curitiba', state: 'PR', weight: 27 }, { name: 'Florianópolis', state: 'SC', weight: 12 },
      { name: 'Joinville', state: 'SC', weight: 9 }, { name: 'Londrina', state: 'PR', weight: 8 }, { name: 'Caxias do Sul', state: 'RS', weight: 7 },
      { name: 'Maringá', state: 'PR', weight: 6 }, { name: 'Blumenau', state: 'SC', weight: 6 }, { name: 'Pelotas', state: 'RS', weight: 4 },
    ],
  },
]

// 36 reps, dealt to regions in order (Norte 5, Nordeste 7, Centro-Oeste 5, Sudeste 12, Sul 7). Maria Silva opens the Sudeste list.
const repNames: readonly string[] = [
  'Rafael Gomes', 'Tatiane Nascimento', 'Diego Fernandes', 'Priscila Cavalcanti', 'Márcio Azevedo',
  'Ana Oliveira', 'Pedro Souza', 'Juliana Rodrigues', 'Thiago Carvalho', 'Larissa Martins', 'Gustavo Teixeira', 'Débora Pinto',
  'Fernanda Alves', 'Lucas Pereira', 'Renata Rocha', 'Vinícius Barros', 'Cláudia Freitas',
  'Maria Silva', 'João Santos', 'Beatriz Lima', 'Carlos Ferreira', 'Camila Costa', 'Gabriel Ribeiro', 'Patrícia Almeida', 'Bruno Lopes',
  'Mariana Araújo', 'Leonardo Mendes', 'Sônia Correia', 'Fábio Monteiro',
  'Aline Soares', 'Marcelo Barbosa', 'Vanessa Vieira', 'Felipe Dias', 'Letícia Moreira', 'Rodrigo Andrade', 'André Nunes',
]

const surnames: readonly string[] = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins',
  'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes',
  'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Pinto', 'Correia',
  'Cavalcanti', 'Monteiro', 'Moraes', 'Azevedo', 'Brandão', 'Campos', 'Castro', 'Coelho', 'Duarte', 'Farias', 'Figueiredo', 'Fonseca',
  'Guimarães', 'Leite', 'Macedo', 'Magalhães', 'Medeiros', 'Miranda', 'Nogueira', 'Pacheco', 'Peixoto', 'Queiroz', 'Rezende', 'Sampaio',
  'Siqueira', 'Tavares', 'Vasconcelos', 'Xavier', 'Bezerra', 'Borges', 'Cunha', 'Damasceno',
]

const nameWords: readonly string[] = [
  'Aurora', 'Horizonte', 'Estrela', 'Progresso', 'Atlântico', 'Cerrado', 'Pantanal', 'Litoral', 'Serra Azul', 'Bom Jesus', 'São Jorge',
  'Santa Clara', 'Ipê', 'Jatobá', 'Araucária', 'Carnaúba', 'Primavera', 'Nova Era', 'União', 'Vitória', 'Planalto', 'Alvorada', 'Mirante',
  'Cruzeiro', 'Boa Vista', 'Bandeirantes', 'Tropical', 'Pioneira', 'Central', 'Moderna', 'Paulista', 'Capital', 'Real', 'Avenida',
  'Sol Nascente', 'Rio Claro', 'Águia', 'Fênix', 'Delta', 'Ômega',
]

/** Company forms per segment: {s} is a surname, {w} a word. */
const companyPatterns: Readonly<Record<Segment, readonly string[]>> = {
  Enterprise: [
    'Grupo {s}', 'Indústrias {s} S.A.', '{w} Participações S.A.', 'Companhia {w} de Alimentos', 'Rede {w} de Hospitais', '{s} Logística S.A.',
    'Construtora {s} S.A.', 'Banco {w}', 'Universidade {w}', 'Metalúrgica {s} S.A.', 'Seguradora {w}', '{w} Energia S.A.',
  ],
  'Mid-Market': [
    '{s} Distribuidora Ltda', 'Transportadora {w}', 'Clínica {w}', 'Escola {w}', 'Hotel {w}', '{s} & Associados Advocacia', 'Agropecuária {w}',
    'Laboratório {s}', 'Colégio {w}', '{s} Engenharia Ltda', 'Atacadista {w}', 'Contabilidade {s}', 'Indústria Têxtil {w}', '{w} Alimentos Ltda',
  ],
  SMB: [
    '{s} Informática Ltda', 'Escritório {s}', 'Auto Peças {w}', 'Gráfica {w}', 'Papelaria {w}', 'Imobiliária {s}', 'Padaria {w}', 'Ótica {s}',
    '{s} Consultoria ME', 'Estúdio {w}', 'Construtora {s} Ltda', 'Clínica Odontológica {s}', 'Pet Shop {w}', 'Academia {w}', '{w} Tech Ltda',
    'Restaurante {w}', 'Oficina {s}', 'Despachante {s}',
  ],
  Varejo: [
    'Mercado {s}', 'Supermercado {w}', 'Farmácia {s}', 'Loja {w}', 'Magazine {s}', 'Bazar {w}', 'Armarinho {s}', 'Livraria {w}',
    'Casa {s}', 'Empório {w}', 'Materiais de Construção {s}', 'Eletro {w}', 'Calçados {s}', 'Mercearia {s}', 'Drogaria {w}', 'Minimercado {w}',
  ],
}

const emailBoxes: readonly string[] = ['contato', 'compras', 'financeiro', 'suprimentos', 'administrativo', 'ti']

const categories: readonly CategoryEntry[] = [
  {
    name: 'Notebooks', code: 'NTB', share: 9, brands: ['Dell', 'Lenovo', 'HP', 'Acer', 'Asus', 'Positivo', 'Samsung'],
    nouns: ['Notebook', 'Ultrabook', 'Notebook Gamer', 'Chromebook'], price: [2200, 11500], margin: [0.1, 0.18], affinity: [3, 2.2, 1.2, 0.5],
  },
  {
    name: 'Desktops', code: 'DSK', share: 6, brands: ['Dell', 'Lenovo', 'HP', 'Positivo', 'Acer'],
    nouns: ['Desktop', 'Mini PC', 'All-in-One', 'Workstation'], price: [2000, 14000], margin: [0.1, 0.17], affinity: [2.2, 1.8, 1, 0.4],
  },
  {
    name: 'Monitores', code: 'MON', share: 7, brands: ['LG', 'Samsung', 'Dell', 'AOC', 'Philips'],
    nouns: ['Monitor', 'Monitor Curvo', 'Monitor UltraWide'], price: [650, 4200], margin: [0.14, 0.24], affinity: [2, 1.6, 1.1, 0.7],
  },
  {
    name: 'Smartphones', code: 'SMP', share: 7, brands: ['Samsung', 'Motorola', 'Apple', 'Xiaomi'],
    nouns: ['Smartphone', 'Celular'], price: [900, 9500], margin: [0.08, 0.15], affinity: [1.8, 1.2, 1, 1.2],
  },
  {
    name: 'Periféricos', code: 'PER', share: 10, brands: ['Logitech', 'Microsoft', 'Multilaser', 'HyperX', 'Razer'],
    nouns: ['Mouse sem Fio', 'Teclado', 'Kit Teclado e Mouse', 'Webcam', 'Headset', 'Mousepad'], price: [35, 850], margin: [0.3, 0.45], affinity: [1.5, 1.5, 1.4, 1.3],
  },
  {
    name: 'Redes', code: 'RED', share: 7, brands: ['TP-Link', 'Intelbras', 'Cisco', 'Ubiquiti', 'D-Link'],
    nouns: ['Roteador', 'Switch Gerenciável', 'Access Point', 'Firewall', 'Cabo de Rede'], price: [90, 9000], margin: [0.2, 0.35], affinity: [2.2, 1.6, 1, 0.4],
  },
  {
    name: 'Armazenamento', code: 'ARM', share: 7, brands: ['Kingston', 'SanDisk', 'Seagate', 'Western Digital', 'Samsung'],
    nouns: ['SSD', 'HD Externo', 'Pen Drive', 'Cartão de Memória', 'NAS'], price: [40, 4800], margin: [0.16, 0.28], affinity: [1.4, 1.3, 1.2, 1],
  },
  {
    name: 'Impressão', code: 'IMP', share: 7, brands: ['Epson', 'HP', 'Brother', 'Canon'],
    nouns: ['Impressora Multifuncional', 'Impressora Laser', 'Cartucho de Tinta', 'Toner', 'Refil de Tinta'], price: [45, 5200], margin: [0.22, 0.4], affinity: [1.2, 1.4, 1.4, 1.1],
  },
  {
    name: 'Software', code: 'SFT', share: 6, brands: ['Microsoft', 'Adobe', 'Kaspersky', 'TOTVS', 'Autodesk'],
    nouns: ['Licença Anual', 'Assinatura', 'Antivírus', 'Suíte de Escritório'], price: [120, 6500], margin: [0.55, 0.78], affinity: [2.5, 1.8, 1, 0.4],
  },
  {
    name: 'Acessórios', code: 'ACS', share: 9, brands: ['Multilaser', 'Geonav', 'ELG', 'Baseus', 'C3Tech'],
    nouns: ['Carregador', 'Cabo USB-C', 'Hub USB', 'Capa para Notebook', 'Suporte para Monitor', 'Adaptador HDMI', 'Mochila'], price: [25, 450], margin: [0.38, 0.58], affinity: [1, 1.1, 1.3, 1.7],
  },
  {
    name: 'Áudio e Vídeo', code: 'AUD', share: 6, brands: ['JBL', 'Sony', 'LG', 'Epson', 'Philips'],
    nouns: ['Caixa de Som', 'Projetor', 'Fone Bluetooth', 'Soundbar', 'Smart TV'], price: [120, 8500], margin: [0.15, 0.3], affinity: [1.2, 1.1, 1, 1.4],
  },
  {
    name: 'Componentes', code: 'CMP', share: 6, brands: ['Intel', 'AMD', 'Kingston', 'Corsair', 'Gigabyte'],
    nouns: ['Memória RAM', 'Processador', 'Placa-mãe', 'Fonte', 'Placa de Vídeo'], price: [160, 7200], margin: [0.08, 0.16], affinity: [0.8, 1, 1.3, 0.9],
  },
  {
    name: 'Móveis de Escritório', code: 'MOV', share: 5, brands: ['Cavaletti', 'Flexform', 'Frisokar', 'Pelegrin'],
    nouns: ['Cadeira Ergonômica', 'Mesa de Escritório', 'Gaveteiro', 'Armário', 'Estação de Trabalho'], price: [280, 4600], margin: [0.28, 0.42], affinity: [1.6, 1.5, 1.1, 0.6],
  },
  {
    name: 'Papelaria', code: 'PAP', share: 8, brands: ['Tilibra', 'Faber-Castell', 'BIC', 'Chamex', 'Maped'],
    nouns: ['Papel A4 (resma)', 'Caneta (cx 50)', 'Caderno', 'Agenda', 'Grampeador', 'Pasta Arquivo', 'Post-it'], price: [8, 140], margin: [0.35, 0.52], affinity: [1, 1.2, 1.5, 2.2],
  },
  {
    name: 'Segurança Eletrônica', code: 'SEG', share: 5, brands: ['Intelbras', 'Hikvision', 'Positivo'],
    nouns: ['Câmera IP', 'Gravador DVR', 'Fechadura Digital', 'Kit CFTV', 'Alarme'], price: [150, 3800], margin: [0.24, 0.38], affinity: [1.2, 1.3, 1.1, 1.3],
  },
]

const modelSeries: readonly string[] = ['Pro', 'Plus', 'Max', 'Lite', 'Ultra', 'S', 'X', 'Neo', 'Prime', 'Air', 'One', 'Go', 'Vision', 'Office', 'Business']

export const demoCatalog = {
  segments,
  regions,
  repNames,
  surnames,
  nameWords,
  companyPatterns,
  emailBoxes,
  categories,
  modelSeries,
  channels: ['online', 'field', 'phone', 'partner'] as const,
  paymentMethods: ['pix', 'credit_card', 'boleto', 'bank_transfer'] as const,
  emailDomain: 'salesmatrix.com.br',
} as const
