/** Names compared the way people type them: no accents, no case, punctuation as spaces. */
export function normaliseSaleText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Legal forms a rep leaves out ("Acme" for "Acme Ltda", "Grupo Silva" for "Grupo Silva S.A."). */
const legalForms = new Set(['ltda', 'sa', 's', 'a', 'me', 'epp', 'eireli', 'inc', 'corp', 'corporation', 'llc', 'ltd', 'co', 'company', 'cia'])

/** The name without trailing legal forms: "acme ltda" → "acme", "grupo silva s a" → "grupo silva". */
export function withoutLegalForm(normalised: string): string {
  const words = normalised.split(' ')
  while (words.length > 1 && legalForms.has(words[words.length - 1]!)) words.pop()
  return words.join(' ')
}
