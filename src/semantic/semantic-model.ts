/**
 * The semantic layer: the single source of truth for what every metric and dimension means.
 * It feeds the offline planner (synonyms), the compiler (SQL), the context an LLM may see
 * (definitions only, never rows) and the "how this was computed" line of every answer.
 *
 * Canonical meanings (see sql/migrations/001_sales_model.sql): revenue = Σ line_total of completed orders;
 * orders = count of completed orders; average ticket = revenue / orders; units = Σ quantity; gross profit =
 * Σ(line_total − quantity × unit_cost); margin % = gross profit / revenue; a sale's region is its customer's
 * region; weeks start on Monday.
 */

export type Language = 'en' | 'pt'
export type Localized = Readonly<Record<Language, string>>
export type Synonyms = Readonly<Record<Language, readonly string[]>>

export const metricIds = [
  'revenue',
  'orders',
  'average_ticket',
  'units',
  'gross_profit',
  'margin_pct',
  'active_customers',
  'new_customers',
  'churned_customers',
  'target',
  'target_attainment',
] as const
export type MetricId = (typeof metricIds)[number]

export type MetricUnit = 'currency' | 'count' | 'percent'

export interface MetricDefinition {
  readonly id: MetricId
  readonly label: Localized
  /** One line for "how this was computed". */
  readonly definition: Localized
  readonly unit: MetricUnit
  /** Lower-case, accent-free phrases a question may use for it. */
  readonly synonyms: Synonyms
  /** The aggregate over the sales-line relation `s` (see compile-plan), or a description where it needs more. */
  readonly sql: string
  /** Whether it adds up across any breakdown (revenue does; customers and averages do not). */
  readonly additive: boolean
}

