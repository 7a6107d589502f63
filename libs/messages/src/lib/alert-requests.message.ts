import { ApiProperty } from '@nestjs/swagger';
import { Allow, IsIn } from 'class-validator';
import {
  AcceptanceBackfillDecisionV1,
  AcceptanceBackfillSubmitRequestV1,
  AlertDismissalDecisionV1,
  AlertDismissalRequestV1,
  AlertFollowUpRequestV1,
  AlertIdBody,
  AlertPermitLinkRequestV1,
} from './alerts';
import {
  AcceptanceBackfillInput,
  AlertDecisionInput,
  AlertDismissalInput,
  AlertFollowUpInput,
  AlertPermitLinkInput,
} from './alerts.message';
import type { ScanRefV1 } from './scans';
import { RecordId } from './validation/record-id';
import { ValidatedAs } from './validation/validated-as';

/**
 * Request bodies of the alerts service's Rpc entries (alert reads and actions, acceptance backfills):
 * the id the gateway takes from the path with the HTTP body's message class, extended, or wrapping it
 * (ValidatedAs: validated with its own class, its fields unprefixed), so a body sent straight
 * over NATS is refused with the field names the gateway reports (`reason`, never `followUp.reason`).
 * The staged scan is checked by the service (its staging store), not here.
 */

const ALERT_ID_EXAMPLE = '9c1e7a52-3b4d-4f6a-8e2c-1d0b9a8f7e6d';
const BACKFILL_ID_EXAMPLE = '3f0e6f4a-8a51-4a3b-9d5b-1c2d3e4f5a6b';

/** 预警编号: what the gateway's path pipe answers for a bad alertId. */
const AlertId = (): PropertyDecorator => RecordId('预警编号须为 UUID (UUID)');
/** The staged scan reference: passed on as it is; the service takes it from the staging store (SCAN_UNAVAILABLE). */
const StagedScan = (): PropertyDecorator => Allow();

const ALERT_DECISIONS = ['APPROVE', 'REJECT'] as const;
const BACKFILL_DECISIONS = ['APPROVE', 'RETURN'] as const;
const oneOf = (values: readonly string[]): { message: string } => ({
  message: `须为 ${values.join(' / ')} 之一 (one of ${values.join(', ')})`,
});

/** Body of rpc.alerts.alert.get.v1 (GET /api/v1/supervision/alerts/{alertId}). */
export class AlertIdRequest implements AlertIdBody {
  @ApiProperty({ format: 'uuid', example: ALERT_ID_EXAMPLE })
  @AlertId()
  alertId!: string;
}

/**
 * Body of rpc.alerts.alert.follow-up.v1: the follow-up is the HTTP body of POST …/{alertId}/follow-ups,
 * the entry's part (AlertFollowUpInput).
 */
export class AlertFollowUpRequest implements AlertFollowUpRequestV1 {
  @ApiProperty({ format: 'uuid', example: ALERT_ID_EXAMPLE })
  @AlertId()
  alertId!: string;

  @ApiProperty({ type: () => AlertFollowUpInput })
  @ValidatedAs(AlertFollowUpInput)
  followUp!: AlertFollowUpInput;
}

/** Body of rpc.alerts.alert.dismissal.request.v1: the `data` part ({ reason }) with the staged evidence scan. */
export class AlertDismissalRequest extends AlertDismissalInput implements AlertDismissalRequestV1 {
  @ApiProperty({ format: 'uuid', example: ALERT_ID_EXAMPLE })
  @AlertId()
  alertId!: string;

  @ApiProperty({ description: '暂存的证明材料扫描件 staged evidence scan' })
  @StagedScan()
  scan!: ScanRefV1;
}

/** Body of rpc.alerts.alert.dismissal.decide.v1: the decision of the route with the body's note. */
export class AlertDismissalDecisionRequest extends AlertDecisionInput implements AlertDismissalDecisionV1 {
  @ApiProperty({ format: 'uuid', example: ALERT_ID_EXAMPLE })
  @AlertId()
  alertId!: string;

  @ApiProperty({ enum: ALERT_DECISIONS, example: 'APPROVE' })
  @IsIn(ALERT_DECISIONS, oneOf(ALERT_DECISIONS))
  decision!: 'APPROVE' | 'REJECT';
}

/** Body of rpc.alerts.alert.link-permit.v1. */
export class AlertPermitLinkRequest extends AlertPermitLinkInput implements AlertPermitLinkRequestV1 {
  @ApiProperty({ format: 'uuid', example: ALERT_ID_EXAMPLE })
  @AlertId()
  alertId!: string;
}

/** Body of rpc.alerts.acceptance-backfill.submit.v1: the submission is the upload's `data` part, the entry's part. */
export class AcceptanceBackfillSubmitRequest implements AcceptanceBackfillSubmitRequestV1 {
  @ApiProperty({ type: () => AcceptanceBackfillInput })
  @ValidatedAs(AcceptanceBackfillInput)
  submission!: AcceptanceBackfillInput;

  @ApiProperty({ description: '暂存的验收文件扫描件 staged document scan' })
  @StagedScan()
  scan!: ScanRefV1;
}

/** Body of rpc.alerts.acceptance-backfill.decide.v1 (approve, or return with a note). */
export class AcceptanceBackfillDecisionRequest extends AlertDecisionInput implements AcceptanceBackfillDecisionV1 {
  @ApiProperty({ format: 'uuid', example: BACKFILL_ID_EXAMPLE })
  @RecordId('补录编号须为 UUID (UUID)')
  backfillId!: string;

  @ApiProperty({ enum: BACKFILL_DECISIONS, example: 'APPROVE' })
  @IsIn(BACKFILL_DECISIONS, oneOf(BACKFILL_DECISIONS))
  decision!: 'APPROVE' | 'RETURN';
}
