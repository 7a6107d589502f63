import { Injectable, PipeTransform } from '@nestjs/common';
import { regionOf } from '@hn/auth';
import { PresaleNumberBodyV1, Rpc } from '@hn/messages';
import { requestContractOf, validateRpcBody } from '@hn/messaging';
import { parsePresaleNumber, PresaleLetter } from '@hn/numbering';

export interface ParsedPresaleNumber {
  value: string;
  permitNumber: string;
  /** GB/T 2260 code of the first construction permit (its first 6 digits) */
  regionCode: string;
  letter: PresaleLetter;
  serial: number;
}

const PRESALE_NUMBER_READ = requestContractOf(Rpc.publicPermit);

/**
 * Validates a path presale number `<18-digit permit>-<Y|Z><NN>` with the class of the reads by presale
 * number (PresaleNumberBody, which the presale service's @RpcHandler applies again): 400
 * INVALID_PRESALE_NUMBER naming the number and the reason. The route receives its parts.
 */
@Injectable()
export class PresaleNumberPipe implements PipeTransform<string, Promise<ParsedPresaleNumber>> {
  async transform(value: string): Promise<ParsedPresaleNumber> {
    const { presaleNumber } = await validateRpcBody<PresaleNumberBodyV1>(PRESALE_NUMBER_READ, { presaleNumber: value });
    const parts = parsePresaleNumber(presaleNumber)!; // valid: the class checked it
    return {
      value: presaleNumber,
      permitNumber: parts.permitNumber,
      regionCode: regionOf(presaleNumber),
      letter: parts.letter,
      serial: parts.serial,
    };
  }
}