export const metrics: Readonly<Record<MetricId, MetricDefinition>> = {
  revenue: {
    id: 'revenue',
    label: { en: 'Revenue', pt: 'Faturamento' },
    definition: { en: 'sum of line totals (after discount) of completed orders', pt: 'soma dos totais das linhas (após desconto) dos pedidos concluídos' },
    unit: 'currency',
    synonyms: {
      en: ['revenue', 'revenues', 'sales', 'sales amount', 'turnover', 'income', 'billing', 'gross sales', 'how much did we sell', 'how much we sold', 'sold', 'sell', 'sells', 'bill', 'billed', 'invoiced', 'what did we bill'],
      pt: ['faturamento', 'receita', 'receitas', 'vendas', 'venda', 'valor vendido', 'quanto vendemos', 'quanto vendeu', 'vendeu', 'vendido', 'faturou', 'faturamos', 'faturaram', 'faturar', 'faturando', 'total vendido', 'vendemos', 'venderam', 'vendidos', 'vendidas', 'faturado', 'quanto entrou', 'realizado'],
    },
    sql: "SUM(order_items.line_total) FILTER (WHERE orders.status = 'completed')",
    additive: true,
  },
  orders: {
    id: 'orders',
    label: { en: 'Orders', pt: 'Pedidos' },
    definition: { en: 'number of completed orders', pt: 'número de pedidos concluídos' },
    unit: 'count',
    synonyms: {
      en: ['orders', 'order count', 'number of orders', 'how many orders', 'deals', 'transactions', 'purchases', 'number of sales', 'how many sales', 'sales count'],
      pt: ['pedidos', 'numero de pedidos', 'quantidade de pedidos', 'quantos pedidos', 'ordens', 'transacoes', 'compras', 'negocios', 'quantas vendas', 'numero de vendas', 'quantidade de vendas'],
    },
    sql: "COUNT(DISTINCT orders.id) FILTER (WHERE orders.status = 'completed')",
    additive: true,
  },
  average_ticket: {
    id: 'average_ticket',
    label: { en: 'Average ticket', pt: 'Ticket médio' },
    definition: { en: 'revenue ÷ completed orders', pt: 'faturamento ÷ pedidos concluídos' },
    unit: 'currency',
    synonyms: {
      en: ['average ticket', 'average order value', 'aov', 'average order', 'avg ticket', 'ticket size', 'average sale', 'average deal size', 'mean order value'],
      pt: ['ticket medio', 'ticket', 'valor medio do pedido', 'valor medio por pedido', 'media por pedido', 'pedido medio', 'venda media', 'venda media por pedido', 'vendas medias por pedido', 'faturamento medio por pedido'],
    },
    sql: 'revenue / NULLIF(orders, 0)',
    additive: false,
  },
  units: {
    id: 'units',
    label: { en: 'Units', pt: 'Unidades' },
    definition: { en: 'sum of quantities sold in completed orders', pt: 'soma das quantidades vendidas em pedidos concluídos' },
    unit: 'count',
    synonyms: {
      en: ['units', 'units sold', 'quantity', 'quantity sold', 'volume', 'items sold', 'pieces', 'how many units', 'best selling', 'best sellers', 'top selling', 'most sold', 'sales volume'],
      pt: ['unidades', 'unidades vendidas', 'quantidade', 'quantidade vendida', 'volume', 'itens vendidos', 'pecas', 'quantas unidades', 'mais vendidos', 'mais vendidas', 'volume de vendas'],
    },
    sql: "SUM(order_items.quantity) FILTER (WHERE orders.status = 'completed')",
    additive: true,
  },
  gross_profit: {
    id: 'gross_profit',
    label: { en: 'Gross profit', pt: 'Lucro bruto' },
    definition: { en: 'line totals − quantity × unit cost, completed orders', pt: 'totais das linhas − quantidade × custo unitário, pedidos concluídos' },
    unit: 'currency',
    synonyms: {
      en: ['gross profit', 'profit', 'profits', 'gross margin amount', 'contribution', 'most profitable', 'earnings'],
      pt: ['lucro bruto', 'lucro', 'lucros', 'margem bruta em reais', 'mais lucrativos', 'mais lucrativo', 'mais lucrativas', 'mais lucrativa', 'mais rentaveis', 'mais rentavel', 'rentabilidade', 'ganho'],
    },
    sql: "SUM(order_items.line_total - order_items.quantity * order_items.unit_cost) FILTER (WHERE orders.status = 'completed')",
    additive: true,
  },
  margin_pct: {
    id: 'margin_pct',
    label: { en: 'Margin %', pt: 'Margem %' },
    definition: { en: 'gross profit ÷ revenue', pt: 'lucro bruto ÷ faturamento' },
    unit: 'percent',
    synonyms: {
      en: ['margin', 'margin %', 'margin percent', 'margin percentage', 'gross margin', 'profit margin', 'margins'],
      pt: ['margem', 'margem %', 'margem percentual', 'margem bruta', 'margem de lucro', 'margens'],
    },
    sql: 'gross_profit / NULLIF(revenue, 0)',
    additive: false,
  },
  active_customers: {
    id: 'active_customers',
    label: { en: 'Active customers', pt: 'Clientes ativos' },
    definition: { en: 'distinct customers with a completed order in the period', pt: 'clientes distintos com pedido concluído no período' },
    unit: 'count',
    synonyms: {
      en: ['active customers', 'customers', 'buyers', 'clients', 'how many customers', 'customer count', 'number of customers', 'active clients', 'purchasing customers'],
      pt: ['clientes ativos', 'clientes', 'compradores', 'quantos clientes', 'numero de clientes', 'quantidade de clientes'],
    },
    sql: "COUNT(DISTINCT orders.customer_id) FILTER (WHERE orders.status = 'completed')",
    additive: false,
  },
  new_customers: {
    id: 'new_customers',
    label: { en: 'New customers', pt: 'Clientes novos' },
    definition: { en: 'customers whose first completed order ever falls in the period', pt: 'clientes cujo primeiro pedido concluído cai no período' },
    unit: 'count',
    synonyms: {
      en: ['new customers', 'new clients', 'first-time customers', 'first time buyers', 'acquired customers', 'customer acquisition', 'new buyers'],
      pt: ['clientes novos', 'novos clientes', 'clientes conquistados', 'primeira compra', 'novos compradores', 'aquisicao de clientes'],
    },
    sql: "COUNT(*) of customers whose MIN(order_date) over completed orders is in the period",
    additive: true,
  },
  churned_customers: {
    id: 'churned_customers',
    label: { en: 'Churned customers', pt: 'Clientes perdidos' },
    definition: {
      en: 'customers with a completed order before the period end but none in the 90 days up to it',
      pt: 'clientes com pedido concluído antes do fim do período e nenhum nos 90 dias até ele',
    },
    unit: 'count',
    synonyms: {
      en: ['churned customers', 'churn', 'churned', 'lost customers', 'lost clients', 'inactive customers', 'customers we lost', 'churned clients', 'did we lose', 'have we lost', 'we lost', 'lose', 'losing customers'],
      pt: ['clientes perdidos', 'churn', 'clientes inativos', 'perdemos', 'clientes que pararam de comprar', 'evasao de clientes', 'clientes churn'],
    },
    sql: "COUNT(*) of customers with a completed order on or before end − 90 days and none in (end − 90 days, end]",
    additive: false,
  },
  target: {
    id: 'target',
    label: { en: 'Target', pt: 'Meta' },
    definition: { en: 'sum of monthly sales targets in the period', pt: 'soma das metas mensais no período' },
    unit: 'currency',
    synonyms: {
      en: ['target', 'targets', 'goal', 'goals', 'quota', 'quotas', 'budget', 'sales target', 'sales targets', 'sales goal', 'sales goals', 'sales quota'],
      pt: ['meta', 'metas', 'objetivo', 'objetivos', 'cota', 'cotas', 'orcamento', 'meta de vendas', 'metas de vendas', 'meta de faturamento'],
    },
    sql: 'SUM(sales_targets.amount) for the months the period covers (rep, region or company targets)',
    additive: true,
  },
  target_attainment: {
    id: 'target_attainment',
    label: { en: 'Target attainment', pt: 'Atingimento da meta' },
    definition: { en: 'revenue ÷ target for the same months and scope', pt: 'faturamento ÷ meta dos mesmos meses e escopo' },
    unit: 'percent',
    synonyms: {
      en: ['target attainment', 'attainment', 'quota attainment', 'percent of target', '% of target', 'hit the target', 'hit target', 'against target', 'vs target', 'versus target', 'achievement', 'hit their target', 'hit their targets', 'met the target', 'met their target', 'met target', 'made quota'],
      pt: ['atingimento', 'atingimento da meta', 'atingimos a meta', 'bateu a meta', 'batemos a meta', 'bater a meta', '% da meta', 'percentual da meta', 'contra a meta', 'em relacao a meta', 'cumprimento da meta', 'bateram a meta', 'bateram as metas', 'atingiu a meta', 'atingiram a meta', 'cumpriu a meta', 'cumpriram a meta'],
    },
    sql: 'revenue / NULLIF(target, 0)',
    additive: false,
  },
}

