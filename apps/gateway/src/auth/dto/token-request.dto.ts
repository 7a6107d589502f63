import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsString, Length } from 'class-validator';
import { IsPlainText } from '@hn/messages';

export class TokenRequestDto {
  @ApiProperty({ example: 'client_credentials', description: '固定为 client_credentials' })
  @Equals('client_credentials', {
    message: 'grant_type 须为 client_credentials (only client_credentials is supported)',
  })
  grant_type!: string;

  @ApiProperty({ example: 'hn_x1Y2z3A4b5C6' })
  @IsString()
  @IsPlainText()
  @Length(1, 100)
  client_id!: string;

  @ApiProperty({ example: '（创建凭据时打印的密钥 the secret printed at creation）' })
  @IsString()
  @IsPlainText()
  @Length(1, 200)
  client_secret!: string;
}
