import { ApiProperty } from '@nestjs/swagger';
import { TokenResponseDto } from '../../auth/dto/token-response.dto';

export class StaffTokenResponseDto extends TokenResponseDto {
  @ApiProperty({
    example: false,
    description:
      '须先修改初始密码：为 true 时令牌只能调用 POST /api/v1/auth/password，其余接口返回 403 PASSWORD_CHANGE_REQUIRED. ' +
      'When true the token may only call POST /api/v1/auth/password (one-time password not changed yet)',
  })
  password_change_required!: boolean;
}
