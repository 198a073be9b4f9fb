/**
 * Draws a spec server-side: Vega-Lite → Vega → SVG (Vega's headless renderer) → PNG (resvg, at 2× by default so
 * thumbnails stay sharp). The spec passes validate-spec first, and Vega gets a loader that refuses everything, so
 * rendering reads nothing but the inlined rows. Text is drawn with the system's fonts (see chart-theme).
 */
import { Resvg } from '@resvg/resvg-js'
import { parse, View, type Spec } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { AppError } from '../errors/app-error.js'
import { createRefusingLoader } from './refusing-loader.js'
import { useArialTextMetrics } from './text-metrics.js'
import { validateSpecOrThrow } from './validate-spec.js'
import type { VegaLiteSpec } from './vega-lite-spec.js'

export interface RenderedChart {
  readonly svg: string
  readonly png: Buffer
  /** The PNG's size in pixels (the SVG's size × scale). */
  readonly width: number
  readonly height: number
}

export interface RenderOptions {
  /** PNG pixels per SVG pixel; 2 by default. */
  readonly scale?: number
  /** Vega-Lite's and Vega's warnings (a dropped channel, a bad scale), for tests and logs. */
  readonly onWarning?: (message: string) => void
}

/** resvg's fallback when a family in the SVG is missing; the SVG itself lists Liberation Sans then DejaVu Sans. */
const defaultFontFamily = 'Liberation Sans'

export async function renderChart(spec: VegaLiteSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  validateSpecOrThrow(spec)
  useArialTextMetrics()
  const scale = options.scale ?? 2
  const logger = collectingLogger(options.onWarning)
  let vegaSpec: Spec
  try {
    vegaSpec = compile(spec as unknown as TopLevelSpec, { logger }).spec
  } catch (error) {
    throw new AppError('unprocessable', 'The chart could not be drawn: Vega-Lite rejected its spec.', {}, { cause: error })
  }
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: createRefusingLoader(), logger })
  try {
    const svg = await view.toSVG()
    const image = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily, sansSerifFamily: defaultFontFamily },
    }).render()
    return { svg, png: image.asPng(), width: image.width, height: image.height }
  } finally {
    view.finalize()
  }
}

/** Vega-Lite warns about fit-y on every `fit-x` spec with a step height, though it then does exactly what was asked. */
const spuriousWarning = /^Dropping "fit-y" because spec has discrete height\.$/

/** A Vega logger that raises errors and hands warnings to the caller instead of the console. */
function collectingLogger(onWarning: ((message: string) => void) | undefined) {
  let level = 1
  const text = (args: readonly unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')
  const logger = {
    level(value?: number) {
      if (value === undefined) return level as never
      level = value
      return logger as never
    },
    error(...args: readonly unknown[]) {
      throw new AppError('unprocessable', 'The chart could not be drawn.', { vega: text(args) })
    },
    warn(...args: readonly unknown[]) {
      const message = text(args)
      if (!spuriousWarning.test(message)) onWarning?.(message)
      return logger
    },
    info: () => logger,
    debug: () => logger,
  }
  return logger
}
