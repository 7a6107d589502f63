import { Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { parseContractNumber, parsePermitNumber } from '@hn/numbering';

export interface ParsedContractNumber {
  value: string;
  presaleNumber: string;
  /** GB/T 2260 code of the presale permit's first construction permit (its first 6 digits) */
  regionCode: string;
  serial: number;
}

const FORMAT_REASON =
  'FORMAT: 格式应为 <预售许可证号>-B<0001–9999>，如 430223202406200101-Y01-B0001 (format <18 digits>-<Y|Z><NN>-B<NNNN>)';

/** Validates a path contract filing number at the edge (400 INVALID_CONTRACT_NUMBER naming contractNumber). */
@Injectable()
export class ContractNumberPipe implements PipeTransform<string, ParsedContractNumber> {
  transform(value: string): ParsedContractNumber {
    const text = String(value ?? '');
    const parsed = parseContractNumber(text);
    if (!parsed) throw invalidContractNumber(text, FORMAT_REASON);
    const permit = parsePermitNumber(parsed.presaleNumber.slice(0, 18));
    if (!permit.ok) throw invalidContractNumber(text, `${permit.reason}: ${permit.message}`);
    return {
      value: text,
      presaleNumber: parsed.presaleNumber,
      regionCode: permit.value.regionCode,
      serial: parsed.serial,
    };
  }
}

function invalidContractNumber(text: string, reason: string): DomainException {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return new DomainException(
    400,
    ErrorCode.INVALID_CONTRACT_NUMBER,
    `合同备案编号无效：${shown} (invalid contract filing number)`,
    [{ field: 'contractNumber', reason }],
  );
}
