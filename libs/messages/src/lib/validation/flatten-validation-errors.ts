import type { ValidationError } from 'class-validator';
import type { FieldError } from '../problem';

/**
 * A constraint may name its own field errors (e.g. one per failing array element) by putting an
 * `expand(value, path)` function in its validation `context`; otherwise each constraint becomes one
 * error on the property's path.
 */
export interface ExpandingConstraintContext {
  expand: (value: unknown, path: string) => FieldError[];
}

function isExpanding(context: unknown): context is ExpandingConstraintContext {
  return (
    typeof context === 'object' && context !== null && typeof (context as { expand?: unknown }).expand === 'function'
  );
}

/**
 * Flattens class-validator errors into field paths with reasons (nested paths joined: `a.b`,
 * `a[0].c`). Used by the gateway on HTTP bodies and by the services on RPC payloads, so both sides
 * report the same field list.
 */
export function flattenValidationErrors(errors: ValidationError[]): FieldError[] {
  const fields: FieldError[] = [];
  const walk = (list: ValidationError[], prefix: string): void => {
    for (const e of list) {
      const path = prefix
        ? /^\d+$/.test(e.property)
          ? `${prefix}[${e.property}]`
          : `${prefix}.${e.property}`
        : e.property;
      for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
        const context: unknown = e.contexts?.[constraint];
        const expanded = isExpanding(context) ? context.expand(e.value, path) : [];
        if (expanded.length > 0) fields.push(...expanded);
        else
          fields.push({
            field: path,
            reason: constraint === 'whitelistValidation' ? `不允许的字段 (unknown field ${path})` : message,
          });
      }
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(errors, '');
  return fields;
}
