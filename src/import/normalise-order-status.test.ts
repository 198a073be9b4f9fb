import { describe, expect, it } from 'vitest'
import { normaliseOrderStatus } from './normalise-order-status.js'

describe('normaliseOrderStatus', () => {
  it.each([
    ['completed', 'completed'],
    ['Concluído', 'completed'],
    ['CONCLUIDO', 'completed'],
    ['pago', 'completed'],
    ['Pendente', 'pending'],
    ['cancelado', 'cancelled'],
    ['canceled', 'cancelled'],
    ['Devolvido', 'returned'],
    ['aguardando_pagamento', 'pending'],
  ])('reads %s as %s', (text, status) => {
    expect(normaliseOrderStatus(text)).toEqual({ ok: true, value: status })
  })

  it('refuses words it does not know, listing the ones it does', () => {
    expect(normaliseOrderStatus('maybe')).toMatchObject({ ok: false, message: expect.stringContaining('completed, pending, cancelled or returned') })
  })
})
