import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  ELicenseV1,
  PageV1,
  PermitUpsertResultV1,
  Rpc,
  RpcPayload,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { ConstructionPermitsService } from './construction-permits.service';
import { ELicenseService } from './e-license.service';
import { PermitUpsertService } from './permit-upsert.service';

/** NATS request/reply handlers of the permits service (queue group "permits"). */
@Controller()
export class ConstructionPermitsController {
  constructor(
    private readonly permits: ConstructionPermitsService,
    private readonly upserts: PermitUpsertService,
    private readonly eLicenses: ELicenseService,
  ) {}

  @RpcHandler(Rpc.permitGet)
  get(@Payload() req: RpcPayload<typeof Rpc.permitGet>): Promise<ConstructionPermitV1> {
    return this.permits.getPermit(req.principal, req.body.permitNumber);
  }

  @RpcHandler(Rpc.permitSearch)
  search(@Payload() req: RpcPayload<typeof Rpc.permitSearch>): Promise<PageV1<ConstructionPermitV1>> {
    return this.permits.search(req.principal, req.body);
  }

  @RpcHandler(Rpc.permitUnits)
  units(@Payload() req: RpcPayload<typeof Rpc.permitUnits>): Promise<BuildingUnitV1[]> {
    return this.permits.listUnits(req.principal, req.body.permitNumber);
  }

  @RpcHandler(Rpc.permitELicense)
  eLicense(@Payload() req: RpcPayload<typeof Rpc.permitELicense>): Promise<ELicenseV1> {
    return this.eLicenses.get(req.principal, req.body.permitNumber);
  }

  @RpcHandler(Rpc.permitUpsert)
  upsert(@Payload() req: RpcPayload<typeof Rpc.permitUpsert>): Promise<PermitUpsertResultV1> {
    return this.upserts.upsert(req.principal, req.body.permitNumber, req.body.permit);
  }
}
