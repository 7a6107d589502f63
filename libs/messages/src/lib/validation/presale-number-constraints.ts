import { parsePermitNumber, parsePresaleNumber } from '@hn/numbering';
import { FieldRule } from './field-rule';

/**
 * The presale number as a request parameter (a path segment or a query value the gateway reads, the
 * body field of the reads' RPC contracts): `<18-digit construction permit>-<Y|Z><NN>`, reported with
 * 400 INVALID_PRESALE_NUMBER (InvalidPayloads.presaleNumber). Written once for the gateway's pipes and
 * the presale service's `@RpcHandler`.
 */

/** The shape of a presale number, as every reason about it words it. */
export const PRESALE_NUMBER_FORMAT =
  '格式应为 18 位施工许可证编号-Y/Z两位序号，如 430223202406200101-Y01 (format <18 digits>-<Y|Z><01..99>)';

/**
 * Why a value is not a presale number: null when well-formed with a valid permit part, `format` when
 * it has not the shape, else the permit part's reason (`CHECK_DIGIT: …`).
 */
export function presaleNumberProblem(value: unknown, format: string): string | null {
  if (typeof value !== 'string' || parsePresaleNumber(value) === null) return format;
  const permit = parsePermitNumber(value.slice(0, 18));
  return permit.ok ? null : `${permit.reason}: ${permit.message}`;
}

/** Null when the text is a well-formed presale number whose permit part is valid, else the reason. */
export function presaleNumberParamReason(value: unknown): string | null {
  return presaleNumberProblem(value, `FORMAT: ${PRESALE_NUMBER_FORMAT}`);
}

/** As {@link presaleNumberParamReason}, and a Z number (backfill routes never name Y numbers). */
export function zPresaleNumberReason(value: unknown): string | null {
  return (
    presaleNumberParamReason(value) ??
    ((value as string).charAt(19) === 'Z'
      ? null
      : 'LETTER: 补录的预售许可证号为 Z 编号 (backfilled permits have Z numbers)')
  );
}

/** The detail of 400 INVALID_PRESALE_NUMBER, naming the value (at most 40 characters of it). */
export function invalidPresaleNumberDetail(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `预售许可证编号无效：${shown} (invalid presale permit number)`;
}

/** Property rule: a presale number (Y or Z) as {@link presaleNumberParamReason} checks it. */
export const IsPresaleNumberParam = (): PropertyDecorator =>
  FieldRule('isPresaleNumberParam', presaleNumberParamReason);

/** Property rule: a Z presale number (a backfilled permit). */
export const IsZPresaleNumber = (): PropertyDecorator => FieldRule('isZPresaleNumber', zPresaleNumberReason);
