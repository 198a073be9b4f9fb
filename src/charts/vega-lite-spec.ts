/**
 * The shape of the charts we produce: a Vega-Lite spec as plain JSON. It is deliberately loose here — every spec the
 * builders produce is checked against the Vega-Lite JSON schema in tests and by validate-spec at render time.
 */
export type VegaLiteSpec = { readonly [key: string]: unknown }

export const vegaLiteSchemaUrl = 'https://vega.github.io/schema/vega-lite/v6.json'

/** The chart kinds a caller (or, later, a model) may ask for: only a kind, never spec code. */
export type ChartKind = 'line' | 'bar' | 'stacked_bar' | 'heatmap' | 'grouped_bar'
export const chartKinds: readonly ChartKind[] = ['line', 'bar', 'stacked_bar', 'heatmap', 'grouped_bar']
