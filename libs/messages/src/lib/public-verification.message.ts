import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsString, Matches } from 'class-validator';
import { CHAIN_TOKEN_EXAMPLE } from './presale-permit.message';
import { ErrorCode, type FieldError } from './problem';
import { FieldRule } from './validation/field-rule';
import type { PayloadProblem } from './validation/invalid-payload';
import { REQUIRED_MESSAGE } from './validation/submission-constraints';

/**
 * The public verification requests (公众查询, no login) as message classes: the gateway validates the
 * query string with them (rpcBodyPipe), the presale service's @RpcHandler validates the RPC payload
 * with them again. Proof sizes arrive as strings in a query and as numbers over NATS: both are taken,
 * the validated value is a number.
 */

/** A chain token as text: base64url (the API's chainToken) or upper-case base32 (the QR URL's form). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,400}$/;

export interface VerifyRequestV1 {
  token: string;
}

export interface InclusionProofRequestV1 {
  index: number;
  treeSize: number;
}

export interface ConsistencyProofRequestV1 {
  first: number;
  second: number;
}

/** Query of GET /public/v1/verify, body of rpc.presale.public.verify.v1. */
export class VerifyRequest implements VerifyRequestV1 {
  @ApiProperty({
    example: CHAIN_TOKEN_EXAMPLE,
    description: '链令牌：base64url（接口返回的 chainToken）或大写 base32（二维码地址中的形式），1–400 位',
  })
  @IsDefined(REQUIRED_MESSAGE)
  @IsString()
  @Matches(TOKEN_PATTERN, { message: 'token 须为 1–400 位 [A-Za-z0-9_-] (1–400 characters of base64url or base32)' })
  token!: string;
}

const MAX_SIZE = 1e15; // 15 digits, below 2^53
const DIGITS = /^\d{1,15}$/;

/** A query's digits as the number they spell; anything else unchanged (its rule names it). */
const SizeNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DIGITS.test(value) ? Number(value) : value,
  );

const isSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < MAX_SIZE;

const INDEX_ORDER = /^index \d+ ≥ treeSize \d+$/;
const FIRST_ORDER = /^first \d+ (< 1|> second \d+)$/;

/** Query of GET /public/v1/log/inclusion-proof, body of rpc.presale.public.inclusion-proof.v1. */
export class InclusionProofRequest implements InclusionProofRequestV1 {
  @ApiProperty({ example: 0, description: '叶子序号（非负整数，小于 treeSize）leaf index' })
  @SizeNumber()
  @FieldRule('proofIndex', (index, o) => {
    if (!isSize(index)) return 'index 须为非负整数 (non-negative integer)';
    return isSize(o['treeSize']) && index >= o['treeSize'] ? `index ${index} ≥ treeSize ${o['treeSize']}` : null;
  })
  index!: number;

  @ApiProperty({ example: 1, description: '树大小（正整数，不超过当前日志大小）tree size' })
  @SizeNumber()
  @FieldRule('proofTreeSize', (v) => (isSize(v) ? null : 'treeSize 须为非负整数 (non-negative integer)'))
  treeSize!: number;
}

/** Query of GET /public/v1/log/consistency-proof, body of rpc.presale.public.consistency-proof.v1. */
export class ConsistencyProofRequest implements ConsistencyProofRequestV1 {
  @ApiProperty({ example: 1, description: '较早的树大小（≥ 1）first tree size' })
  @SizeNumber()
  @FieldRule('proofFirst', (first, o) => {
    if (!isSize(first)) return 'first 须为正整数 (positive integer)';
    if (first < 1) return `first ${first} < 1`;
    return isSize(o['second']) && first > o['second'] ? `first ${first} > second ${o['second']}` : null;
  })
  first!: number;

  @ApiProperty({ example: 2, description: '较晚的树大小（≥ first）second tree size' })
  @SizeNumber()
  @FieldRule('proofSecond', (v) => (isSize(v) ? null : 'second 须为正整数 (positive integer)'))
  second!: number;
}

/**
 * 400 INVALID_PROOF_REQUEST when the only refusals are sizes out of order (integers both, index ≥
 * treeSize, first < 1 or > second), its detail naming the rule; null for anything else (400
 * VALIDATION_FAILED: not an integer, missing, an unknown parameter).
 */
export function proofRequestProblem(errors: readonly FieldError[]): PayloadProblem | null {
  if (errors.length === 0) return null;
  if (errors.every((e) => e.field === 'index' && INDEX_ORDER.test(e.reason)))
    return proofProblem('index 须小于 treeSize (index must be less than treeSize)');
  if (errors.every((e) => e.field === 'first' && FIRST_ORDER.test(e.reason)))
    return proofProblem('须 1 ≤ first ≤ second (1 ≤ first ≤ second)');
  return null;
}

function proofProblem(rule: string): PayloadProblem {
  return { status: 400, code: ErrorCode.INVALID_PROOF_REQUEST, detail: `证明请求无效：${rule}` };
}
