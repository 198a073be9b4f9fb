/**
 * The one chart theme: white background, no chart junk, and text sized to stay legible when Slack shows the image as a
 * ~360 px wide thumbnail (13 px labels, 16 px title). Colours are Okabe–Ito, safe for the common colour-vision deficiencies.
 */
import type { Language } from '../semantic/semantic-model.js'
import { chartLocale } from './chart-locale.js'

/** Okabe & Ito (2008), blue first; yellow last because it is faint on white. */
export const categoricalPalette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const

export const chartColours = {
  main: '#0072B2',
  /** The comparison period: grey, so "now" stands out by lightness as well as hue. */
  previous: '#9E9E9E',
  forecast: '#D55E00',
  text: '#1F2933',
  muted: '#52606D',
  grid: '#E4E7EB',
} as const

/** Fonts installed with fonts-liberation and fonts-dejavu; the SVG lists them in order and resvg falls back along the list. */
export const chartFontFamily = 'Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif'

/** The chart's outer width in CSS pixels; the PNG is drawn at 2× for sharp thumbnails. */
export const chartWidth = 420
export const barStep = 24

export function chartConfig(language: Language) {
  return {
    background: '#ffffff',
    padding: 12,
    font: chartFontFamily,
    locale: chartLocale(language),
    view: { stroke: null },
    title: { fontSize: 16, fontWeight: 'bold', color: chartColours.text, anchor: 'start', subtitleFontSize: 13, subtitleColor: chartColours.muted, offset: 10 },
    axis: {
      labelFontSize: 13,
      titleFontSize: 13,
      titleFontWeight: 'normal',
      labelColor: chartColours.muted,
      titleColor: chartColours.muted,
      domainColor: '#9AA5B1',
      tickColor: '#9AA5B1',
      gridColor: chartColours.grid,
      labelOverlap: true,
      labelLimit: 150,
    },
    axisY: { domain: false, ticks: false },
    legend: { labelFontSize: 13, titleFontSize: 13, titleFontWeight: 'normal', orient: 'bottom', labelLimit: 200 },
    range: { category: [...categoricalPalette] },
    line: { strokeWidth: 2.5 },
    point: { size: 40 },
    text: { fontSize: 12, color: chartColours.text },
  }
}
