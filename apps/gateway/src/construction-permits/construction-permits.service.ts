import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  PageV1,
  PermitNumberBodyV1,
  PermitSearchQueryV1,
  PermitUpsertRequestV1,
  PermitUpsertResultV1,
  PermitUpsertV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { requestContractOf, RpcClient, validateRpcBody } from '@hn/messaging';
import { PermitLookupCache } from './permit-lookup-cache';

const PERMIT_UPSERT = requestContractOf(Rpc.permitUpsert);

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
    // the Rpc entry's class, which the permits service's @RpcHandler applies again: one field list, one code
    const request = await validateRpcBody<PermitUpsertRequestV1>(PERMIT_UPSERT, {
      permitNumber: permit.permitNumber,
      permit: body,
    });
    assertRegionAllowed(principal, regionOf(permit.permitNumber), { what: `施工许可证 ${permit.permitNumber}` });
    return this.rpc.call(Rpc.permitUpsert, principal, request, correlationId);
  }
}
