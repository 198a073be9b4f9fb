/** Days without an order after which a customer counts as churned (the semantic model's definition). */
export const churnWindowDays = 90
