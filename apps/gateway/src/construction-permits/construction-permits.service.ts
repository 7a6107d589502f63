import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  checkPermitUpsert,
  PERMIT_UPSERT_INVALID_DETAIL,
  BuildingUnitV1,
  ConstructionPermitV1,
  PageV1,
  PermitNumberBodyV1,
  PermitSearchQueryV1,
  PermitUpsertResultV1,
  PermitUpsertV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { PermitLookupCache } from './permit-lookup-cache';

/** Gateway side of construction permits: first region check here, then the permits service. */
@Injectable()
export class ConstructionPermitsGatewayService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly cache: PermitLookupCache,
  ) {}

  async get(principal: Principal, permit: PermitNumberBodyV1, correlationId: string): Promise<ConstructionPermitV1> {
    assertRegionAllowed(principal, regionOf(permit.permitNumber), { what: `施工许可证 ${permit.permitNumber}` });
    // sandbox credentials see the sandbox space laid over the real permits: never from or into the cache
    if (principal.sandbox === true) return this.rpc.call(Rpc.permitGet, principal, permit, correlationId);
    const cached = this.cache.get(permit.permitNumber);
    if (cached) {
      assertRegionAllowed(principal, cached.regionCode, { what: `施工许可证 ${permit.permitNumber}` });
      return cached;
    }
    const found = await this.rpc.call(Rpc.permitGet, principal, permit, correlationId);
    this.cache.set(found);
    return found;
  }

  units(principal: Principal, permit: PermitNumberBodyV1, correlationId: string): Promise<BuildingUnitV1[]> {
    assertRegionAllowed(principal, regionOf(permit.permitNumber), { what: `施工许可证 ${permit.permitNumber}` });
    return this.rpc.call(Rpc.permitUnits, principal, permit, correlationId);
  }

  async eLicense(
    principal: Principal,
    permit: PermitNumberBodyV1,
    correlationId: string,
  ): Promise<{ fileName: string; content: Buffer }> {
    assertRegionAllowed(principal, regionOf(permit.permitNumber), { what: `施工许可证 ${permit.permitNumber}` });
    const file = await this.rpc.call(Rpc.permitELicense, principal, permit, correlationId);
    return { fileName: file.fileName, content: Buffer.from(file.contentBase64, 'base64') };
  }

  search(
    principal: Principal,
    query: PermitSearchQueryV1,
    correlationId: string,
  ): Promise<PageV1<ConstructionPermitV1>> {
    return this.rpc.call(Rpc.permitSearch, principal, query, correlationId);
  }

  async upsert(
    principal: Principal,
    permit: PermitNumberBodyV1,
    body: PermitUpsertV1,
    correlationId: string,
  ): Promise<PermitUpsertResultV1> {
    // the same payload check the permits service makes on the RPC payload: one field list, one code
    const checked = await checkPermitUpsert(permit.permitNumber, body);
    if (!checked.ok) throw DomainException.validation(checked.errors, PERMIT_UPSERT_INVALID_DETAIL);
    assertRegionAllowed(principal, regionOf(permit.permitNumber), { what: `施工许可证 ${permit.permitNumber}` });
    return this.rpc.call(
      Rpc.permitUpsert,
      principal,
      { permitNumber: permit.permitNumber, permit: checked.value },
      correlationId,
    );
  }
}
