/**
 * The columns the sales import understands, with the header spellings (English and Portuguese) each one accepts.
 * Headers are compared after normalisation (see normaliseHeaderName), so case, accents, spaces, underscores,
 * hyphens and punctuation never matter: "Preço Unitário", "preco_unitario" and "PRECO UNITARIO" are the same.
 */
export const importFields = [
  'external_ref',
  'order_date',
  'status',
  'channel',
  'payment_method',
  'customer_name',
  'customer_email',
  'customer_tax_id',
  'customer_segment',
  'city',
  'state',
  'country',
  'region',
  'rep_name',
  'rep_email',
  'product_sku',
  'product_name',
  'category',
  'brand',
  'quantity',
  'unit_price',
  'unit_cost',
  'discount',
] as const

export type ImportField = (typeof importFields)[number]

export const importFieldAliases: Readonly<Record<ImportField, readonly string[]>> = {
  external_ref: ['order_id', 'order_ref', 'order_number', 'pedido', 'numero_pedido', 'num_pedido', 'n_pedido', 'no_pedido', 'nro_pedido', 'id_pedido', 'codigo_pedido', 'ref'],
  order_date: ['date', 'sale_date', 'data', 'data_venda', 'data_da_venda', 'data_pedido', 'dt_venda'],
  status: ['order_status', 'situacao', 'status_pedido'],
  channel: ['canal', 'canal_venda', 'sales_channel'],
  payment_method: ['payment', 'pagamento', 'forma_pagamento', 'forma_de_pagamento', 'meio_pagamento'],
  customer_name: ['customer', 'cliente', 'nome_cliente', 'razao_social'],
  customer_email: ['email', 'e_mail', 'email_cliente', 'cliente_email'],
  customer_tax_id: ['tax_id', 'cnpj', 'cpf', 'cpf_cnpj', 'cnpj_cpf', 'documento'],
  customer_segment: ['segment', 'segmento'],
  city: ['cidade'],
  state: ['estado', 'uf'],
  country: ['pais'],
  region: ['regiao'],
  rep_name: ['rep', 'sales_rep', 'vendedor', 'nome_vendedor', 'representante'],
  rep_email: ['sales_rep_email', 'email_vendedor', 'vendedor_email', 'e_mail_vendedor'],
  product_sku: ['sku', 'codigo', 'codigo_produto', 'cod_produto'],
  product_name: ['product', 'produto', 'nome_produto', 'descricao'],
  category: ['categoria'],
  brand: ['marca'],
  quantity: ['qty', 'quantidade', 'qtd', 'qtde'],
  unit_price: ['price', 'preco', 'preco_unitario', 'valor_unitario', 'vlr_unitario'],
  unit_cost: ['cost', 'custo', 'custo_unitario'],
  discount: ['desconto', 'desconto_percentual'],
}

/** Groups of columns of which the file must have at least one each; a file lacking one is rejected whole. */
export const requiredColumnGroups: readonly (readonly ImportField[])[] = [
  ['order_date'],
  ['customer_name', 'customer_email', 'customer_tax_id'],
  ['rep_name', 'rep_email'],
  ['product_sku'],
  ['quantity'],
]
