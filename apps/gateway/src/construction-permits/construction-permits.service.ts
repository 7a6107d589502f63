import { Injectable } from '@nestjs/common';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  ELicenseV1,
  ErrorCode,
  PageV1,
  PermitSearchQueryV1,
  PermitsRpc,
  PermitUpsertResultV1,
  PermitUpsertV1,
  Principal,
  RpcRequest,
} from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { isInRegions, ParsedPermitNumber } from '@hn/numbering';
import { PermitLookupCache } from './permit-lookup-cache';

/** Gateway side of construction permits: first region check here, then the permits service. */
@Injectable()
export class ConstructionPermitsGatewayService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly cache: PermitLookupCache,
  ) {}

  async get(principal: Principal, permit: ParsedPermitNumber, correlationId: string): Promise<ConstructionPermitV1> {
    this.assertRegion(principal, permit.regionCode);
    // sandbox credentials see the sandbox space laid over the real permits: never from or into the cache
    if (principal.sandbox === true) return this.call<ConstructionPermitV1>(PermitsRpc.getPermit, principal, { permitNumber: permit.value }, correlationId);
    const cached = this.cache.get(permit.value);
    if (cached) {
      this.assertRegion(principal, cached.regionCode);
      return cached;
    }
    const found = await this.call<ConstructionPermitV1>(PermitsRpc.getPermit, principal, { permitNumber: permit.value }, correlationId);
    this.cache.set(found);
    return found;
  }

  units(principal: Principal, permit: ParsedPermitNumber, correlationId: string): Promise<BuildingUnitV1[]> {
    this.assertRegion(principal, permit.regionCode);
    return this.call(PermitsRpc.listUnits, principal, { permitNumber: permit.value }, correlationId);
  }

  async eLicense(principal: Principal, permit: ParsedPermitNumber, correlationId: string): Promise<{ fileName: string; content: Buffer }> {
    this.assertRegion(principal, permit.regionCode);
    const file = await this.call<ELicenseV1>(PermitsRpc.getELicense, principal, { permitNumber: permit.value }, correlationId);
    return { fileName: file.fileName, content: Buffer.from(file.contentBase64, 'base64') };
  }

  search(principal: Principal, query: PermitSearchQueryV1, correlationId: string): Promise<PageV1<ConstructionPermitV1>> {
    return this.call(PermitsRpc.searchPermits, principal, query, correlationId);
  }

  upsert(principal: Principal, permit: ParsedPermitNumber, body: PermitUpsertV1, correlationId: string): Promise<PermitUpsertResultV1> {
    this.assertRegion(principal, permit.regionCode);
    return this.call(PermitsRpc.upsertPermit, principal, { permitNumber: permit.value, permit: body }, correlationId);
  }

  private assertRegion(principal: Principal, regionCode: string): void {
    if (!isInRegions(principal.regions, regionCode)) {
      throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `无权访问区划 ${regionCode} 的数据 (outside the caller's regions)`);
    }
  }

  private call<T>(subject: string, principal: Principal, body: unknown, correlationId: string): Promise<T> {
    const request: RpcRequest<unknown> = { principal, body };
    return this.rpc.request<T>(subject, request, correlationId);
  }
}
