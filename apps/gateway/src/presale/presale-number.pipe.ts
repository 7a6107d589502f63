import { Injectable, PipeTransform } from '@nestjs/common';
import { regionOf } from '@hn/auth';
import { InvalidPayloads, presaleNumberParamReason } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { parsePresaleNumber, PresaleLetter } from '@hn/numbering';

export interface ParsedPresaleNumber {
  value: string;
  permitNumber: string;
  /** GB/T 2260 code of the first construction permit (its first 6 digits) */
  regionCode: string;
  letter: PresaleLetter;
  serial: number;
}

/**
 * Validates a path presale number `<18-digit permit>-<Y|Z><NN>` at the edge with the rule of the reads'
 * body class (PresaleNumberBodyV1: presaleNumberParamReason, 400 INVALID_PRESALE_NUMBER naming the value),
 * which the presale service's `@RpcHandler` applies to the body again. Synchronous, so the path number is
 * refused before the route's query is looked at.
 */
@Injectable()
export class PresaleNumberPipe implements PipeTransform<string, ParsedPresaleNumber> {
  transform(value: string): ParsedPresaleNumber {
    const text = String(value ?? '');
    const reason = presaleNumberParamReason(text);
    if (reason)
      throw DomainException.invalidPayload(InvalidPayloads.presaleNumber, [{ field: 'presaleNumber', reason }], {
        presaleNumber: text,
      });
    // well-formed: the rule checked it
    const parsed = parsePresaleNumber(text)!;
    return {
      value: text,
      permitNumber: parsed.permitNumber,
      regionCode: regionOf(text),
      letter: parsed.letter,
      serial: parsed.serial,
    };
  }
}
