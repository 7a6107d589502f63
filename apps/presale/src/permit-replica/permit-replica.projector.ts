import { Injectable, Logger } from '@nestjs/common';
import { CloudEvent, PermitRegisteredEvent, PermitsEvents, ProjectTypedEvent } from '@hn/messages';
import { validEventData } from '@hn/eventing';
import { EntityManager } from 'typeorm';
import { PermitReplicaRepository } from './permit-replica.repository';

/**
 * Applies permits events to the local replica (permit_replica, unit_replica) inside the consumer's
 * transaction. Older events never overwrite newer state (source_time guard). Each payload is
 * validated whole with its message class first: an invalid one is skipped (logged with its failing
 * fields), never half-applied.
 */
@Injectable()
export class PermitReplicaProjector {
  private readonly logger = new Logger(PermitReplicaProjector.name);

  constructor(private readonly replica: PermitReplicaRepository) {}

  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case PermitsEvents.permitRegistered:
      case PermitsEvents.permitUpdated: {
        const data = await validEventData(PermitRegisteredEvent, event, this.logger);
        return data ? this.upsertPermit(data, event.time, manager) : undefined;
      }
      case PermitsEvents.projectTyped: {
        const data = await validEventData(ProjectTypedEvent, event, this.logger);
        return data ? this.typeProject(data, event.time, manager) : undefined;
      }
      default:
        return; // other permits events do not affect issuance
    }
  }

  private async upsertPermit(data: PermitRegisteredEvent, time: string, manager: EntityManager): Promise<void> {
    const { permit, units } = data;
    const applied = await this.replica.upsertPermit(manager, permit, time);
    if (!applied) {
      // An older event (replayed after migration 1766200000000) still fills a developer the replica lacks.
      await this.replica.fillMissingDeveloper(manager, permit);
      return;
    }
    await this.replica.replaceUnits(
      manager,
      permit.permitNumber,
      units.map((u) => u.unitCode),
    );
  }

  private async typeProject(data: ProjectTypedEvent, time: string, manager: EntityManager): Promise<void> {
    await this.replica.typeProject(manager, data.projectCode, data.projectType, time);
  }
}
