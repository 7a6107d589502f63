import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import {
  DeliveryListQuery,
  EventsPullQuery,
  ManifestQuery,
  ReplayInput,
  RequeueInput,
  Rpc,
  SubscriberInput,
  SubscriberPatch,
} from '@hn/messages';
import { messagePipe, rpcBodyPipe, rpcPartPipe } from '../validation/message-pipe';
import { rpcParamPipe } from '../validation/rpc-param-pipe';

/*
 * The bodies, queries and path ids of the exchange routes, validated with the Rpc entries' classes (or
 * the classes they extend or take as their part) exactly as the exchange service's @RpcHandler validates
 * them again: 422 listing every problem and the allowed values; a bad path id 404 naming the parameter.
 */
export const SubscriberInputPipe = rpcBodyPipe<SubscriberInput>(Rpc.exchangeSubscriberCreate);
export const SubscriberPatchPipe = rpcPartPipe<SubscriberPatch>(Rpc.exchangeSubscriberUpdate, 'patch');
export const ReplayInputPipe = messagePipe(ReplayInput);
export const RequeueInputPipe = messagePipe(RequeueInput);
export const DeliveriesQueryPipe = messagePipe(DeliveryListQuery);
export const PullQueryPipe = rpcBodyPipe<EventsPullQuery>(Rpc.exchangeEventsPull);
export const ManifestQueryPipe = rpcBodyPipe<ManifestQuery>(Rpc.exchangeManifestPull);
export const AdminManifestQueryPipe = messagePipe(ManifestQuery);
export const SubscriberIdPipe = rpcParamPipe(Rpc.exchangeSubscriberGet, 'subscriberId');
export const EventIdPipe = rpcParamPipe(Rpc.exchangeRedeliver, 'eventId');

/** A route without query parameters: any is refused by name. */
@Injectable()
export class NoQueryPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    const keys = Object.keys((value ?? {}) as object);
    if (keys.length > 0)
      throw DomainException.incomplete(
        keys.map((field) => ({ field, reason: '此接口没有查询参数 (no query parameters)' })),
      );
    return {};
  }
}
