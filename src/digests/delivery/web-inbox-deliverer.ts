/** Posts digests to a web-chat inbox: a row the web chat reads (GET /api/digest-inbox/:inbox). Message id: `web:<id>`. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DigestDeliverer } from '../digest-contract.js'
import { PermanentDeliveryError } from './delivery-errors.js'
import { storeDigestInboxMessage } from './digest-inbox.repository.js'

export function createWebInboxDeliverer(deps: { db: Kysely<Database> }): DigestDeliverer {
  return {
    kind: 'web',
    async deliver(destination, content, meta) {
      if (destination.kind !== 'web') throw new PermanentDeliveryError('wrong_destination', `The web inbox deliverer cannot post to a ${destination.kind} destination.`)
      const id = await storeDigestInboxMessage(deps.db, {
        inbox: destination.inbox,
        deliveryId: meta.deliveryId,
        title: content.title,
        summary: content.summary,
        text: content.text,
        chart: content.chart ? { pngBase64: content.chart.pngBase64, alt: content.chart.alt } : undefined,
      })
      return { messageId: `web:${id}`, channelId: destination.inbox }
    },
  }
}