export const dimensionIds = ['day', 'week', 'month', 'quarter', 'year', 'region', 'state', 'city', 'rep', 'customer', 'segment', 'product', 'category', 'brand', 'channel', 'payment_method', 'status'] as const
export type DimensionId = (typeof dimensionIds)[number]
export type TimeDimensionId = 'day' | 'week' | 'month' | 'quarter' | 'year'
export const timeDimensionIds: readonly TimeDimensionId[] = ['day', 'week', 'month', 'quarter', 'year']

export interface DimensionDefinition {
  readonly id: DimensionId
  readonly kind: 'time' | 'entity' | 'attribute'
  readonly label: Localized
  readonly description: Localized
  readonly synonyms: Synonyms
  /** SQL of the value shown in answers (time: the period's first day as a date). */
  readonly sql: string
  /** For entities: the table whose names a question may mention (resolved with accent- and typo-tolerant matching). */
  readonly entity?: { readonly table: 'regions' | 'sales_reps' | 'customers' | 'products' | 'categories'; readonly nameColumn: string; readonly idSql: string }
  /** For attributes: where their distinct values live. */
  readonly valuesFrom?: string
}

export const dimensions: Readonly<Record<DimensionId, DimensionDefinition>> = {
  day: {
    id: 'day', kind: 'time', label: { en: 'Day', pt: 'Dia' }, description: { en: 'order date', pt: 'data do pedido' },
    synonyms: { en: ['day', 'daily', 'per day', 'by day', 'each day', 'date'], pt: ['dia', 'diario', 'diaria', 'por dia', 'cada dia', 'data'] },
    sql: 'orders.order_date',
  },
  week: {
    id: 'week', kind: 'time', label: { en: 'Week', pt: 'Semana' }, description: { en: 'week starting Monday', pt: 'semana começando na segunda-feira' },
    synonyms: { en: ['week', 'weekly', 'per week', 'by week', 'each week'], pt: ['semana', 'semanal', 'por semana', 'cada semana'] },
    sql: "date_trunc('week', orders.order_date)::date",
  },
  month: {
    id: 'month', kind: 'time', label: { en: 'Month', pt: 'Mês' }, description: { en: 'calendar month', pt: 'mês do calendário' },
    synonyms: { en: ['month', 'monthly', 'per month', 'by month', 'each month', 'month by month', 'month over month', 'mom'], pt: ['mes', 'mensal', 'por mes', 'cada mes', 'mes a mes', 'meses'] },
    sql: "date_trunc('month', orders.order_date)::date",
  },
  quarter: {
    id: 'quarter', kind: 'time', label: { en: 'Quarter', pt: 'Trimestre' }, description: { en: 'calendar quarter', pt: 'trimestre do calendário' },
    synonyms: { en: ['quarter', 'quarterly', 'per quarter', 'by quarter', 'each quarter'], pt: ['trimestre', 'trimestral', 'por trimestre', 'cada trimestre', 'trimestres'] },
    sql: "date_trunc('quarter', orders.order_date)::date",
  },
  year: {
    id: 'year', kind: 'time', label: { en: 'Year', pt: 'Ano' }, description: { en: 'calendar year', pt: 'ano do calendário' },
    synonyms: { en: ['year', 'yearly', 'annual', 'annually', 'per year', 'by year', 'each year', 'year over year', 'yoy'], pt: ['ano', 'anual', 'por ano', 'cada ano', 'ano a ano', 'anos'] },
    sql: "date_trunc('year', orders.order_date)::date",
  },
  region: {
    id: 'region', kind: 'entity', label: { en: 'Region', pt: 'Região' }, description: { en: "the customer's region", pt: 'a região do cliente' },
    synonyms: { en: ['region', 'regions', 'regional', 'area', 'territory', 'territories'], pt: ['regiao', 'regioes', 'regional', 'area', 'territorio', 'territorios'] },
    sql: 'regions.name',
    entity: { table: 'regions', nameColumn: 'name', idSql: 'customers.region_id' },
  },
  state: {
    id: 'state', kind: 'attribute', label: { en: 'State', pt: 'Estado' }, description: { en: "the customer's state (UF)", pt: 'o estado (UF) do cliente' },
    synonyms: { en: ['state', 'states', 'uf'], pt: ['estado', 'estados', 'uf', 'ufs'] },
    sql: 'customers.state',
    valuesFrom: 'customers.state',
  },
  city: {
    id: 'city', kind: 'attribute', label: { en: 'City', pt: 'Cidade' }, description: { en: "the customer's city", pt: 'a cidade do cliente' },
    synonyms: { en: ['city', 'cities', 'town'], pt: ['cidade', 'cidades', 'municipio', 'municipios'] },
    sql: 'customers.city',
    valuesFrom: 'customers.city',
  },
  rep: {
    id: 'rep', kind: 'entity', label: { en: 'Sales rep', pt: 'Vendedor' }, description: { en: 'the rep who made the sale', pt: 'o vendedor que fez a venda' },
    synonyms: { en: ['rep', 'reps', 'sales rep', 'sales reps', 'salesperson', 'salespeople', 'seller', 'sellers', 'account executive', 'representative', 'representatives', 'team member'], pt: ['vendedor', 'vendedores', 'vendedora', 'vendedoras', 'representante', 'representantes', 'consultor', 'consultores', 'executivo de vendas'] },
    sql: 'sales_reps.name',
    entity: { table: 'sales_reps', nameColumn: 'name', idSql: 'orders.rep_id' },
  },
  customer: {
    id: 'customer', kind: 'entity', label: { en: 'Customer', pt: 'Cliente' }, description: { en: 'the buying customer', pt: 'o cliente comprador' },
    synonyms: { en: ['customer', 'customers', 'client', 'clients', 'account', 'accounts', 'buyer', 'buyers'], pt: ['cliente', 'clientes', 'conta', 'contas', 'comprador', 'compradores'] },
    sql: 'customers.name',
    entity: { table: 'customers', nameColumn: 'name', idSql: 'orders.customer_id' },
  },
  segment: {
    id: 'segment', kind: 'attribute', label: { en: 'Segment', pt: 'Segmento' }, description: { en: "the customer's segment", pt: 'o segmento do cliente' },
    synonyms: { en: ['segment', 'segments', 'customer segment', 'tier'], pt: ['segmento', 'segmentos', 'segmento de cliente', 'porte'] },
    sql: 'customers.segment',
    valuesFrom: 'customers.segment',
  },
  product: {
    id: 'product', kind: 'entity', label: { en: 'Product', pt: 'Produto' }, description: { en: 'the product sold', pt: 'o produto vendido' },
    synonyms: { en: ['product', 'products', 'item', 'items', 'sku', 'skus'], pt: ['produto', 'produtos', 'item', 'itens', 'sku', 'skus', 'mercadoria', 'mercadorias'] },
    sql: 'products.name',
    entity: { table: 'products', nameColumn: 'name', idSql: 'order_items.product_id' },
  },
  category: {
    id: 'category', kind: 'entity', label: { en: 'Category', pt: 'Categoria' }, description: { en: "the product's category", pt: 'a categoria do produto' },
    synonyms: { en: ['category', 'categories', 'product category', 'product line', 'line'], pt: ['categoria', 'categorias', 'linha de produto', 'linha', 'familia'] },
    sql: 'categories.name',
    entity: { table: 'categories', nameColumn: 'name', idSql: 'products.category_id' },
  },
  brand: {
    id: 'brand', kind: 'attribute', label: { en: 'Brand', pt: 'Marca' }, description: { en: "the product's brand", pt: 'a marca do produto' },
    synonyms: { en: ['brand', 'brands', 'manufacturer', 'make'], pt: ['marca', 'marcas', 'fabricante', 'fabricantes'] },
    sql: 'products.brand',
    valuesFrom: 'products.brand',
  },
  channel: {
    id: 'channel', kind: 'attribute', label: { en: 'Channel', pt: 'Canal' }, description: { en: 'the sales channel of the order', pt: 'o canal de venda do pedido' },
    synonyms: { en: ['channel', 'channels', 'sales channel'], pt: ['canal', 'canais', 'canal de venda', 'canais de venda'] },
    sql: 'orders.channel',
    valuesFrom: 'orders.channel',
  },
  payment_method: {
    id: 'payment_method', kind: 'attribute', label: { en: 'Payment method', pt: 'Forma de pagamento' }, description: { en: 'how the order was paid', pt: 'como o pedido foi pago' },
    synonyms: { en: ['payment method', 'payment methods', 'payment', 'payment type', 'paid with', 'how customers pay'], pt: ['forma de pagamento', 'formas de pagamento', 'pagamento', 'meio de pagamento', 'meios de pagamento', 'tipo de pagamento'] },
    sql: 'orders.payment_method',
    valuesFrom: 'orders.payment_method',
  },
  status: {
    id: 'status', kind: 'attribute', label: { en: 'Status', pt: 'Status' }, description: { en: 'order status: completed, pending, cancelled, returned', pt: 'situação do pedido: concluído, pendente, cancelado, devolvido' },
    synonyms: { en: ['status', 'statuses', 'order status', 'state of the order'], pt: ['status', 'situacao', 'situacao do pedido', 'estado do pedido', 'status do pedido', 'status dos pedidos'] },
    sql: 'orders.status',
    valuesFrom: 'orders.status',
  },
}

/** Status words a question may use, mapped to the stored values. */
export const statusSynonyms: Readonly<Record<string, readonly string[]>> = {
  completed: ['completed', 'complete', 'closed', 'won', 'concluido', 'concluidos', 'concluidas', 'fechado', 'fechados', 'finalizados', 'pago', 'pagos'],
  pending: ['pending', 'open', 'pendente', 'pendentes', 'em aberto', 'abertos'],
  cancelled: ['cancelled', 'canceled', 'cancellations', 'cancelado', 'cancelados', 'cancelamentos', 'canceladas'],
  returned: ['returned', 'returns', 'refunded', 'devolvido', 'devolvidos', 'devolucoes', 'devolucao', 'estornados'],
}
