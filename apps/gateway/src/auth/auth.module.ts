import { Module } from '@nestjs/common';
import { IntegratorsModule } from '../integrators/integrators.module';
import { OAuthController } from './oauth.controller';
import { OAuthService } from './oauth.service';

@Module({ imports: [IntegratorsModule], controllers: [OAuthController], providers: [OAuthService] })
export class AuthModule {}
