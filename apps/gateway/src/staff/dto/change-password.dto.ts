import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsPlainText } from '@hn/messages';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../staff-rules';

export class ChangePasswordDto {
  @ApiProperty({
    example: 'k7Hm-2pQx-Wd4r-Nb8e',
    description: '当前密码（首次登录为初始密码）current (or one-time) password',
    format: 'password',
  })
  @IsString()
  @IsPlainText()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({
    example: 'Youxian2024ok',
    description: `新密码：${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 位，含字母和数字，不含用户名，不同于当前密码 new password: ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters with letters and digits, without the username`,
    format: 'password',
  })
  @IsString()
  @IsPlainText()
  @Length(1, 256)
  newPassword!: string;
}
