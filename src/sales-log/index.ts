/** Sales logging by chat message: parse → confirm → record. */
export { createSalesLog, type SalesLog, type SalesLogDeps, type ProposeSaleResult, type ConfirmSaleResult, type CancelSaleResult } from './create-sales-log.js'
export { parseSaleMessage, type SaleDraft, type SaleDraftItem, type SaleParse, type SaleParseFailure } from './parse-sale-message.js'
export { createSaleCatalog, createStaticSaleCatalog, type SaleCatalog } from './sale-catalog.js'
export { describeSaleDraft, saleTotal } from './describe-sale-draft.js'
export { recordSale, chatExternalRef } from './record-sale.js'
