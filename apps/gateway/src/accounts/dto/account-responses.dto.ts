import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@hn/messages';
import type { AccountStatus } from '../accounts.exception';
import type { IntegratorSummary } from '../integrator-admin.service';
import type { StaffSummary } from '../staff-admin.service';

/**
 * The ADMIN API's replies are the gateway's own (no RPC): these classes document them and implement
 * the services' summaries, so the compiler keeps the two in agreement.
 */

const STATUS = {
  enum: ['ACTIVE', 'DISABLED', 'DELETED'] satisfies AccountStatus[],
  example: 'ACTIVE',
  description: '状态 ACTIVE 正常 / DISABLED 已停用 / DELETED 已删除',
};

export class IntegratorSummaryDto implements IntegratorSummary {
  @ApiProperty({ example: 'hn_x1Y2z3A4b5C6' }) clientId!: string;
  @ApiProperty({ example: '株洲市预售许可系统' }) name!: string;
  @ApiProperty(STATUS) status!: AccountStatus;
  @ApiProperty({ example: ['430200'] }) regions!: string[];
  @ApiProperty({ example: ['permits:read', 'presale:issue'] }) scopes!: string[];
  @ApiProperty({ example: false, description: '联调测试（沙箱）凭据 sandbox credential' }) sandbox!: boolean;
  @ApiProperty({ nullable: true, type: Number, example: null }) rateLimitPerMinute!: number | null;
  @ApiProperty({
    example: 1,
    description: '令牌版本；停用、删除时递增，旧令牌随即失效 token version, bumped on disable/delete',
  })
  tokenVersion!: number;
  @ApiProperty({ format: 'date-time', example: '2024-09-01T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2024-09-03T02:00:00.000Z' })
  secretRotatedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2024-09-04T02:00:00.000Z',
    description: '轮换前的旧密钥在此之前仍可用 the previous secret is accepted until then',
  })
  previousSecretValidUntil!: string | null;
}

export class IntegratorListDto {
  @ApiProperty({ type: [IntegratorSummaryDto] }) items!: IntegratorSummaryDto[];
}

export class RotatedSecretDto {
  @ApiProperty({ example: 'hn_x1Y2z3A4b5C6' }) clientId!: string;
  @ApiProperty({
    example: 'EXAMPLE-not-a-real-secret-43-base64url-chars',
    description: '新密钥，仅此一次显示 the new secret, shown only once',
  })
  clientSecret!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2024-09-04T02:00:00.000Z',
    description: '旧密钥在此之前仍可用；null 表示已立即失效 old secret valid until; null: stopped at once',
  })
  previousSecretValidUntil!: string | null;
}

export class StaffSummaryDto implements StaffSummary {
  @ApiProperty({ example: 'zhang.san' }) username!: string;
  @ApiProperty({ enum: STAFF_ROLES, example: 'COUNTY' }) role!: StaffRole;
  @ApiProperty({ example: '430223' }) region!: string;
  @ApiProperty(STATUS) status!: AccountStatus;
  @ApiProperty({ example: 1 }) tokenVersion!: number;
  @ApiProperty({ format: 'date-time', example: '2024-09-01T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: null,
    description: '登录失败锁定至 locked after failed logins until',
  })
  lockedUntil!: string | null;
  @ApiProperty({
    example: false,
    description: '初始密码（新账号或重置）尚未修改 the one-time password (new account, reset) is not changed yet',
  })
  passwordChangeRequired!: boolean;

  @ApiProperty({
    example: false,
    description:
      '已授予 pii:read（明文查看手机号、证件号；npm run staff:grant-pii）granted pii:read: clear phone and ID numbers',
  })
  piiRead!: boolean;
}

export class PasswordResetDto {
  @ApiProperty({ example: '430223.01' }) username!: string;
  @ApiProperty({
    example: 'k7Hm-2pQx-Wd4r-Nb8e',
    description:
      '新的初始密码，仅此一次显示；首次登录须修改 one-time password, shown only once; to be changed at the next login',
  })
  oneTimePassword!: string;
}

export class StaffListDto {
  @ApiProperty({ type: [StaffSummaryDto] }) items!: StaffSummaryDto[];
}
