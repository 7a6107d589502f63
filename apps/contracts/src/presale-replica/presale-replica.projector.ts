import { Injectable, Logger } from '@nestjs/common';
import {
  CloudEvent,
  PresaleBackfillEvents,
  PresaleEventPermit,
  PresaleEvents,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
  PresalePermitIssuedEvent,
} from '@hn/messages';
import { validEventData } from '@hn/eventing';
import { EntityManager } from 'typeorm';
import { PresaleReplicaRepository } from './presale-replica.repository';

/**
 * The permit a presale event carries, validated whole with its message class (null, logged, when
 * invalid): issued (Y) and submitted backfills (Z) carry `{ permit }`; an ADMIN correction carries
 * the corrected permit in `after`. Other presale events do not affect filing (null).
 */
export async function permitOfEvent(
  event: CloudEvent<unknown>,
  logger: { warn(message: string): void },
): Promise<PresaleEventPermit | null> {
  switch (event.type) {
    case PresaleEvents.permitIssued:
      return (await validEventData(PresalePermitIssuedEvent, event, logger))?.permit ?? null;
    case PresaleBackfillEvents.permitBackfilled:
      return (await validEventData(PresalePermitBackfilledEvent, event, logger))?.permit ?? null;
    case PresaleBackfillEvents.permitCorrected:
      return (await validEventData(PresalePermitCorrectedEvent, event, logger))?.after ?? null;
    default:
      return null;
  }
}

/**
 * Applies presale events to the local replica (presale_replica) inside the consumer's
 * transaction: issued Y permits, submitted Z backfills (stock projects still selling after the
 * filing cut-over file contracts and report statistics against them) and corrections. An invalid
 * payload is skipped whole (logged with the event id and fields); sandbox permits are never
 * published, and ignored should one arrive; older events never overwrite newer state (source_time
 * guard).
 */
@Injectable()
export class PresaleReplicaProjector {
  private readonly logger = new Logger(PresaleReplicaProjector.name);

  constructor(private readonly replica: PresaleReplicaRepository) {}

  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    const permit = await permitOfEvent(event, this.logger);
    if (!permit || permit.sandbox) return;
    await this.replica.upsert(manager, {
      presaleNumber: permit.presaleNumber,
      regionCode: permit.regionCode,
      projectCode: permit.projectCode,
      projectName: permit.projectName,
      buildings: permit.buildings.map((b) => b.trim()),
      issueDate: permit.issueDate,
      status: permit.status,
      sourceTime: event.time,
    });
  }
}
