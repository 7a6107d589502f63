import { Injectable } from '@nestjs/common';
import {
  CloudEvent,
  PresaleBackfillEvents,
  PresaleEvents,
  PresalePermitBackfilledV1,
  PresalePermitIssuedV1,
  PresalePermitV1,
  RecordCorrectedV1,
} from '@hn/messages';
import { EntityManager } from 'typeorm';
import { PresaleReplicaRepository } from './presale-replica.repository';

/**
 * The permit a presale event carries: issued (Y) and submitted backfills (Z) carry `{ permit }`;
 * an ADMIN correction carries the corrected permit as RecordCorrectedV1.after.
 */
export function permitOfEvent(event: CloudEvent<unknown>): PresalePermitV1 | null {
  switch (event.type) {
    case PresaleEvents.permitIssued:
      return (event.data as PresalePermitIssuedV1 | undefined)?.permit ?? null;
    case PresaleBackfillEvents.permitBackfilled:
      return (event.data as PresalePermitBackfilledV1 | undefined)?.permit ?? null;
    case PresaleBackfillEvents.permitCorrected: {
      const data = event.data as RecordCorrectedV1 | undefined;
      if (data?.recordType !== 'PRESALE_PERMIT') return null;
      const after = data.after as (PresalePermitV1 & { permit?: PresalePermitV1 }) | null | undefined;
      return after?.permit ?? after ?? null;
    }
    default:
      return null; // other presale events do not affect filing
  }
}

/**
 * Applies presale events to the local replica (presale_replica) inside the consumer's
 * transaction: issued Y permits, submitted Z backfills (stock projects still selling after the
 * filing cut-over file contracts and report statistics against them) and corrections. Sandbox
 * permits are never published, and ignored should one arrive; older events never overwrite newer
 * state (source_time guard).
 */
@Injectable()
export class PresaleReplicaProjector {
  constructor(private readonly replica: PresaleReplicaRepository) {}

  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    const permit = permitOfEvent(event);
    if (!permit || permit.sandbox === true || typeof permit.presaleNumber !== 'string') return;
    await this.replica.upsert(manager, {
      presaleNumber: permit.presaleNumber,
      regionCode: permit.regionCode,
      projectCode: permit.projectCode,
      projectName: permit.projectName,
      buildings: (permit.buildings ?? []).map((b) => b.trim()),
      issueDate: permit.issueDate,
      status: permit.status,
      sourceTime: event.time,
    });
  }
}
