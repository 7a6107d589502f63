import { Injectable, Logger } from '@nestjs/common';
import {
  CloudEvent,
  PresaleBackfillEvents,
  PresaleEventPermit,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
} from '@hn/messages';
import { validEventData } from '@hn/eventing';
import { EntityManager } from 'typeorm';
import { PresaleReplicaRepository, ReplicaValues } from './presale-replica.repository';

/**
 * The fields of a validated presale permit this service keeps, or null when it carries no escrow
 * backfill: only backfilled stock permits (Z), never sandbox records.
 */
export function replicaRow(p: PresaleEventPermit): ReplicaValues | null {
  if (p.sandbox || p.letter !== 'Z') return null;
  return {
    presaleNumber: p.presaleNumber,
    regionCode: p.regionCode,
    projectCode: p.projectCode,
    projectName: p.projectName,
    developerName: p.developer.name,
    issueDate: p.issueDate,
    status: p.status,
  };
}

/**
 * Applies presale events to the local replica (presale_replica) inside the consumer's transaction:
 * hn.presale.permit.backfilled.v1 (a submitted backfill) and hn.presale.permit.corrected.v1 (an
 * ADMIN correction, the corrected permit in `after`). Each payload is validated whole with its
 * message class first: an invalid one is skipped (logged with its event id and failing fields).
 * Older events never overwrite newer state (source_time guard).
 */
@Injectable()
export class PresaleReplicaProjector {
  private readonly logger = new Logger(PresaleReplicaProjector.name);

  constructor(private readonly repository: PresaleReplicaRepository) {}

  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case PresaleBackfillEvents.permitBackfilled: {
        const data = await validEventData(PresalePermitBackfilledEvent, event, this.logger);
        return data ? this.upsert(replicaRow(data.permit), event.time, manager) : undefined;
      }
      case PresaleBackfillEvents.permitCorrected: {
        const data = await validEventData(PresalePermitCorrectedEvent, event, this.logger);
        return data ? this.upsert(replicaRow(data.after), event.time, manager) : undefined;
      }
      default:
        return; // issued Y permits and other presale events carry no escrow backfill
    }
  }

  private async upsert(row: ReplicaValues | null, time: string, manager: EntityManager): Promise<void> {
    if (!row) return;
    await this.repository.upsert(manager, row, time);
    await this.repository.moveRecordRegion(manager, row.presaleNumber);
  }
}
