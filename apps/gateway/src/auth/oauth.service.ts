import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenService } from '@hn/auth';
import { IntegratorsService } from '../integrators/integrators.service';
import { TokenRequestDto } from './dto/token-request.dto';
import { TokenResponseDto } from './dto/token-response.dto';

/** OAuth2 client-credentials grant (RFC 6749 §4.4) for integrators. */
@Injectable()
export class OAuthService {
  constructor(
    private readonly integrators: IntegratorsService,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
  ) {}

  async issueToken(request: TokenRequestDto): Promise<TokenResponseDto> {
    const client = await this.integrators.authenticate(request.client_id, request.client_secret);
    const accessToken = await this.tokens.sign(
      {
        kind: 'integrator',
        id: client.clientId,
        regions: client.regions,
        scopes: client.scopes,
        sandbox: client.sandbox,
      },
      this.tokens.ttlSeconds,
      client.tokenVersion,
    );
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.tokens.ttlSeconds };
  }
}
