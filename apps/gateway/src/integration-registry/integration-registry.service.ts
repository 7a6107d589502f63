import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { chinaToday, regionName, regionValidOn } from '@hn/numbering';
import { FieldError, Principal } from '@hn/messages';
import { Scopes } from '@hn/auth';
import { DataSource, EntityManager } from 'typeorm';
import {
  IntegrationInput,
  RegistryEntryInput,
  RegistryEntryPatch,
  RegistryListQuery,
} from './dto/integration-registry-input.dto';
import { RegistryErrors } from './integration-registry.exception';
import { IntegrationRegistryRepository, VendorIntegration, VendorRow } from './integration-registry.repository';
import { credentialCovers, RegistryEntryView, registryEntryView } from './integration-registry-view';

export interface RegistryChange {
  entry: RegistryEntryView;
  before: RegistryEntryView | null;
}

/**
 * 附件3 预售许可取号对接工作责任表 for the province: one entry per city and vendor; the vendor's name,
 * technicians, credential and 联调 state are kept once and seen from every city using it.
 */
@Injectable()
export class IntegrationRegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: IntegrationRegistryRepository,
  ) {}

  async list(principal: Principal, query: RegistryListQuery): Promise<RegistryEntryView[]> {
    const rows = await this.repository.list(query);
    return rows.map((row) => registryEntryView(row, clearPhones(principal)));
  }

  async get(principal: Principal, id: string): Promise<RegistryEntryView> {
    const row = await this.repository.find(this.dataSource, id);
    if (!row) throw RegistryErrors.notFound(id);
    return registryEntryView(row, clearPhones(principal));
  }

  async create(principal: Principal, input: RegistryEntryInput): Promise<RegistryChange> {
    const today = chinaToday();
    const problems = [...cityProblems(input.cityCode, today), ...countyProblems(input.cityCode, input.counties, today)];
    if (problems.length > 0) throw RegistryErrors.invalid(problems);
    const id = randomUUID();
    await this.dataSource.transaction(async (m: EntityManager) => {
      await this.repository.upsertVendor(
        m,
        { creditCode: input.vendor.creditCode, name: input.vendor.name, technicians: input.vendor.technicians },
        principal.id,
      );
      const inserted = await this.repository.insertEntry(
        m,
        id,
        input.vendor.creditCode,
        {
          cityCode: input.cityCode,
          counties: [...input.counties].sort(),
          officeName: input.office.name,
          officeHead: input.office.head,
          officeHeadPhone: input.office.headPhone,
          contactName: input.contact.name,
          contactPhone: input.contact.phone,
        },
        principal.id,
      );
      if (!inserted) throw RegistryErrors.duplicateVendor(input.cityCode, input.vendor.creditCode);
    });
    return { entry: await this.get(principal, id), before: null };
  }

  async update(principal: Principal, id: string, patch: RegistryEntryPatch): Promise<RegistryChange> {
    if (Object.values(patch).every((v) => v === undefined))
      throw RegistryErrors.invalid([{ field: 'body', reason: '请至少修改一项 (nothing to change)' }]);
    const before = await this.get(principal, id);
    const today = chinaToday();
    await this.dataSource.transaction(async (m: EntityManager) => {
      const creditCode = await this.repository.lockEntry(m, id);
      if (!creditCode) throw RegistryErrors.notFound(id);
      const vendor = (await this.repository.lockVendor(m, creditCode))!;
      const current = (await this.repository.find(m, id))!;
      const problems = patch.counties ? countyProblems(current.city_code, patch.counties, today) : [];
      if (problems.length > 0) throw RegistryErrors.invalid(problems);
      await this.repository.updateEntry(
        m,
        id,
        {
          counties: patch.counties ? [...patch.counties].sort() : current.counties,
          officeName: patch.office?.name ?? current.office_name,
          officeHead: patch.office?.head ?? current.office_head,
          officeHeadPhone: patch.office?.headPhone ?? current.office_head_phone,
          contactName: patch.contact?.name ?? current.contact_name,
          contactPhone: patch.contact?.phone ?? current.contact_phone,
        },
        principal.id,
      );
      const technicians = patch.technicians ?? vendor.technicians;
      if (patch.technicians) await this.repository.updateTechnicians(m, creditCode, patch.technicians, principal.id);
      if (patch.integration !== undefined || patch.clientId !== undefined || patch.technicians !== undefined) {
        const integration = await this.integrationAfter(m, vendor, patch, technicians, today);
        await this.repository.updateIntegration(m, creditCode, integration, principal.id);
      } else if (patch.counties && vendor.client_id) {
        await this.assertCovered(m, vendor.client_id, creditCode);
      }
    });
    return { entry: await this.get(principal, id), before };
  }

  /** The vendor's 联调 state and credential after the patch, every rule checked (422 naming the field). */
  private async integrationAfter(
    m: EntityManager,
    vendor: VendorRow,
    patch: RegistryEntryPatch,
    technicians: ReadonlyArray<{ name: string }>,
    today: string,
  ): Promise<VendorIntegration> {
    const next: VendorIntegration = patch.integration
      ? integrationOf(patch.integration)
      : {
          clientId: vendor.client_id,
          state: vendor.integration_state,
          sandboxPassedOn: vendor.sandbox_passed_on,
          sandboxTechnician: vendor.sandbox_technician,
          liveOn: vendor.live_on,
        };
    next.clientId = patch.clientId !== undefined ? patch.clientId : vendor.client_id;
    const problems: FieldError[] = [];
    if (next.sandboxPassedOn && (next.sandboxPassedOn > today || !isRealDate(next.sandboxPassedOn)))
      problems.push({
        field: 'integration.sandboxPassedOn',
        reason: `须为不晚于今天（${today}）的有效日期 (a valid date, not in the future)`,
      });
    if (next.liveOn && (next.liveOn > today || !isRealDate(next.liveOn)))
      problems.push({
        field: 'integration.liveOn',
        reason: `须为不晚于今天（${today}）的有效日期 (a valid date, not in the future)`,
      });
    if (next.liveOn && next.sandboxPassedOn && next.liveOn < next.sandboxPassedOn)
      problems.push({
        field: 'integration.liveOn',
        reason: '上线日期不得早于联调通过日期 (live before the sandbox was passed)',
      });
    if (next.sandboxTechnician && !technicians.some((t) => t.name === next.sandboxTechnician))
      problems.push({
        field: 'integration.technician',
        reason: `须为该技术单位登记的技术人员之一：${technicians.map((t) => t.name).join('、')} (one of the vendor's technicians)`,
      });
    if (next.state === 'LIVE' && !next.clientId)
      problems.push({ field: 'clientId', reason: '正式上线须登记对接凭据 (a LIVE vendor needs its credential)' });
    if (problems.length > 0) throw RegistryErrors.invalid(problems);
    if (next.clientId) await this.assertCovered(m, next.clientId, vendor.credit_code);
    return next;
  }

  /** The credential exists, is usable and covers every county of every city using the vendor. */
  private async assertCovered(m: EntityManager, clientId: string, creditCode: string): Promise<void> {
    const credential = await this.repository.credential(m, clientId);
    if (!credential || credential.unusable)
      throw RegistryErrors.invalid([
        {
          field: 'clientId',
          reason: `凭据 ${clientId} 不存在、已停用或已删除 (unknown, disabled or deleted credential)`,
        },
      ]);
    const uncovered = (await this.repository.vendorCounties(m, creditCode)).filter(
      (county) => !credentialCovers(credential.regions, county),
    );
    if (uncovered.length > 0)
      throw RegistryErrors.invalid([
        {
          field: 'clientId',
          reason: `凭据未覆盖该技术单位的县市区：${uncovered.map((c) => `${regionName(c) ?? ''}${c}`).join('、')}；一家技术单位一个凭据覆盖其全部区划 (the credential must cover every county using the vendor)`,
        },
      ]);
  }
}

