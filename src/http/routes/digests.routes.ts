/**
 * Scheduled digests (issue #8), admin only: schedules (cron in a time zone, destination, scope, sections), a preview
 * that composes without posting, "run now", and the delivery log. The web-chat inbox is readable by admins and analysts
 * (digests carry company and regional figures beyond a rep's own sales).
 */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { AppError } from '../../errors/app-error.js'
import type { DigestDestination, DigestSchedule } from '../../digests/digest-contract.js'
import { nextFireTimes } from '../../digests/schedule/cron-schedule.js'
import { createDigestSchedule, deleteDigestSchedule, digestScheduleOrThrow, listDigestSchedules, updateDigestSchedule } from '../../digests/schedule/digest-schedule.repository.js'
import { validateSchedule, type DigestScheduleInput } from '../../digests/schedule/validate-schedule.js'
import { listDigestDeliveries, type DigestDelivery } from '../../digests/delivery/digest-delivery.repository.js'
import { listDigestInboxMessages, type DigestInboxMessage } from '../../digests/delivery/digest-inbox.repository.js'
import type { DigestService } from '../../digests/delivery/create-digest-service.js'
import { actorOf, requireRole } from '../authenticate.js'
import { idParams, security } from './route-schemas.js'

const text = (max: number) => z.string().max(max)
const destinationBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slack'), channel_id: text(300).describe("Slack channel id, e.g. 'C0123ABCD'") }).strict(),
  z.object({ kind: z.literal('teams'), conversation_id: text(300), service_url: text(500).describe("the conversation's Bot Framework service URL"), tenant_id: text(200).optional() }).strict(),
  z.object({ kind: z.literal('web'), inbox: text(300).describe("a web-chat inbox name, e.g. 'sales-team'") }).strict(),
])
// Values are checked by validateSchedule, which names the field and gives an example; the schema checks only shape.
const scheduleFields = {
  name: text(500),
  destination: destinationBody,
  cron: text(200).describe("five fields in the schedule's time zone: minute hour day-of-month month day-of-week, e.g. '0 8 * * 1' (Mondays 08:00)"),
  time_zone: text(100).optional().describe("IANA zone, e.g. 'America/Sao_Paulo' (default: the business time zone)"),
  language: text(10).optional().describe("'en' (default) or 'pt'"),
  region_id: z.number().int().nullable().optional().describe('only this region (default: the whole company)'),
  category_id: z.number().int().nullable().optional().describe('only this category'),
  sections: z.array(text(50)).max(20).optional().describe('kpis, targets, movers, anomalies, customers, chart (default: all)'),
  period: text(50).optional().describe('previous_day | previous_week | previous_month | week_to_date | month_to_date (default: from the cron)'),
  late_policy: text(20).optional().describe("after downtime: 'post_late' (default; the most recent missed digest, once) or 'skip'"),
  enabled: z.boolean().optional(),
}
const createBody = z.object(scheduleFields).strict()
const patchBody = z.object(scheduleFields).partial().strict()
const deliveriesQuery = z.object({ schedule_id: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })
const inboxParams = z.object({ inbox: text(300) })
const inboxQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before_id: z.coerce.number().int().positive().optional() })

type DestinationBody = z.infer<typeof destinationBody>
type ScheduleBody = z.infer<typeof patchBody>

const toDestination = (d: DestinationBody): DigestDestination =>
  d.kind === 'slack' ? { kind: 'slack', channelId: d.channel_id } : d.kind === 'teams' ? { kind: 'teams', conversationId: d.conversation_id, serviceUrl: d.service_url, ...(d.tenant_id ? { tenantId: d.tenant_id } : {}) } : { kind: 'web', inbox: d.inbox }

const toInput = (b: ScheduleBody): Partial<DigestScheduleInput> => ({
  name: b.name,
  destination: b.destination ? toDestination(b.destination) : undefined,
  cron: b.cron,
  timeZone: b.time_zone,
  language: b.language,
  regionId: b.region_id,
  categoryId: b.category_id,
  sections: b.sections,
  period: b.period,
  latePolicy: b.late_policy,
  enabled: b.enabled,
})

const presentDestination = (d: DigestDestination) =>
  d.kind === 'slack' ? { kind: d.kind, channel_id: d.channelId } : d.kind === 'teams' ? { kind: d.kind, conversation_id: d.conversationId, service_url: d.serviceUrl, tenant_id: d.tenantId ?? null } : { kind: d.kind, inbox: d.inbox }

function presentSchedule(s: DigestSchedule, now: Date) {
  return {
    id: s.id,
    name: s.name,
    destination: presentDestination(s.destination),
    cron: s.cron,
    time_zone: s.timeZone,
    language: s.language,
    region: s.scope.region ?? null,
    category: s.scope.category ?? null,
    sections: s.sections,
    period: s.period,
    late_policy: s.latePolicy,
    enabled: s.enabled,
    // So an admin sees at once whether '0 8 * * 1' means what they meant, in UTC instants.
    next_fire_times: s.enabled ? nextFireTimes(s.cron, s.timeZone, now, new Date(now.getTime() + 400 * 86_400_000), 3) : [],
    created_by: s.createdBy,
    created_at: s.createdAt,
  }
}

