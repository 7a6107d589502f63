import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  ELicenseV1,
  PageV1,
  PermitSearchQueryV1,
  PermitsRpc,
  PermitUpsertResultV1,
  PermitUpsertV1,
  RpcRequest,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { ConstructionPermitsService } from './construction-permits.service';
import { ELicenseService } from './e-license.service';
import { PermitUpsertService } from './permit-upsert.service';

/** NATS request/reply handlers of the permits service (queue group "permits"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class ConstructionPermitsController {
  constructor(
    private readonly permits: ConstructionPermitsService,
    private readonly upserts: PermitUpsertService,
    private readonly eLicenses: ELicenseService,
  ) {}

  @MessagePattern(PermitsRpc.getPermit)
  get(@Payload() req: RpcRequest<{ permitNumber: string }>): Promise<ConstructionPermitV1> {
    return this.permits.getPermit(req.principal, req.body.permitNumber);
  }

  @MessagePattern(PermitsRpc.searchPermits)
  search(@Payload() req: RpcRequest<PermitSearchQueryV1>): Promise<PageV1<ConstructionPermitV1>> {
    return this.permits.search(req.principal, req.body);
  }

  @MessagePattern(PermitsRpc.listUnits)
  units(@Payload() req: RpcRequest<{ permitNumber: string }>): Promise<BuildingUnitV1[]> {
    return this.permits.listUnits(req.principal, req.body.permitNumber);
  }

  @MessagePattern(PermitsRpc.getELicense)
  eLicense(@Payload() req: RpcRequest<{ permitNumber: string }>): Promise<ELicenseV1> {
    return this.eLicenses.get(req.principal, req.body.permitNumber);
  }

  @MessagePattern(PermitsRpc.upsertPermit)
  upsert(@Payload() req: RpcRequest<{ permitNumber: string; permit: PermitUpsertV1 }>): Promise<PermitUpsertResultV1> {
    return this.upserts.upsert(req.principal, req.body.permitNumber, req.body.permit);
  }
}
