/** What the sales log says to a rep, in English and Portuguese: failures say what is missing and how to say it. */
import type { Language } from '../semantic/semantic-model.js'

const quote = (text: string) => `'${text}'`
const orList = (names: readonly string[], or: string) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${or} ${names[names.length - 1]}`

export interface SaleMessages {
  notASale: string
  missingProduct: string
  missingQuantity(product: string): string
  badQuantity(said: string): string
  unknownProduct(said: string, suggestions: readonly string[]): string
  unknownSku(said: string, suggestions: readonly string[]): string
  ambiguousProduct(said: string, candidates: readonly string[]): string
  retiredProduct(name: string): string
  missingCustomer: string
  unknownCustomer(said: string, suggestions: readonly string[]): string
  ambiguousCustomer(said: string, candidates: readonly string[]): string
  priceForWhichItem: string
  badDate(said: string): string
  futureDate(date: string): string
  badDiscount(said: string): string
  badPrice(said: string): string
  // Notes: assumptions the confirmation shows.
  listPriceUsed(product: string, price: string): string
  totalSplit(total: string, quantity: number, unit: string): string
  totalRounded(total: string, recorded: string): string
  readAsUnit(price: string): string
  readAsTotal(total: string, unit: string): string
  currencyRead(said: string, recorded: string, currency: string): string
  farFromList(product: string, percent: string, list: string, above: boolean): string
  notARep: string
  adminCannotLog: string
}

const pt: SaleMessages = {
  notASale: 'Não entendi como uma venda. Para registrar, escreva por exemplo: "vendi 3 Widget Pro para a Acme por R$ 1.200 cada".',
  missingProduct: 'Não encontrei o produto na mensagem. Diga a quantidade e o produto (nome ou SKU), por exemplo: "vendi 3 Widget Pro para a Acme".',
  missingQuantity: (product) => `Quantas unidades de ${product}? Escreva por exemplo: "vendi 3 ${product} para a Acme".`,
  badQuantity: (said) => `A quantidade ${quote(said)} não é um número inteiro de unidades maior que zero.`,
  unknownProduct: (said, s) => `Não achei o produto ${quote(said)}${s.length ? ` — você quis dizer ${orList(s, 'ou')}?` : '. Confira o nome ou use o SKU.'}`,
  unknownSku: (said, s) => `Não achei o SKU ${quote(said)}${s.length ? ` — você quis dizer ${orList(s, 'ou')}?` : '. Confira o código.'}`,
  ambiguousProduct: (said, c) => `${quote(said)} pode ser mais de um produto: ${orList(c, 'ou')}. Qual deles? Use o nome completo ou o SKU.`,
  retiredProduct: (name) => `O produto ${name} está fora de linha (inativo) e não pode ser vendido pelo chat.`,
  missingCustomer: 'Para qual cliente foi a venda? Diga o cliente depois de "para", por exemplo: "vendi 3 Widget Pro para a Acme".',
  unknownCustomer: (said, s) => `Não achei o cliente ${quote(said)}${s.length ? ` — você quis dizer ${orList(s, 'ou')}?` : '. Confira o nome; um cliente novo precisa ser cadastrado antes.'}`,
  ambiguousCustomer: (said, c) => `${quote(said)} pode ser mais de um cliente: ${orList(c, 'ou')}. Qual deles? Use o nome completo.`,
  priceForWhichItem: 'Com mais de um produto, diga o preço junto de cada um, por exemplo: "2 Widget Pro a R$ 100 e 1 Gadget X a R$ 50".',
  badDate: (said) => `Não entendi a data ${quote(said)}. Use por exemplo "ontem", "dia 12" ou "12/11".`,
  futureDate: (date) => `A data ${date} ainda não chegou: registre a venda depois que ela acontecer.`,
  badDiscount: (said) => `O desconto ${quote(said)} precisa estar entre 0% e 100%.`,
  badPrice: (said) => `Não entendi o preço ${quote(said)}. Escreva por exemplo "R$ 1.200,50" ou "1200".`,
  listPriceUsed: (product, price) => `Sem preço na mensagem: usei o preço de tabela de ${product} (${price}).`,
  totalSplit: (total, quantity, unit) => `${total} no total ÷ ${quantity} = ${unit} por unidade.`,
  totalRounded: (total, recorded) => `O total dividido por unidade foi arredondado: o total registrado fica ${recorded} (você disse ${total}).`,
  readAsUnit: (price) => `Entendi ${price} como o preço de cada unidade (diga "no total" se era o total).`,
  readAsTotal: (total, unit) => `Entendi ${total} como o total (${unit} por unidade; diga "cada" se era o preço unitário).`,
  currencyRead: (said, recorded, currency) => `Li ${said} como ${recorded}: os valores são registrados em ${currency}.`,
  farFromList: (product, percent, list, above) => `Atenção: o preço de ${product} está ${percent} ${above ? 'acima' : 'abaixo'} do preço de tabela (${list}).`,
  notARep: 'Só vendedores registram vendas pelo chat, e apenas as próprias. Peça a um administrador para vincular seu usuário ao seu cadastro de vendedor.',
  adminCannotLog: 'Pelo chat, cada vendedor registra apenas as próprias vendas; administradores não registram vendas em nome de outros aqui. Use a API de pedidos (POST /api/orders) ou a importação de planilhas.',
}

const en: SaleMessages = {
  notASale: 'That does not read as a sale. To log one, write for example: "sold 3 Widget Pro to Acme at $1,200 each".',
  missingProduct: 'I found no product in the message. Say the quantity and the product (name or SKU), for example: "sold 3 Widget Pro to Acme".',
  missingQuantity: (product) => `How many ${product}? Write for example: "sold 3 ${product} to Acme".`,
  badQuantity: (said) => `The quantity ${quote(said)} is not a whole number of units above zero.`,
  unknownProduct: (said, s) => `I could not find the product ${quote(said)}${s.length ? ` — did you mean ${orList(s, 'or')}?` : '. Check the name or use the SKU.'}`,
  unknownSku: (said, s) => `I could not find the SKU ${quote(said)}${s.length ? ` — did you mean ${orList(s, 'or')}?` : '. Check the code.'}`,
  ambiguousProduct: (said, c) => `${quote(said)} could be more than one product: ${orList(c, 'or')}. Which one? Use the full name or the SKU.`,
  retiredProduct: (name) => `The product ${name} is discontinued (inactive) and cannot be sold from chat.`,
  missingCustomer: 'Which customer was the sale for? Name the customer after "to", for example: "sold 3 Widget Pro to Acme".',
  unknownCustomer: (said, s) => `I could not find the customer ${quote(said)}${s.length ? ` — did you mean ${orList(s, 'or')}?` : '. Check the name; a new customer has to be registered first.'}`,
  ambiguousCustomer: (said, c) => `${quote(said)} could be more than one customer: ${orList(c, 'or')}. Which one? Use the full name.`,
  priceForWhichItem: 'With more than one product, put the price next to each, for example: "2 Widget Pro at $100 and 1 Gadget X at $50".',
  badDate: (said) => `I could not read the date ${quote(said)}. Say for example "yesterday", "on the 12th" or "11/12".`,
  futureDate: (date) => `${date} has not come yet: log the sale once it has happened.`,
  badDiscount: (said) => `The discount ${quote(said)} must be between 0% and 100%.`,
  badPrice: (said) => `I could not read the price ${quote(said)}. Write for example "$1,200.50" or "1200".`,
  listPriceUsed: (product, price) => `No price in the message: used the list price of ${product} (${price}).`,
  totalSplit: (total, quantity, unit) => `${total} in total ÷ ${quantity} = ${unit} each.`,
  totalRounded: (total, recorded) => `The price per unit was rounded: the recorded total is ${recorded} (you said ${total}).`,
  readAsUnit: (price) => `Read ${price} as the price of each unit (say "in total" if it was the total).`,
  readAsTotal: (total, unit) => `Read ${total} as the total (${unit} each; say "each" if it was the unit price).`,
  currencyRead: (said, recorded, currency) => `Read ${said} as ${recorded}: amounts are recorded in ${currency}.`,
  farFromList: (product, percent, list, above) => `Note: the price of ${product} is ${percent} ${above ? 'above' : 'below'} its list price (${list}).`,
  notARep: 'Only sales reps log sales from chat, and only their own. Ask an admin to link your user to your sales rep record.',
  adminCannotLog: 'From chat, each rep logs only their own sales; admins do not log sales for others here. Use the orders API (POST /api/orders) or a spreadsheet import.',
}

export function saleMessages(language: Language): SaleMessages {
  return language === 'pt' ? pt : en
}
