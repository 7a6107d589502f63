import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { Public } from './auth.decorators';
import { TokenRequestDto } from './dto/token-request.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { OAuthService } from './oauth.service';

@ApiTags('认证 Auth')
@Controller('api/v1/oauth')
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '获取访问令牌（客户端凭据模式）Obtain an access token (client credentials)',
    description: 'JSON 或 application/x-www-form-urlencoded。令牌为短期 JWT。',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: TokenRequestDto })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400, 401, 429)
  token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.oauth.issueToken(body);
  }
}
