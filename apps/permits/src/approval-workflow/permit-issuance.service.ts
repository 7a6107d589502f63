import { Injectable } from '@nestjs/common';
import { chinaToday, formatPermitNumber } from '@hn/numbering';
import type { ProjectType } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { PermitUpsertService } from '../construction-permits/permit-upsert.service';
import { ApprovalErrors } from './approval.exception';
import { ApplicationRow, ApprovalRepository } from './approval.repository';

/**
 * 决定/发证: in the decision's transaction, the region's daily serial (gap-free, 01..99) makes the
 * 18-digit number RRRRRR YYYYMMDD SS CC (China date of the decision), then the permit, project and
 * units are written by the ingest path's own use case (PermitUpsertService.upsertIn), so lookup,
 * search, marking and presale see it, and hn.permits.permit.registered.v1 goes to the outbox.
 */
@Injectable()
export class PermitIssuanceService {
  constructor(
    private readonly repository: ApprovalRepository,
    private readonly upsert: PermitUpsertService,
  ) {}

  async issue(m: EntityManager, app: ApplicationRow, today: string = chinaToday()): Promise<string> {
    const serial = await this.repository.nextSerial(m, app.region_code, today);
    if (serial === null) throw ApprovalErrors.serialExhausted(app.region_code, today);
    const form = app.form;
    const permitNumber = formatPermitNumber(app.region_code, today, serial, form.worksCategoryCode ?? '01', { today });
    await this.upsert.upsertIn(m, permitNumber, {
      projectCode: app.project_code,
      projectName: app.project_name,
      regionCode: app.region_code,
      projectType: app.project_type as ProjectType,
      category: app.category,
      developerName: app.developer_name,
      developerCreditCode: app.developer_credit_code,
      issueDate: today,
      startDate: form.plannedStartDate,
      plannedCompletionDate: form.plannedCompletionDate,
      fivePartyAcceptanceDate: null,
      completionFilingDate: null,
      units: form.units,
    });
    return permitNumber;
  }
}
