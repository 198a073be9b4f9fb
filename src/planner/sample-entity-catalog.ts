/**
 * A small hand-written catalog in the shape of the demo data, for planner tests and examples that need names
 * without a database: two reps called Ana (an ambiguous first name), a customer called "Vendas Ltda" (a name
 * made of a metric word), São Paulo and Rio de Janeiro as both states and cities, Pará (a state that is also a
 * preposition) and Natal (a city that is also Christmas).
 */
import type { EntityCatalog } from './entity-catalog.js'

export const sampleEntityCatalog: EntityCatalog = {
  regions: [
    { id: 1, name: 'Norte' },
    { id: 2, name: 'Nordeste' },
    { id: 3, name: 'Centro-Oeste' },
    { id: 4, name: 'Sudeste' },
    { id: 5, name: 'Sul' },
  ],
  reps: [
    { id: 1, name: 'Maria Silva' },
    { id: 2, name: 'Mariana Araújo' },
    { id: 3, name: 'Ana Oliveira' },
    { id: 4, name: 'Ana Costa' },
    { id: 5, name: 'João Santos' },
    { id: 6, name: 'Vinícius Barros' },
    { id: 7, name: 'Thiago Carvalho' },
  ],
  customers: [
    { id: 1, name: 'Hotel Aurora' },
    { id: 2, name: 'Loja Aurora' },
    { id: 3, name: 'Grupo Silva Ltda' },
    { id: 4, name: 'Universidade Nova Era' },
    { id: 5, name: 'Banco Fênix' },
    { id: 6, name: 'Vendas Ltda' },
    { id: 7, name: 'Padaria Central' },
  ],
  products: [
    { id: 1, name: 'Notebook Gamer Dell One 8100' },
    { id: 2, name: 'Monitor Samsung X 4450' },
    { id: 3, name: 'Mouse sem Fio Logitech Pro 200' },
  ],
  categories: [
    { id: 1, name: 'Notebooks' },
    { id: 2, name: 'Monitores' },
    { id: 3, name: 'Periféricos' },
    { id: 4, name: 'Impressão' },
    { id: 5, name: 'Áudio e Vídeo' },
    { id: 6, name: 'Móveis de Escritório' },
  ],
  brands: ['Dell', 'HP', 'Logitech', 'Samsung'],
  segments: ['Enterprise', 'Mid-Market', 'SMB', 'Varejo'],
  states: ['MG', 'PA', 'RJ', 'RN', 'SE', 'SP'],
  cities: ['Belém', 'Campinas', 'Campo Grande', 'Natal', 'Rio de Janeiro', 'São Paulo'],
  channels: ['field', 'online', 'partner', 'phone'],
  paymentMethods: ['bank_transfer', 'boleto', 'credit_card', 'pix'],
  statuses: ['cancelled', 'completed', 'pending', 'returned'],
}