const presentDelivery = (d: DigestDelivery) => ({
  id: d.id,
  schedule_id: d.scheduleId,
  fire_at: d.fireAt,
  trigger: d.trigger,
  status: d.status,
  late: d.late,
  attempts: d.attempts,
  last_error: d.lastError,
  message_id: d.messageId,
  channel_id: d.channelId,
  posted_at: d.postedAt,
  updated_at: d.updatedAt,
})

const presentInboxMessage = (m: DigestInboxMessage) => ({
  id: m.id,
  delivery_id: m.deliveryId,
  title: m.title,
  summary: m.summary,
  text: m.text,
  chart: m.chart ? { png_base64: m.chart.pngBase64, alt: m.chart.alt } : null,
  created_at: m.createdAt,
})

export function registerDigestRoutes(api: FastifyInstance, deps: { db: Kysely<Database>; service: DigestService }): void {
  const r = api.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])
  const tags = ['digests']
  const { db, service } = deps

  /** A destination this instance cannot post to would only fail at every fire time: refuse it now. */
  const checkDeliverable = (destination: DigestDestination | undefined) => {
    if (destination && !service.destinationKinds.includes(destination.kind)) {
      const message = `this server has no ${destination.kind} connection configured; it can post to ${service.destinationKinds.join(', ') || 'nothing'}`
      throw new AppError('validation_failed', `The digest schedule is not valid: destination.kind ${message}`, { fields: [{ path: 'destination.kind', message }] })
    }
  }

  r.get('/api/digest-schedules', { schema: { tags, security, summary: 'Digest schedules' }, preHandler: admins }, async () => {
    const now = service.now()
    return { data: (await listDigestSchedules(db)).map((s) => presentSchedule(s, now)) }
  })

  r.post('/api/digest-schedules', { schema: { tags, security, summary: 'Schedule a digest (400 names the field when the cron or time zone is malformed)', body: createBody }, preHandler: admins }, async (request, reply) => {
    const body = request.body
    const schedule = validateSchedule({ ...toInput(body), name: body.name, cron: body.cron, destination: toDestination(body.destination) }, { defaultTimeZone: service.timeZone })
    checkDeliverable(schedule.destination)
    const created = await createDigestSchedule(db, schedule, actorOf(request), service.now())
    return reply.code(201).send(presentSchedule(created, service.now()))
  })

  r.get('/api/digest-schedules/:id', { schema: { tags, security, summary: 'One digest schedule', params: idParams }, preHandler: admins }, async (request) =>
    presentSchedule(await digestScheduleOrThrow(db, request.params.id), service.now()),
  )

  r.patch('/api/digest-schedules/:id', { schema: { tags, security, summary: 'Change a digest schedule (re-timing or re-enabling starts it afresh: no back-fill)', params: idParams, body: patchBody }, preHandler: admins }, async (request) => {
    const patch = toInput(request.body)
    checkDeliverable(patch.destination)
    const updated = await updateDigestSchedule(db, request.params.id, patch, actorOf(request), { now: service.now(), defaultTimeZone: service.timeZone })
    return presentSchedule(updated, service.now())
  })

  r.delete('/api/digest-schedules/:id', { schema: { tags, security, summary: 'Delete a digest schedule with its delivery log', params: idParams }, preHandler: admins }, async (request, reply) => {
    await deleteDigestSchedule(db, request.params.id, actorOf(request))
    return reply.code(204).send()
  })

  r.post('/api/digest-schedules/:id/preview', { schema: { tags, security, summary: 'Compose the digest as if it fired now, without posting it', params: idParams }, preHandler: admins }, async (request) => {
    const content = await service.preview(request.params.id)
    return {
      title: content.title,
      summary: content.summary,
      summary_source: content.summarySource,
      text: content.text,
      language: content.language,
      period: content.period,
      has_chart: content.chart !== undefined,
      chart: content.chart ? { png_base64: content.chart.pngBase64, alt: content.chart.alt } : null,
      chart_alt: content.chart?.alt ?? null,
      sql: content.sql,
    }
  })

  r.post('/api/digest-schedules/:id/run', { schema: { tags, security, summary: 'Post the digest now (through the queue; see the delivery log)', params: idParams }, preHandler: admins }, async (request, reply) => {
    const { deliveryId } = await service.runNow(request.params.id)
    return reply.code(202).send({ delivery_id: deliveryId })
  })

  r.get('/api/digest-deliveries', { schema: { tags, security, summary: 'The delivery log, newest fire time first: status, attempts, error, message id', querystring: deliveriesQuery }, preHandler: admins }, async (request) => ({
    data: (await listDigestDeliveries(db, { ...(request.query.schedule_id ? { scheduleId: request.query.schedule_id } : {}), limit: request.query.limit })).map(presentDelivery),
  }))

  r.get('/api/digest-inbox/:inbox', { schema: { tags, security, summary: 'Digests posted to a web-chat inbox, newest first', params: inboxParams, querystring: inboxQuery }, preHandler: requireRole(['admin', 'analyst']) }, async (request) => ({
    data: (await listDigestInboxMessages(db, request.params.inbox, { limit: request.query.limit, ...(request.query.before_id ? { beforeId: request.query.before_id } : {}) })).map(presentInboxMessage),
  }))
}
