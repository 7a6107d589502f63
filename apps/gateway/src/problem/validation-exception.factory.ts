import { ValidationError } from '@nestjs/common';
import { FieldError } from '@hn/contracts';
import { DomainException } from '@hn/errors';

/** ValidationPipe errors become one 400 problem listing every field and why (nested paths joined). */
export function validationExceptionFactory(errors: ValidationError[]): DomainException {
  const fields: FieldError[] = [];
  const walk = (list: ValidationError[], prefix: string): void => {
    for (const e of list) {
      const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
      for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
        fields.push({ field: path, reason: constraint === 'whitelistValidation' ? `不允许的字段 (unknown field ${path})` : message });
      }
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return DomainException.validation(fields);
}
