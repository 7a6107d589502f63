import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Matches } from 'class-validator';
import { CHAIN_TOKEN_EXAMPLE } from '@hn/messages';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,400}$/;
const NON_NEGATIVE_INTEGER = /^\d{1,15}$/;
const REQUIRED = { message: '必填 (required)' };

export class VerifyQuery {
  @ApiProperty({
    example: CHAIN_TOKEN_EXAMPLE,
    description: '链令牌：base64url（接口返回的 chainToken）或大写 base32（二维码地址中的形式），1–400 位',
  })
  @IsDefined(REQUIRED)
  @IsString()
  @Matches(TOKEN_PATTERN, { message: 'token 须为 1–400 位 [A-Za-z0-9_-] (1–400 characters of base64url or base32)' })
  token!: string;
}

export class InclusionProofQuery {
  @ApiProperty({ example: '0', description: '叶子序号（非负整数，小于 treeSize）leaf index' })
  @IsDefined(REQUIRED)
  @Matches(NON_NEGATIVE_INTEGER, { message: 'index 须为非负整数 (non-negative integer)' })
  index!: string;

  @ApiProperty({ example: '1', description: '树大小（正整数，不超过当前日志大小）tree size' })
  @IsDefined(REQUIRED)
  @Matches(NON_NEGATIVE_INTEGER, { message: 'treeSize 须为非负整数 (non-negative integer)' })
  treeSize!: string;
}

export class ConsistencyProofQuery {
  @ApiProperty({ example: '1', description: '较早的树大小（≥ 1）first tree size' })
  @IsDefined(REQUIRED)
  @Matches(NON_NEGATIVE_INTEGER, { message: 'first 须为正整数 (positive integer)' })
  first!: string;

  @ApiProperty({ example: '2', description: '较晚的树大小（≥ first）second tree size' })
  @IsDefined(REQUIRED)
  @Matches(NON_NEGATIVE_INTEGER, { message: 'second 须为正整数 (positive integer)' })
  second!: string;
}
