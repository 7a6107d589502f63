import { Injectable } from '@nestjs/common';
import { ACCOUNT_APPLICATION_SORT, PageV1, Principal } from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { AccountApplicationQuery } from './dto/account-application-query.dto';
import { ApplicationErrors } from './account-application.exception';
import { canSee, visibleCity } from './account-application-scope';
import { AccountApplicationView, applicationView } from './account-application-view';
import { AccountApplicationsRepository } from './account-applications.repository';

/** Lists and reads applications within the caller's scope (a city its own, the province all). */
@Injectable()
export class AccountApplicationQueryService {
  constructor(private readonly repository: AccountApplicationsRepository) {}

  async list(principal: Principal, query: AccountApplicationQuery): Promise<PageV1<AccountApplicationView>> {
    const sort = await sortOrder(ACCOUNT_APPLICATION_SORT, query.sort);
    const city = visibleCity(principal);
    const { rows, total } = await this.repository.page(
      { ...(city ? { cityCode: city } : {}), countyCode: query.countyCode, state: query.state, sort },
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    const persons = await this.repository.persons(rows.map((r) => r.id));
    return {
      items: rows.map((row) =>
        applicationView(
          row,
          persons.filter((p) => p.application_id === row.id),
        ),
      ),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(principal: Principal, id: string): Promise<AccountApplicationView> {
    const row = await this.repository.find(id);
    if (!row || !canSee(principal, row)) throw ApplicationErrors.notFound(id);
    return applicationView(row, await this.repository.persons([id]));
  }
}
