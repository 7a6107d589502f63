import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  /** ms epoch when this window ends */
  endsAt: number;
  /** ms epoch until which the key is blocked, 0 if not */
  blockedUntil: number;
}

/**
 * Fixed-window counter per key for @nestjs/throttler. The default in-memory storage keeps one
 * timestamp per hit and prunes them on every request, which costs O(hits) for busy clients (15 % of
 * the gateway's CPU at 2,500 req/s in a profile); this is O(1) per request.
 */
@Injectable()
export class FixedWindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    let w = this.windows.get(id);
    if (!w || w.endsAt <= now) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: w && w.blockedUntil > now ? w.blockedUntil : 0 };
      this.windows.set(id, w);
    }
    if (w.blockedUntil <= now) {
      w.blockedUntil = 0;
      w.hits++;
      if (w.hits > limit) w.blockedUntil = now + (blockDuration > 0 ? blockDuration : w.endsAt - now);
    }
    const blocked = w.blockedUntil > now;
    return {
      totalHits: w.hits,
      timeToExpire: Math.ceil((w.endsAt - now) / 1000),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((w.blockedUntil - now) / 1000) : 0,
    };
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, w] of this.windows) if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }
}
