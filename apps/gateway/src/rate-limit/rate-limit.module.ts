import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { FixedWindowThrottlerStorage } from './fixed-window-storage';
import { RateLimitPolicy } from './rate-limit-policy.service';
import { RateLimitPolicyModule } from './rate-limit-policy.module';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitPolicyModule],
      inject: [RateLimitPolicy],
      useFactory: (policy: RateLimitPolicy) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: (context) => policy.limitFor(context) }],
        storage: new FixedWindowThrottlerStorage(),
        skipIf: (context) => {
          const url = context.switchToHttp().getRequest<{ url?: string }>().url ?? '';
          return url === '/health' || url === '/metrics' || url.startsWith('/api/docs') || url === '/api/openapi.json';
        },
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
