import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsPlainText } from '@hn/messages';

export class LoginRequestDto {
  @ApiProperty({ example: 'zhang.san', description: '用户名 username (3–64: a-z 0-9 _ . -)' })
  @IsString()
  @IsPlainText()
  @Length(1, 128)
  username!: string;

  @ApiProperty({ example: 'Youxian2024ok', description: '密码 password', format: 'password' })
  @IsString()
  @IsPlainText()
  @Length(1, 256)
  password!: string;
}
