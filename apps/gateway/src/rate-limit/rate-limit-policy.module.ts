import { Module } from '@nestjs/common';
import { IntegratorsModule } from '../integrators/integrators.module';
import { RateLimitPolicy } from './rate-limit-policy.service';

@Module({ imports: [IntegratorsModule], providers: [RateLimitPolicy], exports: [RateLimitPolicy] })
export class RateLimitPolicyModule {}
