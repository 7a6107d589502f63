import { PermitsEvents, ProjectTypedV1 } from '@hn/messages';
import { buildCloudEvent, outboxNotifySqlIfDue, outboxRowParams } from '@hn/eventing';
import { EntityManager } from 'typeorm';

export const PERMITS_EVENT_SOURCE = '/hn/permits';

/**
 * hn.permits.project.typed.v1 for each project into the outbox, in the caller's transaction, with
 * ONE statement however many projects a submit locks (the rows are what enqueueEvent writes:
 * CloudEvents envelope, correlation header, clock_timestamp() in list order, debounced NOTIFY).
 */
export async function enqueueProjectTyped(
  m: EntityManager,
  items: ProjectTypedV1[],
  correlationId: string | undefined,
): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((data) =>
    outboxRowParams(
      buildCloudEvent({
        source: PERMITS_EVENT_SOURCE,
        type: PermitsEvents.projectTyped,
        subject: data.projectCode,
        data,
      }),
      correlationId,
    ),
  );
  await m.query(
    `WITH inserted AS (
       INSERT INTO outbox_event (id, stream_subject, payload, headers, created_at)
       SELECT r.id, r.subject, r.payload, r.headers, clock_timestamp()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[]) AS r(id, subject, payload, headers)
       RETURNING 1)
     SELECT ${outboxNotifySqlIfDue()} FROM inserted LIMIT 1`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}
