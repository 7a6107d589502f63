import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@hn/messages';

/** The console's session as the gateway sees it: who, with which role, regions and scopes, until when. No token. */
export class StaffSessionDto {
  @ApiProperty({ example: 'youxian.li', description: '用户名' }) username!: string;
  @ApiProperty({ example: 'COUNTY', enum: STAFF_ROLES, description: '角色' }) role!: StaffRole;
  @ApiProperty({ example: ['430223'], type: [String], description: '所属区划' }) regions!: string[];
  @ApiProperty({
    example: ['permits:read', 'supervision:read', 'supervision:write'],
    type: [String],
    description: '权限范围',
  })
  scopes!: string[];
  @ApiProperty({ example: '2026-11-02T08:15:00.000Z', format: 'date-time', description: '登录有效期至 (UTC)' })
  expiresAt!: string;
  @ApiProperty({ example: 900, description: '剩余有效期（秒）seconds left' }) expiresIn!: number;
}
