import { Injectable } from '@nestjs/common';
import { Principal } from '@hn/messages';
import { chinaToday } from '@hn/numbering';
import { DataSource, EntityManager } from 'typeorm';
import { StaffAccountsService } from '../staff/staff-accounts.service';
import { ApplicationErrors } from './account-application.exception';
import { ApplicationChange } from './account-application-drafts.service';
import { AccountApplicationView, applicationView, ApprovalView, CreatedAccountView } from './account-application-view';
import { AccountApplicationsRepository } from './account-applications.repository';

/** An approval with the state before it, for the audit trail (never the passwords). */
export interface ApprovalChange extends ApprovalView {
  before: AccountApplicationView;
}

/**
 * The province's side of 附件2: approve a submitted form — one COUNTY account per responsible person,
 * bound to the form's county, named `<county code>.NN`, with a one-time password returned only in
 * this reply and to be changed at the first login — or return it to the city with a reason.
 * Approval is idempotent: under the application's row lock a second call (double click, retry) finds
 * it approved and answers with the same accounts, without passwords.
 */
@Injectable()
export class AccountApplicationReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AccountApplicationsRepository,
    private readonly staff: StaffAccountsService,
  ) {}

  async approve(principal: Principal, id: string, today = chinaToday()): Promise<ApprovalChange> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repository.lock(m, id);
      if (!row) throw ApplicationErrors.notFound(id);
      const persons = await this.repository.persons([id], m);
      const before = applicationView(row, persons);
      if (row.state === 'APPROVED') {
        const accounts = persons.map((p) => ({
          personId: p.person_id,
          name: p.name,
          username: p.username ?? '',
          oneTimePassword: null,
        }));
        return { application: before, before, accounts, alreadyApproved: true };
      }
      if (row.state !== 'SUBMITTED') throw ApplicationErrors.notSubmitted(row.state);
      const prefix = `${row.county_code}.`;
      await this.repository.lockNames(m, prefix);
      const accounts: CreatedAccountView[] = [];
      for (const person of [...persons].sort((a, b) => a.position - b.position)) {
        const account = await this.staff.createWithOneTimePassword(m, prefix, 'COUNTY', row.county_code, today);
        await this.repository.setUsername(m, id, person.person_id, account.username);
        accounts.push({
          personId: person.person_id,
          name: person.name,
          username: account.username,
          oneTimePassword: account.oneTimePassword,
        });
      }
      await this.repository.decide(m, id, 'APPROVED', principal.id, null);
      return { application: await this.view(m, id), before, accounts, alreadyApproved: false };
    });
  }

  async return(principal: Principal, id: string, reason: string): Promise<ApplicationChange> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repository.lock(m, id);
      if (!row) throw ApplicationErrors.notFound(id);
      const before = applicationView(row, await this.repository.persons([id], m));
      if (row.state !== 'SUBMITTED') throw ApplicationErrors.notSubmitted(row.state);
      await this.repository.decide(m, id, 'RETURNED', principal.id, reason);
      return { application: await this.view(m, id), before };
    });
  }

  private async view(m: EntityManager, id: string): Promise<AccountApplicationView> {
    return applicationView((await this.repository.find(id, m))!, await this.repository.persons([id], m));
  }
}
