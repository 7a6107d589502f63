import { Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { parsePermitNumber, parsePresaleNumber, PresaleLetter } from '@hn/numbering';

export interface ParsedPresaleNumber {
  value: string;
  permitNumber: string;
  /** GB/T 2260 code of the first construction permit (its first 6 digits) */
  regionCode: string;
  letter: PresaleLetter;
  serial: number;
}

/** Validates a path presale number `<18-digit permit>-<Y|Z><NN>` at the edge (400 INVALID_PRESALE_NUMBER). */
@Injectable()
export class PresaleNumberPipe implements PipeTransform<string, ParsedPresaleNumber> {
  transform(value: string): ParsedPresaleNumber {
    const text = String(value ?? '');
    const parsed = parsePresaleNumber(text);
    if (!parsed) {
      throw invalidPresaleNumber(
        text,
        'FORMAT: 格式应为 18 位施工许可证编号-Y/Z两位序号，如 430223202406200101-Y01 (format <18 digits>-<Y|Z><01..99>)',
      );
    }
    const permit = parsePermitNumber(parsed.permitNumber);
    if (!permit.ok) throw invalidPresaleNumber(text, `${permit.reason}: ${permit.message}`);
    return {
      value: text,
      permitNumber: parsed.permitNumber,
      regionCode: permit.value.regionCode,
      letter: parsed.letter,
      serial: parsed.serial,
    };
  }
}

function invalidPresaleNumber(text: string, reason: string): DomainException {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return new DomainException(
    400,
    ErrorCode.INVALID_PRESALE_NUMBER,
    `预售许可证编号无效：${shown} (invalid presale permit number)`,
    [{ field: 'presaleNumber', reason }],
  );
}
