/** What the sales log says about a decision on a draft or a recorded sale (confirm, cancel, edit, undo), in English and Portuguese. */
import type { Language } from '../semantic/semantic-model.js'

export interface SaleDecisionMessages {
  recorded(id: number, total: string): string
  alreadyRecorded(id: number): string
  notFound: string
  notOwner: string
  expired: string
  cancelled: string
  /** The draft was replaced by a newer message or an edit: only the newest can be confirmed. */
  replaced: string
  cancelledNow: string
  confirmedBeforeCancel(id: number): string
  confirmedBeforeEdit(id: number): string
  orderGone: string
  undone(id: number): string
  alreadyUndone(id: number): string
  nothingToUndo: string
  notYourSale: string
  undoWindowPassed(id: number, minutes: number): string
}

const pt: SaleDecisionMessages = {
  recorded: (id, total) => `Venda registrada: pedido #${id}, total ${total}.`,
  alreadyRecorded: (id) => `Esta venda já estava registrada: pedido #${id}. Nada foi gravado de novo.`,
  notFound: 'Não encontrei essa venda pendente. Escreva a venda de novo para registrá-la.',
  notOwner: 'Só quem escreveu esta venda pode confirmá-la ou cancelá-la.',
  expired: 'Esta confirmação expirou e nada foi registrado. Escreva a venda de novo para registrá-la.',
  cancelled: 'Esta venda foi cancelada e nada foi registrado. Escreva a venda de novo se quiser registrá-la.',
  replaced: 'Esta versão da venda foi substituída por uma mais nova e não pode ser confirmada. Confirme a versão mais recente.',
  cancelledNow: 'Venda cancelada: nada foi registrado.',
  confirmedBeforeCancel: (id) => `Esta venda já foi registrada (pedido #${id}); cancelar aqui não a desfaz.`,
  confirmedBeforeEdit: (id) => `Esta venda já foi registrada (pedido #${id}) e não pode mais ser editada; desfaça-a e escreva de novo.`,
  orderGone: 'O pedido desta venda não existe mais.',
  undone: (id) => `Venda desfeita: o pedido #${id} foi removido.`,
  alreadyUndone: (id) => `Esta venda já foi desfeita (pedido #${id}); nada mais foi alterado.`,
  nothingToUndo: 'Não encontrei uma venda sua registrada por aqui para desfazer.',
  notYourSale: 'Só quem registrou esta venda pode desfazê-la.',
  undoWindowPassed: (id, minutes) => `O prazo de ${minutes} minutos para desfazer o pedido #${id} já passou. Peça a um administrador para corrigi-lo.`,
}

const en: SaleDecisionMessages = {
  recorded: (id, total) => `Sale recorded: order #${id}, total ${total}.`,
  alreadyRecorded: (id) => `This sale was already recorded: order #${id}. Nothing was written again.`,
  notFound: 'I could not find that pending sale. Write the sale again to log it.',
  notOwner: 'Only the person who wrote this sale can confirm or cancel it.',
  expired: 'This confirmation has expired and nothing was recorded. Write the sale again to log it.',
  cancelled: 'This sale was cancelled and nothing was recorded. Write it again if you want to log it.',
  replaced: 'This version of the sale was replaced by a newer one and cannot be confirmed. Confirm the latest version.',
  cancelledNow: 'Sale cancelled: nothing was recorded.',
  confirmedBeforeCancel: (id) => `This sale was already recorded (order #${id}); cancelling here does not undo it.`,
  confirmedBeforeEdit: (id) => `This sale was already recorded (order #${id}) and can no longer be edited; undo it and write it again.`,
  orderGone: 'The order of this sale no longer exists.',
  undone: (id) => `Sale undone: order #${id} was removed.`,
  alreadyUndone: (id) => `This sale was already undone (order #${id}); nothing else changed.`,
  nothingToUndo: 'I found no sale of yours recorded here to undo.',
  notYourSale: 'Only the person who recorded this sale can undo it.',
  undoWindowPassed: (id, minutes) => `The ${minutes} minutes to undo order #${id} have passed. Ask an admin to correct it.`,
}

export function saleDecisionMessages(language: Language): SaleDecisionMessages {
  return language === 'pt' ? pt : en
}
