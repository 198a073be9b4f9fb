/**
 * Attributes that belong to the customer rather than to an order or a line: grouping a customer's first or last order
 * by them needs no matching on the order itself.
 */
import type { SalesAttribute } from './sales-sources.js'

const ofCustomer = new Set<SalesAttribute>(['customer', 'customer_id', 'region', 'state', 'city', 'segment'])

export const isCustomerAttribute = (attribute: SalesAttribute): boolean => ofCustomer.has(attribute)
