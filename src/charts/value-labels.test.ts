import { describe, expect, it } from 'vitest'
import { compactAxisExpression, compactValue, currencyPrefix, isTrustedExpression } from './value-labels.js'

describe('value labels', () => {
  it('writes money compactly the Brazilian way for pt and the American way for en', () => {
    expect(compactValue(1_234_567, 'currency', 'pt', 'BRL')).toBe('R$ 1,2 mi')
    expect(compactValue(120_000, 'currency', 'pt', 'BRL')).toBe('R$ 120 mil')
    expect(compactValue(1_234_567, 'currency', 'en', 'BRL')).toBe('R$1.2M')
    expect(compactValue(120_000, 'currency', 'en', 'BRL')).toBe('R$120K')
    expect(compactValue(0.125, 'percent', 'pt', 'BRL')).toBe('12,5%')
  })

  it('takes the currency sign from the locale, with the space pt-BR puts after it', () => {
    expect(currencyPrefix('pt', 'BRL')).toBe('R$ ')
    expect(currencyPrefix('en', 'BRL')).toBe('R$')
    expect(currencyPrefix('pt', 'USD')).toBe('US$ ')
  })

  it('trusts only expressions its own template produced', () => {
    expect(isTrustedExpression(compactAxisExpression('currency', 'pt', 'BRL'))).toBe(true)
    expect(isTrustedExpression(compactAxisExpression('count', 'en', 'BRL'))).toBe(true)
    expect(isTrustedExpression('datum.value')).toBe(false)
  })
})
