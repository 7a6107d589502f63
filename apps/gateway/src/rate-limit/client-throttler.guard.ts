import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Principal } from '@hn/messages';

/** Throttles per authenticated client (not per IP: one vendor's systems share egress addresses). */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = req['principal'] as Principal | undefined;
    return principal ? `${principal.kind}:${principal.id}` : `ip:${String(req['ip'])}`;
  }
}
