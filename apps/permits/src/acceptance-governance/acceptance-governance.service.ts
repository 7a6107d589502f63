import { Injectable, Logger } from '@nestjs/common';
import {
  AcceptanceBackfillApprovedEvent,
  AcceptanceRecordedV1,
  AlertsEvents,
  CloudEvent,
  PermitRegisteredV1,
  PermitsEvents,
} from '@hn/messages';
import { enqueueEvent, validEventData } from '@hn/eventing';
import { EntityManager } from 'typeorm';
import { BuildingUnit } from '../construction-permits/entities/building-unit.entity';
import { ConstructionPermit } from '../construction-permits/entities/construction-permit.entity';
import { Project } from '../construction-permits/entities/project.entity';
import { toPermitV1, toUnitV1 } from '../construction-permits/permit-mapper';
import { ConstructionPermitsRepository } from '../construction-permits/construction-permits.repository';
import { AcceptanceGovernance } from './entities/acceptance-governance.entity';

const SOURCE = '/hn/permits';

/**
 * Records an acceptance date the province approved (hn.alerts.acceptance-backfill.approved.v1) on
 * the permit, in the consumer's transaction: the permit's date, the governance mark, and the events
 * hn.permits.permit.updated.v1 and hn.permits.acceptance.recorded.v1 (source GOVERNANCE), which
 * clear the overdue-acceptance alert. The payload is validated whole with its message class first
 * (an invalid one is skipped, logged with its event id and fields). A permit that meanwhile got a
 * date from the approval system keeps it; the backfill then changes nothing.
 */
@Injectable()
export class AcceptanceGovernanceService {
  private readonly logger = new Logger(AcceptanceGovernanceService.name);

  constructor(private readonly locks: ConstructionPermitsRepository) {}

  async apply(event: CloudEvent<unknown>, m: EntityManager): Promise<void> {
    if (event.type !== AlertsEvents.acceptanceBackfillApproved) return;
    const data = await validEventData(AcceptanceBackfillApprovedEvent, event, this.logger);
    if (!data) return;
    const b = data.backfill;
    const permits = m.getRepository(ConstructionPermit);
    const found = await permits.findOne({ where: { permitNumber: b.permitNumber } });
    if (!found) {
      this.logger.warn(`acceptance backfill ${b.id}: permit ${b.permitNumber} not on record`);
      return;
    }
    // the approval-system ingest's locks: the two never interleave on one permit
    await this.locks.lockProjectAndPermit(m, found.projectCode, found.permitNumber);
    const permit = (await permits.findOne({ where: { permitNumber: b.permitNumber } }))!;
    if (permit.fivePartyAcceptanceDate || permit.completionFilingDate) return;
    if (b.kind === 'FIVE_PARTY') permit.fivePartyAcceptanceDate = b.date;
    else permit.completionFilingDate = b.date;
    await permits.save(permit);
    await m.getRepository(AcceptanceGovernance).insert({
      permitNumber: permit.permitNumber,
      backfillId: b.id,
      kind: b.kind,
      date: b.date,
      approvedBy: b.decidedBy ?? 'province',
    });
    const project = (await m.getRepository(Project).findOne({ where: { projectCode: permit.projectCode } }))!;
    const units = await m
      .getRepository(BuildingUnit)
      .find({ where: { permitNumber: permit.permitNumber }, order: { unitCode: 'ASC' } });
    await enqueueEvent<PermitRegisteredV1>(m, {
      source: SOURCE,
      type: PermitsEvents.permitUpdated,
      subject: permit.permitNumber,
      data: { permit: toPermitV1(permit, project), units: units.map(toUnitV1) },
    });
    await enqueueEvent<AcceptanceRecordedV1>(m, {
      source: SOURCE,
      type: PermitsEvents.acceptanceRecorded,
      subject: permit.permitNumber,
      data: {
        permitNumber: permit.permitNumber,
        projectCode: permit.projectCode,
        regionCode: permit.regionCode,
        fivePartyAcceptanceDate: permit.fivePartyAcceptanceDate,
        completionFilingDate: permit.completionFilingDate,
        source: 'GOVERNANCE',
        backfillId: b.id,
      },
    });
  }
}
