import { Injectable, PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { parsePermitNumber, ParsedPermitNumber } from '@hn/numbering';

/** Validates a path permit number at the edge and names the reason (length, digits, region, date…). */
@Injectable()
export class PermitNumberPipe implements PipeTransform<string, ParsedPermitNumber> {
  transform(value: string): ParsedPermitNumber {
    const parsed = parsePermitNumber(String(value ?? ''));
    if (!parsed.ok) {
      throw new DomainException(400, ErrorCode.INVALID_PERMIT_NUMBER, `施工许可证编号无效：${parsed.message}`, [
        { field: 'permitNumber', reason: `${parsed.reason}: ${parsed.message}` },
      ]);
    }
    return parsed.value;
  }
}
