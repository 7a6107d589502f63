import { DomainException } from '@hn/errors';
import { FieldError } from '@hn/messages';

export const RegistryErrorCode = {
  REGISTRY_ENTRY_NOT_FOUND: 'REGISTRY_ENTRY_NOT_FOUND',
  VENDOR_ALREADY_REGISTERED: 'VENDOR_ALREADY_REGISTERED',
} as const;

export const RegistryErrors = {
  notFound(id: string): DomainException {
    return new DomainException(
      404,
      RegistryErrorCode.REGISTRY_ENTRY_NOT_FOUND,
      `对接责任表中没有编号为 ${id} 的记录 (integration registry entry not found)`,
    );
  },
  duplicateVendor(cityCode: string, creditCode: string): DomainException {
    return new DomainException(
      409,
      RegistryErrorCode.VENDOR_ALREADY_REGISTERED,
      `市州 ${cityCode} 已登记技术单位 ${creditCode}；请修改已有记录 (the city already lists this vendor: change that entry)`,
      [{ field: 'vendor.creditCode', reason: `本市州已登记该技术单位 (already registered for ${cityCode})` }],
    );
  },
  /** 422 INCOMPLETE_SUBMISSION, as every field problem of the platform. */
  invalid(errors: FieldError[]): DomainException {
    return DomainException.incomplete(errors);
  },
};
