import { describe, expect, it } from 'vitest'
import { cronProblem } from '../../../src/digests/schedule/cron-schedule.js'
import { isDigestCommand, parseDigestCommand, type ParseDigestOptions } from '../../../src/digests/schedule/parse-digest-command.js'

const en: ParseDigestOptions = { defaultLanguage: 'en' }
const pt: ParseDigestOptions = { defaultLanguage: 'pt' }
const commandOf = (text: string, options = en) => {
  const parsed = parseDigestCommand(text, options)
  if (!parsed.ok) throw new Error(`expected "${text}" to parse, got: ${parsed.message}`)
  return parsed.command
}
const problemOf = (text: string, options = en) => {
  const parsed = parseDigestCommand(text, options)
  if (parsed.ok) throw new Error(`expected "${text}" to be refused`)
  return parsed
}

describe('reading "digest …" commands typed in chat', () => {
  it('turns the three English examples into a cron, the period they cover and the language', () => {
    expect(commandOf('digest weekly monday 8:00 here')).toEqual({ kind: 'create', frequency: 'weekly', cron: '0 8 * * 1', period: 'previous_week', hour: 8, minute: 0, weekday: 1, scope: [], language: 'en' })
    expect(commandOf('digest daily 7:30 here')).toMatchObject({ frequency: 'daily', cron: '30 7 * * *', period: 'previous_day' })
    expect(commandOf('digest monthly 1 9:00 here')).toMatchObject({ frequency: 'monthly', cron: '0 9 1 * *', period: 'previous_month', dayOfMonth: 1 })
  })

  it('reads the Portuguese commands, and writes the digest (and the replies) in Portuguese', () => {
    expect(parseDigestCommand('resumo semanal segunda 8h aqui', en)).toEqual({
      ok: true,
      replyLanguage: 'pt',
      command: { kind: 'create', frequency: 'weekly', cron: '0 8 * * 1', period: 'previous_week', hour: 8, minute: 0, weekday: 1, scope: [], language: 'pt' },
    })
    expect(commandOf('resumo diário 7h30 aqui')).toMatchObject({ frequency: 'daily', cron: '30 7 * * *', language: 'pt' })
    expect(commandOf('resumo mensal dia 5 às 18h aqui')).toMatchObject({ cron: '0 18 5 * *', language: 'pt' })
    expect(commandOf('resumo semanal toda sexta-feira às 17h30 aqui')).toMatchObject({ cron: '30 17 * * 5' })
    expect(commandOf('resumo semanal segunda feira 8h aqui')).toMatchObject({ cron: '0 8 * * 1' })
  })

  it('takes the many ways to write a time of day', () => {
    const cronAt = (time: string) => (commandOf(`digest daily ${time} here`) as { cron: string }).cron
    expect(['8:00', '08:00', '8h', '8h00', '8am', '8 am'].map(cronAt)).toEqual(Array(6).fill('0 8 * * *'))
    expect(['20:15', '20h15', '8:15pm', '8:15 pm'].map(cronAt)).toEqual(Array(4).fill('15 20 * * *'))
    expect(cronAt('12am')).toBe('0 0 * * *')
    expect(cronAt('0:05')).toBe('5 0 * * *')
    expect(commandOf('digest weekly on mondays at 9:00 here')).toMatchObject({ cron: '0 9 * * 1' })
  })

  it('writes crons the schedule validation accepts', () => {
    for (const text of ['digest weekly sunday 23:59', 'digest daily 0:00', 'digest monthly 28th 7:30', 'resumo semanal sáb 6h']) {
      const command = commandOf(text) as { cron: string }
      expect(cronProblem(command.cron), text).toBeUndefined()
    }
  })

  it('reads a region or category to scope the digest to, however it is introduced', () => {
    expect(commandOf('digest daily 8:00 here for Sul')).toMatchObject({ scope: [{ name: 'Sul' }] })
    expect(commandOf('resumo diário 8h aqui para a região Sul')).toMatchObject({ scope: [{ name: 'Sul', kind: 'region' }], language: 'pt' })
    expect(commandOf('digest weekly monday 8:00 for the South region here')).toMatchObject({ scope: [{ name: 'South', kind: 'region' }] })
    expect(commandOf('digest weekly monday 8:00 here for category Notebooks')).toMatchObject({ scope: [{ name: 'Notebooks', kind: 'category' }] })
    expect(commandOf('resumo semanal segunda 8h aqui para a categoria Áudio e Vídeo')).toMatchObject({ scope: [{ name: 'Áudio e Vídeo', kind: 'category' }] })
    expect(commandOf('digest daily 8:00 here for Sul, Notebooks')).toMatchObject({ scope: [{ name: 'Sul' }, { name: 'Notebooks' }] })
    expect(commandOf('digest daily 8:00 here for the whole company')).toMatchObject({ scope: [] })
  })

  it('takes the language when it is named, wherever it is', () => {
    expect(commandOf('digest daily 8:00 here in portuguese')).toMatchObject({ language: 'pt' })
    expect(parseDigestCommand('resumo diário 8h aqui em inglês', pt)).toMatchObject({ replyLanguage: 'pt', command: { language: 'en' } })
    expect(commandOf('digest daily 8:00 for Sul in portuguese here')).toMatchObject({ scope: [{ name: 'Sul' }], language: 'pt' })
    // Without a Portuguese word or a named language, the user's own language decides.
    expect(commandOf('digest weekly monday 8:00 here', pt)).toMatchObject({ language: 'pt' })
  })

  it('reads preview, list, off and help, with an optional schedule number', () => {
    expect(commandOf('digest preview')).toEqual({ kind: 'preview' })
    expect(commandOf('digest preview 12')).toEqual({ kind: 'preview', scheduleId: 12 })
    expect(commandOf('digest list')).toEqual({ kind: 'list' })
    expect(commandOf('digest off')).toEqual({ kind: 'off' })
    expect(commandOf('digest off #7')).toEqual({ kind: 'off', scheduleId: 7 })
    expect(parseDigestCommand('resumo desligar 7', en)).toEqual({ ok: true, replyLanguage: 'pt', command: { kind: 'off', scheduleId: 7 } })
    expect(commandOf('resumo prévia')).toEqual({ kind: 'preview' })
    expect(commandOf('digest')).toEqual({ kind: 'help' })
    expect(commandOf('digest help')).toEqual({ kind: 'help' })
  })

  it('refuses a malformed time, day or word with what is wrong and an example that works', () => {
    expect(problemOf('digest weekly monday 25:00 here')).toEqual({ ok: false, replyLanguage: 'en', message: '“25:00” is not a time of day: use 8:00, 07:30 or 8h30 (hours 0–23, minutes 0–59).', example: 'digest weekly monday 8:00 here' })
    expect(problemOf('digest daily 8:75 here').message).toContain('“8:75” is not a time of day')
    expect(problemOf('digest daily 8 here').message).toContain('I expected the time of day where it says “8”')
    expect(problemOf('digest daily here').message).toContain('where it says “here”')
    expect(problemOf('digest weekly someday 8:00').message).toBe('“someday” is not a day of the week: a weekly digest needs one, e.g. monday.')
    expect(problemOf('digest monthly 31 8:00').message).toContain('say 1 to 28')
    expect(problemOf('digest hourly 8:00').message).toContain("I don't know “hourly”")
    expect(problemOf('digest daily 8:00 here please').message).toBe('I did not understand “please” in a digest command.')
    expect(problemOf('digest daily 8:00 in <#C0123|sales>').message).toContain('run it in that channel')
    expect(problemOf('digest daily 8:00 here for').message).toContain('Say which region or category after “for”')
    expect(problemOf('digest off everything').message).toContain('is not a digest number')
  })

  it('explains in Portuguese, with a Portuguese example, to whoever writes in Portuguese', () => {
    expect(problemOf('resumo diário 25h aqui')).toEqual({ ok: false, replyLanguage: 'pt', message: '“25h” não é um horário: use 8h, 7h30 ou 08:00 (horas de 0 a 23, minutos de 0 a 59).', example: 'resumo diário 7h30 aqui para a região Sul' })
    expect(problemOf('digest weekly 8:00', pt).message).toContain('não é um dia da semana')
  })

  it('tells a digest command from a question that starts with "resumo"', () => {
    expect(isDigestCommand('digest weekly monday 8:00 here')).toBe(true)
    expect(isDigestCommand('digest whatever')).toBe(true)
    expect(isDigestCommand('resumo semanal segunda 8h aqui')).toBe(true)
    expect(isDigestCommand('Resumo lista')).toBe(true)
    expect(isDigestCommand('resumo')).toBe(true)
    expect(isDigestCommand('resumo das vendas de ontem')).toBe(false)
    expect(isDigestCommand('revenue by region')).toBe(false)
  })
})
