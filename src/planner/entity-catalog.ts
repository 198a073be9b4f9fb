/** The names the entity resolver matches, as read from the database (or written by hand in tests). */
export interface NamedRow {
  readonly id: number
  readonly name: string
}

export interface EntityCatalog {
  readonly regions: readonly NamedRow[]
  readonly reps: readonly NamedRow[]
  readonly customers: readonly NamedRow[]
  readonly products: readonly NamedRow[]
  readonly categories: readonly NamedRow[]
  /** Distinct stored values. */
  readonly brands: readonly string[]
  readonly segments: readonly string[]
  /** UF codes, e.g. 'SP'. */
  readonly states: readonly string[]
  readonly cities: readonly string[]
  readonly channels: readonly string[]
  readonly paymentMethods: readonly string[]
  readonly statuses: readonly string[]
}
