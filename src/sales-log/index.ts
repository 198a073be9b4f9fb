/** Sales logging by chat message: parse (rules or a model) → confirm → record → undo. */
export {
  createSalesLog,
  type SalesLog, type SalesLogDeps, type SaleSource,
  type ProposeSaleRequest, type ProposeSaleResult, type EditSaleRequest, type EditSaleResult,
  type SaleDecisionRequest, type ConfirmSaleResult, type CancelSaleResult,
  type UndoSaleRequest, type UndoSaleResult, type LastRecordedSaleRequest, type RecordedChatSale,
} from './create-sales-log.js'
export { parseSaleMessage, type SaleDraft, type SaleDraftItem, type SaleParse, type SaleParseFailure } from './parse-sale-message.js'
export { createSaleCatalog, createStaticSaleCatalog, type SaleCatalog } from './sale-catalog.js'
export { describeSaleDraft, saleTotal } from './describe-sale-draft.js'
export { recordSale, chatExternalRef } from './record-sale.js'
export { createModelSaleExtractor } from './extract-sale-with-model.js'
export { extractedSaleSchema, type ExtractedSale, type SaleExtractor, type SaleExtractionRequest } from './extracted-sale.js'
export { findSaleOutliers, type SaleOutlier, type SaleOutlierThresholds } from './find-sale-outliers.js'
export type { ExtractedBy } from './extract-sale.js'
