import { ErrorCode, FieldError } from '@hn/messages';
import { DomainException } from '@hn/errors';

/** Errors of contract filing, lookup and cancellation, each with its stable code. Never carries PII. */
export const ContractErrors = {
  incomplete(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
  presaleNotFound(presaleNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.PRESALE_NOT_FOUND,
      `未找到预售许可证 ${presaleNumber} (presale permit not found)`,
      [{ field: 'presaleNumber', reason: presaleNumber }],
    );
  },
  presaleNotValid(presaleNumber: string, status: string): DomainException {
    return new DomainException(
      422,
      ErrorCode.PRESALE_NOT_VALID,
      `预售许可证 ${presaleNumber} 状态为 ${status}，不能备案 (presale permit not valid)`,
      [{ field: 'presaleNumber', reason: status }],
    );
  },
  buildingNotInPresale(building: string, presaleNumber: string): DomainException {
    return new DomainException(
      422,
      ErrorCode.BUILDING_NOT_IN_PRESALE,
      `楼栋 ${building} 不在预售许可证 ${presaleNumber} 的预售范围内 (building not covered by the presale permit)`,
      [
        {
          field: 'building',
          reason: `不在预售许可证 ${presaleNumber} 的楼栋中 (not a building of the presale permit)`,
        },
      ],
    );
  },
  roomAlreadyFiled(taken: Array<{ roomNumber: string; contractNumber: string }>): DomainException {
    const list = taken.map((t) => `${t.roomNumber}（${t.contractNumber}）`).join('、');
    return new DomainException(
      409,
      ErrorCode.ROOM_ALREADY_FILED,
      `房号 ${list || ''} 已有有效的备案合同，须先注销 (room already under an active filing)`,
      taken.map((t) => ({ field: 'rooms', reason: `${t.roomNumber} 已备案于 ${t.contractNumber}` })),
    );
  },
  serialExhausted(presaleNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.SERIAL_EXHAUSTED,
      `预售许可证 ${presaleNumber} 的合同备案流水号 B0001–B9999 已用尽 (serial space exhausted)`,
    );
  },
  keyReused: (): DomainException => DomainException.idempotencyKeyReused(),
  keyInFlight: (): DomainException => DomainException.idempotencyKeyInFlight(),
  contractNotFound(contractNumber: string): DomainException {
    return new DomainException(
      404,
      ErrorCode.CONTRACT_NOT_FOUND,
      `未找到合同备案 ${contractNumber} (contract filing not found)`,
    );
  },
  alreadyCancelled(contractNumber: string): DomainException {
    return new DomainException(
      409,
      ErrorCode.ALREADY_CANCELLED,
      `合同备案 ${contractNumber} 已注销 (already cancelled)`,
    );
  },
};
