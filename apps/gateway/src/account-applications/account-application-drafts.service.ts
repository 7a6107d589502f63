import { Injectable } from '@nestjs/common';
import { Principal } from '@hn/messages';
import { chinaToday } from '@hn/numbering';
import { PiiCipher } from '@hn/pii';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccountApplicationFields } from './dto/account-application-input.dto';
import { ApplicationErrors } from './account-application.exception';
import { canSee, cityForCounty } from './account-application-scope';
import { AccountApplicationView, applicationView, ApplicationRow, EDITABLE_STATES } from './account-application-view';
import { AccountApplicationsRepository, ApplicationContent } from './account-applications.repository';
import { sealPersons } from './application-persons';

/** A change with the states the audit trail records (persons' ID numbers masked, mobiles redacted by the audit). */
export interface ApplicationChange {
  application: AccountApplicationView;
  before: AccountApplicationView | null;
}

/**
 * The city's side of 附件2: it drafts a county's form (several responsible persons), changes it while
 * it is a draft or was returned, and submits it to the province. Each change runs under the
 * application's row lock; ID numbers are sealed before they reach the database.
 */
@Injectable()
export class AccountApplicationDraftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AccountApplicationsRepository,
    private readonly cipher: PiiCipher,
  ) {}

  async create(
    principal: Principal,
    input: AccountApplicationFields,
    today = chinaToday(),
  ): Promise<ApplicationChange> {
    const city = cityForCounty(principal, input.countyCode, today);
    const persons = sealPersons(this.cipher, input.persons, []);
    const id = randomUUID();
    return this.dataSource.transaction(async (m) => {
      await this.repository.insert(m, id, city, contentOf(input), principal.id);
      await this.repository.replacePersons(m, id, persons);
      return { application: await this.view(m, id), before: null };
    });
  }

  async update(
    principal: Principal,
    id: string,
    input: AccountApplicationFields,
    today = chinaToday(),
  ): Promise<ApplicationChange> {
    cityForCounty(principal, input.countyCode, today);
    return this.dataSource.transaction(async (m) => {
      const row = await this.editable(m, principal, id);
      const before = await this.view(m, id, row);
      const persons = sealPersons(this.cipher, input.persons, await this.repository.sealedPersons(m, id));
      await this.repository.updateContent(m, id, contentOf(input), principal.id);
      await this.repository.replacePersons(m, id, persons);
      return { application: await this.view(m, id), before };
    });
  }

  async submit(principal: Principal, id: string): Promise<ApplicationChange> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.editable(m, principal, id);
      const before = await this.view(m, id, row);
      await this.repository.submit(m, id, principal.id);
      return { application: await this.view(m, id), before };
    });
  }

  /** The row locked, visible to the caller (else 404) and still the city's to change (else 409). */
  private async editable(m: EntityManager, principal: Principal, id: string): Promise<ApplicationRow> {
    const row = await this.repository.lock(m, id);
    if (!row || !canSee(principal, row)) throw ApplicationErrors.notFound(id);
    if (!EDITABLE_STATES.includes(row.state)) throw ApplicationErrors.notEditable(row.state);
    return row;
  }

  private async view(m: EntityManager, id: string, row?: ApplicationRow): Promise<AccountApplicationView> {
    const application = row ?? (await this.repository.find(id, m))!;
    return applicationView(application, await this.repository.persons([id], m));
  }
}

function contentOf(input: AccountApplicationFields): ApplicationContent {
  return {
    countyCode: input.countyCode,
    mainLeader: input.mainLeader,
    leaderInCharge: input.leaderInCharge,
    contactName: input.contactName,
    contactMobile: input.contactMobile,
  };
}
