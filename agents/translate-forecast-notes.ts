/**
 * The forecast engine explains itself in English (its notes go to the registry and the CLI as written). A Portuguese
 * answer shows the notes it recognises in Portuguese; one it does not know stays in English rather than be guessed.
 */
import type { Language } from '../src/semantic/semantic-model.js'

const grains: Record<string, string> = { month: 'mês', week: 'semana', day: 'dia' }
const grainPlural: Record<string, string> = { month: 'meses', week: 'semanas', day: 'dias' }

type Rule = readonly [RegExp, (...groups: string[]) => string]

const rules: readonly Rule[] = [
  [/^The first (month|week|day) with sales \((\S+)\) is far below the ones after it, as when the data begins mid-\w+; it was left out\.$/, (g, p) => `O primeiro ${grains[g]} com vendas (${p}) ficou muito abaixo dos seguintes, como quando os dados começam no meio do período; ele foi deixado de fora.`],
  [/^The history starts at (\S+)\.$/, (p) => `O histórico começa em ${p}.`],
  [/^The current (month|week|day) \((\S+)\) is partial: (\d+) of (\d+) days are in, so it is not trained on; its forecast is the actual to date plus the expected remainder\.$/, (g, p, a, b) => `O ${grains[g]} atual (${p}) está incompleto: ${a} de ${b} dias; por isso não entra no treino, e a previsão dele é o realizado até agora mais o restante esperado.`],
  [/^Chose (\S+): backtest MASE ([\d.]+) against ([\d.]+) for seasonal naive, over (\d+) folds\.$/, (m, a, b, n) => `Escolhido ${m}: MASE de backtest ${a.replace('.', ',')} contra ${b.replace('.', ',')} do sazonal ingênuo, em ${n} janelas.`],
  [/^No candidate beat seasonal naive in the backtest \((\d+) folds\), so it is the forecast\.$/, (n) => `Nenhum modelo superou o sazonal ingênuo no backtest (${n} janelas), então ele é a previsão.`],
  [/^Short history: (\d+) periods, less than two seasons \((\d+)\); models that need the seasonal pattern are skipped, so the forecast knows little about seasonality\.$/, (n, s) => `Histórico curto: ${n} períodos, menos de duas estações (${s}); modelos que precisam do padrão sazonal foram pulados, então a previsão sabe pouco de sazonalidade.`],
  [/^(\d+) of (\d+) periods had nothing \(counted as zero\)\.$/, (z, n) => `${z} de ${n} períodos não tiveram nada (contados como zero).`],
  [/^(\d+) (month|week|day)s? had no orders; the previous average ticket stands in for them\.$/, (n, g) => `${n} ${Number(n) === 1 ? grains[g] : grainPlural[g]} sem pedidos; o ticket médio anterior foi usado no lugar.`],
  [/^An average does not add up over periods, so no period total or target attainment is given\.$/, () => 'Uma média não se soma entre períodos, então não há total do período nem atingimento da meta.'],
  [/^The backtest could check (\d+) periods? ahead; intervals further out are widened with the square root of the distance\.$/, (n) => `O backtest conseguiu verificar ${n} período(s) à frente; intervalos mais distantes foram alargados pela raiz quadrada da distância.`],
  [/^No target is set for (.+?), so attainment of the whole period is not computed\.$/, (p) => `Não há meta cadastrada para ${p}, então o atingimento do período todo não foi calculado.`],
  [/^No target is set for (\S+) to (\S+)\.$/, (a, b) => `Não há meta cadastrada de ${a} a ${b}.`],
  [/^Targets are set for the company, regions and reps, not per (\w+)\.$/, (d) => `Metas existem para a empresa, regiões e vendedores, não por ${d === 'category' ? 'categoria' : d === 'product' ? 'produto' : d}.`],
  [/^A rep's forecast is compared only with their own target\.$/, () => 'A previsão de um vendedor é comparada só com a meta dele.'],
]

export function translateForecastNote(note: string, language: Language): string {
  if (language !== 'pt') return note
  for (const [pattern, render] of rules) {
    const match = pattern.exec(note)
    if (match) return render(...match.slice(1))
  }
  return note
}
