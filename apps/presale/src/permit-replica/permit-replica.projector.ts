import { Injectable } from '@nestjs/common';
import { CloudEvent, PermitRegisteredV1, PermitsEvents, ProjectTypedV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { PermitReplicaRepository } from './permit-replica.repository';

/**
 * Applies permits events to the local replica (permit_replica, unit_replica) inside the consumer's
 * transaction. Older events never overwrite newer state (source_time guard).
 */
@Injectable()
export class PermitReplicaProjector {
  constructor(private readonly replica: PermitReplicaRepository) {}

  async apply(event: CloudEvent<unknown>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case PermitsEvents.permitRegistered:
      case PermitsEvents.permitUpdated:
        return this.upsertPermit(event as CloudEvent<PermitRegisteredV1>, manager);
      case PermitsEvents.projectTyped:
        return this.typeProject(event as CloudEvent<ProjectTypedV1>, manager);
      default:
        return; // other permits events do not affect issuance
    }
  }

  private async upsertPermit(event: CloudEvent<PermitRegisteredV1>, manager: EntityManager): Promise<void> {
    const { permit, units } = event.data;
    const applied = await this.replica.upsertPermit(manager, permit, event.time);
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

  private async typeProject(event: CloudEvent<ProjectTypedV1>, manager: EntityManager): Promise<void> {
    await this.replica.typeProject(manager, event.data.projectCode, event.data.projectType, event.time);
  }
}
