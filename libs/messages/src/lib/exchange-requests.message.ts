import { ApiProperty } from '@nestjs/swagger';
import { ReplayRequestV1, SubscriberPatchV1 } from './exchange';
import { DeliveryListQuery, ManifestQuery, ReplayInput, RequeueInput, SubscriberPatch } from './exchange.message';
import { RecordId } from './validation/record-id';
import { ValidatedAs } from './validation/validated-as';

/**
 * Request bodies of the exchange's Rpc entries on one subscriber: the ids the gateway takes from the
 * path (refused as its path pipes answer, 404 NOT_FOUND naming the parameter) with the HTTP body's or
 * query's class, extended, or wrapped as the entry's part (the PATCH body, its fields unprefixed).
 */

const SUBSCRIBER_ID_EXAMPLE = '0b8e4a52-6f0c-4d53-9d6e-2f1a7c3b9e41';
const EVENT_ID_EXAMPLE = '5d7f9a3c-2b1e-4c8d-9f0a-6e4b3c2d1a0f';
/** An id of the path: what the gateway's path pipe answers for it. */
const ExchangeId = (): PropertyDecorator => RecordId('须为 UUID (a UUID)');

/** Body of rpc.exchange.subscriber.get.v1 and rpc.exchange.dead-letter.list.v1. */
export class SubscriberIdRequest {
  @ApiProperty({ format: 'uuid', example: SUBSCRIBER_ID_EXAMPLE })
  @ExchangeId()
  subscriberId!: string;
}

/** Body of rpc.exchange.subscriber.update.v1: the patch is the HTTP body of PATCH …/{subscriberId}, the entry's part. */
export class SubscriberUpdateRequest extends SubscriberIdRequest {
  @ApiProperty({ type: () => SubscriberPatch })
  @ValidatedAs(SubscriberPatch)
  patch!: SubscriberPatchV1;
}

/** Body of rpc.exchange.delivery.list.v1. */
export class DeliveryListRequest extends DeliveryListQuery {
  @ApiProperty({ format: 'uuid', example: SUBSCRIBER_ID_EXAMPLE })
  @ExchangeId()
  subscriberId!: string;
}

/** Body of rpc.exchange.delivery.redeliver.v1. */
export class RedeliverRequest extends SubscriberIdRequest {
  @ApiProperty({ format: 'uuid', example: EVENT_ID_EXAMPLE })
  @ExchangeId()
  eventId!: string;
}

/** Body of rpc.exchange.delivery.replay.v1. */
export class ReplayRequest extends ReplayInput implements ReplayRequestV1 {
  @ApiProperty({ format: 'uuid', example: SUBSCRIBER_ID_EXAMPLE })
  @ExchangeId()
  subscriberId!: string;
}

/** Body of rpc.exchange.dead-letter.requeue.v1. */
export class DeadLetterRequeueRequest extends RequeueInput {
  @ApiProperty({ format: 'uuid', example: SUBSCRIBER_ID_EXAMPLE })
  @ExchangeId()
  subscriberId!: string;
}

/** Body of rpc.exchange.manifest.get.v1 (ADMIN: any subscriber's manifest). */
export class ManifestGetRequest extends ManifestQuery {
  @ApiProperty({ format: 'uuid', example: SUBSCRIBER_ID_EXAMPLE })
  @ExchangeId()
  subscriberId!: string;
}
