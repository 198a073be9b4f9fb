import { describe, expect, it } from 'vitest'
import { normaliseResultValue } from './normalise-result-value.js'

describe('normaliseResultValue', () => {
  it('turns numbers, bigints and numeric strings into numbers', () => {
    expect(normaliseResultValue(12.5)).toEqual({ kind: 'number', value: 12.5 })
    expect(normaliseResultValue(42n)).toEqual({ kind: 'number', value: 42 })
    expect(normaliseResultValue('1234.50')).toEqual({ kind: 'number', value: 1234.5 })
    expect(normaliseResultValue('-0.25')).toEqual({ kind: 'number', value: -0.25 })
    expect(normaliseResultValue('1e3')).toEqual({ kind: 'number', value: 1000 })
  })

  it('keeps text that merely contains digits as text', () => {
    expect(normaliseResultValue('Monitor LG 2700')).toEqual({ kind: 'text', value: 'Monitor LG 2700' })
    expect(normaliseResultValue('12,5')).toEqual({ kind: 'text', value: '12,5' })
    expect(normaliseResultValue('')).toEqual({ kind: 'text', value: '' })
  })

  it('reads dates as YYYY-MM-DD from date strings, midnight timestamps and Date objects', () => {
    expect(normaliseResultValue('2026-06-01')).toEqual({ kind: 'text', value: '2026-06-01' })
    expect(normaliseResultValue('2026-06-01T00:00:00.000Z')).toEqual({ kind: 'text', value: '2026-06-01' })
    expect(normaliseResultValue('2026-06-01 00:00:00-03')).toEqual({ kind: 'text', value: '2026-06-01' })
    expect(normaliseResultValue(new Date(2026, 5, 1))).toEqual({ kind: 'text', value: '2026-06-01' })
    expect(normaliseResultValue(new Date(Date.UTC(2026, 5, 1)))).toEqual({ kind: 'text', value: '2026-06-01' })
  })

  it('keeps a timestamp that is not midnight as the instant it is', () => {
    expect(normaliseResultValue('2026-06-01 10:30:00')).toEqual({ kind: 'text', value: '2026-06-01 10:30:00' })
    expect(normaliseResultValue(new Date(Date.UTC(2026, 5, 1, 10, 30, 0, 1)))).toEqual({ kind: 'text', value: '2026-06-01T10:30:00.001Z' })
  })

  it('treats null and undefined as null, and keeps booleans', () => {
    expect(normaliseResultValue(null)).toEqual({ kind: 'null' })
    expect(normaliseResultValue(undefined)).toEqual({ kind: 'null' })
    expect(normaliseResultValue(false)).toEqual({ kind: 'boolean', value: false })
  })

  it('compares objects and arrays by their JSON', () => {
    expect(normaliseResultValue({ a: 1 })).toEqual({ kind: 'text', value: '{"a":1}' })
    expect(normaliseResultValue(['x'])).toEqual({ kind: 'text', value: '["x"]' })
  })
})
