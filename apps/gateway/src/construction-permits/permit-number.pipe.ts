import { Injectable, PipeTransform } from '@nestjs/common';
import { PermitNumberBodyV1, Rpc } from '@hn/messages';
import { requestContractOf, validateRpcBody } from '@hn/messaging';

const PERMIT_NUMBER_READ = requestContractOf(Rpc.permitGet);

/**
 * Validates a path permit number with the class of the permit reads (PermitNumberBody, the one the
 * permits service's @RpcHandler applies again): 400 INVALID_PERMIT_NUMBER naming the reason (length,
 * digits, region, date…). The route receives the validated body to send on.
 */
@Injectable()
export class PermitNumberPipe implements PipeTransform<string, Promise<PermitNumberBodyV1>> {
  transform(value: string): Promise<PermitNumberBodyV1> {
    return validateRpcBody<PermitNumberBodyV1>(PERMIT_NUMBER_READ, { permitNumber: value });
  }
}