function clearPhones(principal: Principal): boolean {
  return principal.scopes.includes(Scopes.piiRead);
}

function integrationOf(input: IntegrationInput): VendorIntegration {
  if (input.state === 'NOT_STARTED')
    return { clientId: null, state: 'NOT_STARTED', sandboxPassedOn: null, sandboxTechnician: null, liveOn: null };
  return {
    clientId: null,
    state: input.state,
    sandboxPassedOn: input.sandboxPassedOn ?? null,
    sandboxTechnician: input.technician ?? null,
    liveOn: input.state === 'LIVE' ? (input.liveOn ?? null) : null,
  };
}

/** A real calendar date (2026-02-30 is not). */
function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

function cityProblems(cityCode: string, today: string): FieldError[] {
  const info = regionValidOn(cityCode, today);
  if (!info || info.level !== 'prefecture' || cityCode === '430000')
    return [{ field: 'cityCode', reason: `${cityCode} 不是现行的湖南省市州区划代码 (not a Hunan city code in force)` }];
  return [];
}

function countyProblems(cityCode: string, counties: readonly string[], today: string): FieldError[] {
  const problems: FieldError[] = [];
  counties.forEach((county, i) => {
    const info = regionValidOn(county, today);
    if (!info || info.level !== 'county')
      problems.push({
        field: `counties[${i}]`,
        reason: `${county} 不是现行的县市区区划代码 (not a county code in force)`,
      });
    else if (county.slice(0, 4) !== cityCode.slice(0, 4))
      problems.push({
        field: `counties[${i}]`,
        reason: `${regionName(county) ?? ''}${county} 不属于 ${regionName(cityCode) ?? ''}${cityCode} (the county is not in the city)`,
      });
  });
  return problems;
}
