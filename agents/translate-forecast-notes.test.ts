import { describe, expect, it } from 'vitest'
import { translateForecastNote } from './translate-forecast-notes.js'

describe('forecast notes in Portuguese', () => {
  it('translates the notes the engine writes most, with their figures', () => {
    expect(translateForecastNote('The history starts at 2023-12-01.', 'pt')).toBe('O histórico começa em 2023-12-01.')
    expect(translateForecastNote('The current month (2026-11-01) is partial: 20 of 30 days are in, so it is not trained on; its forecast is the actual to date plus the expected remainder.', 'pt')).toBe(
      'O mês atual (2026-11-01) está incompleto: 20 de 30 dias; por isso não entra no treino, e a previsão dele é o realizado até agora mais o restante esperado.',
    )
    expect(translateForecastNote('Chose mstl_ets: backtest MASE 0.4333 against 0.6571 for seasonal naive, over 8 folds.', 'pt')).toBe('Escolhido mstl_ets: MASE de backtest 0,4333 contra 0,6571 do sazonal ingênuo, em 8 janelas.')
  })

  it('keeps English answers and unknown notes as they are', () => {
    expect(translateForecastNote('The history starts at 2023-12-01.', 'en')).toBe('The history starts at 2023-12-01.')
    expect(translateForecastNote('Something new the engine says.', 'pt')).toBe('Something new the engine says.')
  })
})
