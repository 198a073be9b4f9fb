/**
 * Whether an answer stays inside its channel's region. The region also travels with the turn for the agent; this
 * check is the surface's own guard: a data answer whose plan is not filtered to exactly that region gets a visible
 * warning under it instead of passing silently as the region's figures.
 */
import type { AgentReply } from '../../agents/agent-contract.js'

export function answerLeavesRegion(reply: AgentReply, regionId: number): boolean {
  const plan = reply.plan
  if (!plan) return false
  const region = plan.filters.find((f) => f.dimension === 'region')
  return !region || !!region.exclude || region.values.length !== 1 || Number(region.values[0]) !== regionId
}
