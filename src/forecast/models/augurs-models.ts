/**
 * Grafana's augurs time-series models (Rust compiled to WASM): AutoETS (exponential smoothing with automatic choice
 * of error and trend; augurs 0.10 fits non-seasonal ETS only) and MSTL (seasonal-trend decomposition by Loess, the
 * seasonally adjusted series forecast with AutoETS), the latter twice: on the values (additive seasons, a swing of
 * fixed size) and on log(1 + value) (multiplicative seasons, a swing that grows with the level, as in sales or airline
 * passengers; STL itself is additive only). The WASM is instantiated once, on first use of `loadAugursModels`, never
 * at import.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as AugursEtsModule from '@bsull/augurs/ets'
import type * as AugursMstlModule from '@bsull/augurs/mstl'
import type { ForecastModel } from './forecast-model.js'

type AugursEts = typeof AugursEtsModule
type AugursMstl = typeof AugursMstlModule

let loading: Promise<readonly ForecastModel[]> | undefined

/** The augurs candidates, ready to use; the first call instantiates the WASM modules. */
export function loadAugursModels(): Promise<readonly ForecastModel[]> {
  loading ??= instantiate()
  return loading
}

async function instantiate(): Promise<readonly ForecastModel[]> {
  const require = createRequire(import.meta.url)
  const [ets, mstl] = await Promise.all([import('@bsull/augurs/ets') as Promise<AugursEts>, import('@bsull/augurs/mstl') as Promise<AugursMstl>])
  // initSync with the bytes: the default init fetch()es a URL, which Node cannot do for file: URLs.
  ets.initSync({ module: readFileSync(require.resolve('@bsull/augurs/ets').replace(/ets\.js$/, 'ets_bg.wasm')) })
  mstl.initSync({ module: readFileSync(require.resolve('@bsull/augurs/mstl').replace(/mstl\.js$/, 'mstl_bg.wasm')) })
  return [etsModel(ets), mstlModel(mstl, false), mstlModel(mstl, true)]
}

function checked(points: number[], name: string): number[] {
  if (points.some((p) => !Number.isFinite(p))) throw new Error(`${name} returned a value that is not a number`)
  return points
}

function etsModel(ets: AugursEts): ForecastModel {
  return {
    name: 'ets',
    minLength: () => 8,
    forecast(train, horizon) {
      const model = new ets.AutoETS(1, 'ZZN')
      try {
        model.fit(Float64Array.from(train))
        return checked(model.predict(horizon).point, 'AutoETS')
      } finally {
        model.free()
      }
    },
  }
}

/** MSTL + AutoETS on the values, or with `log` on log(1 + value) (log1p keeps zeros; negative values cannot be fitted). */
function mstlModel(mstl: AugursMstl, log: boolean): ForecastModel {
  return {
    name: log ? 'mstl_ets_log' : 'mstl_ets',
    // STL needs two full seasons, and a little more to estimate the trend.
    minLength: ({ seasonLength }) => 2 * seasonLength + 2,
    forecast(train, horizon, { seasonLength }) {
      if (log && train.some((v) => v < 0)) throw new Error('the log scale needs values of zero or more')
      const model = mstl.MSTL.ets([seasonLength])
      try {
        model.fit(Float64Array.from(train, (v) => (log ? Math.log1p(v) : v)))
        const points = checked(model.predict(horizon).point, 'MSTL')
        return log ? points.map((p) => Math.expm1(p)) : points
      } finally {
        model.free()
      }
    },
  }
}
