import { Injectable } from '@nestjs/common';
import {
  CloudEvent,
  PresaleBackfillEvents,
  PresalePermitBackfilledV1,
  PresalePermitV1,
  RecordCorrectedV1,
} from '@hn/messages';
import { parsePresaleNumber } from '@hn/numbering';
import { EntityManager } from 'typeorm';
import { PresaleReplicaRepository } from './presale-replica.repository';

/** The fields of a presale permit this service keeps, or null when the payload is not a usable permit. */
export function replicaRow(permit: unknown): {
  presaleNumber: string;
  regionCode: string;
  projectCode: string;
  projectName: string;
  developerName: string;
  issueDate: string;
  status: string;
} | null {
  const p = permit as Partial<PresalePermitV1> | null | undefined;
  if (typeof p !== 'object' || p === null || p.sandbox === true) return null;
  const parsed = typeof p.presaleNumber === 'string' ? parsePresaleNumber(p.presaleNumber) : null;
  // only backfilled stock permits (Z) carry escrow backfill
  if (!parsed || parsed.letter !== 'Z') return null;
  if (
    typeof p.regionCode !== 'string' ||
    !/^\d{6}$/.test(p.regionCode) ||
    typeof p.issueDate !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(p.issueDate)
  )
    return null;
  return {
    presaleNumber: p.presaleNumber as string,
    regionCode: p.regionCode,
    projectCode: typeof p.projectCode === 'string' ? p.projectCode : '',
    projectName: typeof p.projectName === 'string' ? p.projectName : '',
    developerName: typeof p.developer?.name === 'string' ? p.developer.name : '',
    issueDate: p.issueDate,
    status: typeof p.status === 'string' ? p.status : 'VALID',
  };
}

/** The corrected permit in a RecordCorrectedV1's `after`: the permit itself or `{ permit }` (a backfill view). */
export function correctedPermit(data: RecordCorrectedV1 | undefined): unknown {
  const after = data?.after as { permit?: unknown; presaleNumber?: unknown } | null | undefined;
  if (typeof after !== 'object' || after === null) return null;
  return typeof after.permit === 'object' && after.permit !== null ? after.permit : after;
}

/**
 * Applies presale events to the local replica (presale_replica) inside the consumer's transaction:
 * hn.presale.permit.backfilled.v1 (a submitted backfill) and hn.presale.permit.corrected.v1 (an
 * ADMIN correction). Older events never overwrite newer state (source_time guard).
 */
@Injectable()
export class PresaleReplicaProjector {
  constructor(private readonly repository: PresaleReplicaRepository) {}

  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case PresaleBackfillEvents.permitBackfilled:
        return this.upsert(
          replicaRow((event.data as PresalePermitBackfilledV1 | undefined)?.permit),
          event.time,
          manager,
        );
      case PresaleBackfillEvents.permitCorrected: {
        const data = event.data as RecordCorrectedV1 | undefined;
        if (data?.recordType !== undefined && data.recordType !== 'PRESALE_PERMIT') return;
        return this.upsert(replicaRow(correctedPermit(data)), event.time, manager);
      }
      default:
        return; // issued Y permits and other presale events carry no escrow backfill
    }
  }

  private async upsert(row: ReturnType<typeof replicaRow>, time: string, manager: EntityManager): Promise<void> {
    if (!row) return;
    await this.repository.upsert(manager, row, time);
    await this.repository.moveRecordRegion(manager, row.presaleNumber);
  }
}
