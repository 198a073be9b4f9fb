/** Customer segments (RFM): what the agent's tool and the digests use. */
export { createRfmSegmenter, AT_RISK_LIST_SIZE, type RfmRequest, type RfmResult, type RfmSegmentSummary, type AtRiskCustomer, type RfmSegmenter } from './compute-rfm-segments.js'
export { rfmSegments, rfmSegmentIds, atRiskSegmentIds, segmentFor, valueScore, type RfmSegmentId, type RfmScore, type RfmSegmentDefinition } from './rfm-segment-map.js'
export { describeRfmResult, type RfmDescriptionOptions } from './describe-rfm-result.js'
