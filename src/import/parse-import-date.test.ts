import { describe, expect, it } from 'vitest'
import { parseImportDate } from './parse-import-date.js'

const bounds = { earliest: '2000-01-01', latest: '2025-06-30' }
const read = (cell: Parameters<typeof parseImportDate>[0]) => parseImportDate(cell, bounds)

describe('parseImportDate', () => {
  it('reads ISO dates, with or without a time after them', () => {
    expect(read('2025-03-14')).toEqual({ ok: true, value: '2025-03-14' })
    expect(read(' 2025-3-4 ')).toEqual({ ok: true, value: '2025-03-04' })
    expect(read('2025-03-14T10:30:00Z')).toEqual({ ok: true, value: '2025-03-14' })
  })

  it('reads Brazilian day-first dates, including two-digit years and a time', () => {
    expect(read('14/03/2025')).toEqual({ ok: true, value: '2025-03-14' })
    expect(read('4/3/2025')).toEqual({ ok: true, value: '2025-03-04' })
    expect(read('14-03-2025')).toEqual({ ok: true, value: '2025-03-14' })
    expect(read('14.03.2025')).toEqual({ ok: true, value: '2025-03-14' })
    expect(read('14/03/25')).toEqual({ ok: true, value: '2025-03-14' })
    expect(read('14/03/2025 09:15')).toEqual({ ok: true, value: '2025-03-14' })
  })

  it('reads Excel date cells and Excel serial numbers', () => {
    expect(read(new Date(Date.UTC(2025, 2, 14)))).toEqual({ ok: true, value: '2025-03-14' })
    expect(read(45730)).toEqual({ ok: true, value: '2025-03-14' })
    expect(read(45730.75)).toEqual({ ok: true, value: '2025-03-14' })
    expect(read('45730')).toEqual({ ok: true, value: '2025-03-14' })
    expect(read('20250314')).toEqual({ ok: true, value: '2025-03-14' })
  })

  it('refuses impossible calendar dates and explains day-first reading of US dates', () => {
    expect(read('31/02/2025')).toEqual({ ok: false, message: 'is not a valid calendar date' })
    expect(read('03/14/2025')).toMatchObject({ ok: false, message: expect.stringContaining('day first') })
    expect(read('2025-13-01')).toMatchObject({ ok: false })
  })

  it('refuses text that is not a date', () => {
    expect(read('yesterday')).toMatchObject({ ok: false, message: expect.stringContaining('is not a date') })
    expect(read('=TODAY()')).toMatchObject({ ok: false })
    expect(read(true)).toMatchObject({ ok: false })
    expect(read(-5)).toMatchObject({ ok: false })
  })

  it('refuses dates in the future or before 2000 as likely typos', () => {
    expect(read('2025-07-01')).toEqual({ ok: false, message: 'is in the future (today is 2025-06-30)' })
    expect(read('2025-06-30')).toEqual({ ok: true, value: '2025-06-30' })
    expect(read('31/12/1999')).toMatchObject({ ok: false, message: expect.stringContaining('before 2000-01-01') })
    expect(read('14/03/2205')).toMatchObject({ ok: false, message: expect.stringContaining('future') })
  })
})
