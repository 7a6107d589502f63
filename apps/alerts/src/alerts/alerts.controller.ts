import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AcceptanceBackfillPageV1,
  AcceptanceBackfillV1,
  AlertDetailV1,
  AlertPageV1,
  Rpc,
  RpcPayload,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { AcceptanceBackfillService } from '../acceptance-backfill/acceptance-backfill.service';
import { AlertActionsService } from './alert-actions.service';
import { AlertQueryService } from './alert-query.service';

/** NATS request/reply handlers of the alerts service (staff only; queue group "alerts"). */
@Controller()
export class AlertsController {
  constructor(
    private readonly queries: AlertQueryService,
    private readonly actions: AlertActionsService,
    private readonly backfills: AcceptanceBackfillService,
  ) {}

  @RpcHandler(Rpc.alertList)
  list(@Payload() req: RpcPayload<typeof Rpc.alertList>): Promise<AlertPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.alertGet)
  get(@Payload() req: RpcPayload<typeof Rpc.alertGet>): Promise<AlertDetailV1> {
    return this.queries.get(req.principal, req.body);
  }

  @RpcHandler(Rpc.alertFollowUp)
  followUp(@Payload() req: RpcPayload<typeof Rpc.alertFollowUp>): Promise<AlertDetailV1> {
    return this.actions.followUp(req.principal, req.body);
  }

  @RpcHandler(Rpc.alertRequestDismissal)
  requestDismissal(@Payload() req: RpcPayload<typeof Rpc.alertRequestDismissal>): Promise<AlertDetailV1> {
    return this.actions.requestDismissal(req.principal, req.body);
  }

  @RpcHandler(Rpc.alertDecideDismissal)
  decideDismissal(@Payload() req: RpcPayload<typeof Rpc.alertDecideDismissal>): Promise<AlertDetailV1> {
    return this.actions.decideDismissal(req.principal, req.body);
  }

  @RpcHandler(Rpc.alertLinkPermit)
  linkPermit(@Payload() req: RpcPayload<typeof Rpc.alertLinkPermit>): Promise<AlertDetailV1> {
    return this.actions.linkPermit(req.principal, req.body);
  }

  @RpcHandler(Rpc.acceptanceBackfillSubmit)
  submitBackfill(@Payload() req: RpcPayload<typeof Rpc.acceptanceBackfillSubmit>): Promise<AcceptanceBackfillV1> {
    return this.backfills.submit(req.principal, req.body);
  }

  @RpcHandler(Rpc.acceptanceBackfillList)
  listBackfills(@Payload() req: RpcPayload<typeof Rpc.acceptanceBackfillList>): Promise<AcceptanceBackfillPageV1> {
    return this.backfills.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.acceptanceBackfillDecide)
  decideBackfill(@Payload() req: RpcPayload<typeof Rpc.acceptanceBackfillDecide>): Promise<AcceptanceBackfillV1> {
    return this.backfills.decide(req.principal, req.body);
  }
}
