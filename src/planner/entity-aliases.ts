/**
 * Other names people use for values stored in the database: English names of the Brazilian macro-regions,
 * Brazilian state names for UF codes, Portuguese and English words for the stored channel, payment-method and
 * segment codes, and the semantic model's status words. An alias only counts for a value the database holds.
 * Keys and aliases are normalised (lower-case, no accents).
 */
import { statusSynonyms } from '../semantic/semantic-model.js'

export const regionAliases: Readonly<Record<string, readonly string[]>> = {
  norte: ['north', 'the north', 'northern region', 'regiao norte'],
  nordeste: ['northeast', 'north east', 'north-east', 'the northeast', 'regiao nordeste'],
  'centro oeste': ['midwest', 'mid west', 'center west', 'centre west', 'central west', 'west central', 'centro oeste'],
  sudeste: ['southeast', 'south east', 'south-east', 'the southeast', 'regiao sudeste'],
  sul: ['south', 'the south', 'southern region', 'regiao sul'],
}

/** The 27 federative units. */
export const brazilianStates: Readonly<Record<string, string>> = {
  AC: 'Acre', AL: 'Alagoas', AP: 'Amapá', AM: 'Amazonas', BA: 'Bahia', CE: 'Ceará', DF: 'Distrito Federal', ES: 'Espírito Santo', GO: 'Goiás',
  MA: 'Maranhão', MT: 'Mato Grosso', MS: 'Mato Grosso do Sul', MG: 'Minas Gerais', PA: 'Pará', PB: 'Paraíba', PR: 'Paraná', PE: 'Pernambuco',
  PI: 'Piauí', RJ: 'Rio de Janeiro', RN: 'Rio Grande do Norte', RS: 'Rio Grande do Sul', RO: 'Rondônia', RR: 'Roraima', SC: 'Santa Catarina',
  SP: 'São Paulo', SE: 'Sergipe', TO: 'Tocantins',
}

export const channelAliases: Readonly<Record<string, readonly string[]>> = {
  online: ['online', 'on line', 'internet', 'e commerce', 'ecommerce', 'site', 'web', 'loja virtual', 'digital'],
  field: ['field', 'field sales', 'campo', 'externo', 'venda externa', 'vendas externas', 'visita', 'visitas', 'presencial'],
  phone: ['phone', 'telephone', 'telefone', 'televendas', 'telemarketing', 'by phone', 'inside sales'],
  partner: ['partner', 'partners', 'parceiro', 'parceiros', 'parceria', 'revenda', 'revendas', 'revendedor', 'revendedores', 'reseller', 'resellers', 'distribuidor', 'distribuidores'],
}

export const paymentMethodAliases: Readonly<Record<string, readonly string[]>> = {
  pix: ['pix'],
  'credit card': ['credit card', 'credit cards', 'card', 'cards', 'cartao', 'cartoes', 'cartao de credito', 'cartoes de credito', 'credito'],
  boleto: ['boleto', 'boletos', 'boleto bancario', 'bank slip'],
  'bank transfer': ['bank transfer', 'bank transfers', 'wire', 'wire transfer', 'transfer', 'transferencia', 'transferencias', 'transferencia bancaria', 'ted'],
}

export const segmentAliases: Readonly<Record<string, readonly string[]>> = {
  enterprise: ['enterprise', 'enterprises', 'large accounts', 'large companies', 'corporate', 'corporativo', 'corporativos', 'grandes empresas', 'grandes contas', 'grande porte'],
  'mid market': ['mid market', 'midmarket', 'middle market', 'medias empresas', 'medio porte', 'mid size', 'midsize'],
  smb: ['smb', 'smbs', 'small business', 'small businesses', 'small companies', 'pme', 'pmes', 'pequenas empresas', 'pequeno porte', 'pequenas e medias'],
  varejo: ['varejo', 'varejista', 'varejistas', 'retail', 'retailers'],
}

export const statusAliases: Readonly<Record<string, readonly string[]>> = statusSynonyms
