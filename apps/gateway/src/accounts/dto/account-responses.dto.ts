import { ApiProperty } from '@nestjs/swagger';

const STATUS = {
  enum: ['ACTIVE', 'DISABLED', 'DELETED'],
  description: '状态 ACTIVE 正常 / DISABLED 已停用 / DELETED 已删除',
};

export class IntegratorSummaryDto {
  @ApiProperty({ example: 'hn_x1Y2z3A4b5C6' }) clientId!: string;
  @ApiProperty({ example: '株洲市预售许可系统' }) name!: string;
  @ApiProperty(STATUS) status!: string;
  @ApiProperty({ example: ['430200'] }) regions!: string[];
  @ApiProperty({ example: ['permits:read', 'presale:issue'] }) scopes!: string[];
  @ApiProperty() sandbox!: boolean;
  @ApiProperty({ nullable: true, type: Number, example: null }) rateLimitPerMinute!: number | null;
  @ApiProperty({
    example: 1,
    description: '令牌版本；停用、删除时递增，旧令牌随即失效 token version, bumped on disable/delete',
  })
  tokenVersion!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) secretRotatedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '轮换前的旧密钥在此之前仍可用 the previous secret is accepted until then',
  })
  previousSecretValidUntil!: string | null;
}

export class IntegratorListDto {
  @ApiProperty({ type: [IntegratorSummaryDto] }) items!: IntegratorSummaryDto[];
}

export class RotatedSecretDto {
  @ApiProperty({ example: 'hn_x1Y2z3A4b5C6' }) clientId!: string;
  @ApiProperty({ description: '新密钥，仅此一次显示 the new secret, shown only once' }) clientSecret!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '旧密钥在此之前仍可用；null 表示已立即失效 old secret valid until; null: stopped at once',
  })
  previousSecretValidUntil!: string | null;
}

export class StaffSummaryDto {
  @ApiProperty({ example: 'zhang.san' }) username!: string;
  @ApiProperty({ enum: ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'] }) role!: string;
  @ApiProperty({ example: '430223' }) region!: string;
  @ApiProperty(STATUS) status!: string;
  @ApiProperty({ example: 1 }) tokenVersion!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: '登录失败锁定至 locked after failed logins until',
  })
  lockedUntil!: string | null;
}

export class StaffListDto {
  @ApiProperty({ type: [StaffSummaryDto] }) items!: StaffSummaryDto[];
}
