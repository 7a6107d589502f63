import { Injectable } from '@nestjs/common';
import { ALL_SCOPES, generateSecret, hashSecret, verifySecret } from '@hn/auth';
import { regionValidOn } from '@hn/numbering';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IntegratorClient } from './entities/integrator-client.entity';
import { IntegratorErrors } from './integrators.exception';

export interface NewIntegrator {
  name: string;
  regions: string[];
  scopes: string[];
  sandbox?: boolean;
  rateLimitPerMinute?: number | null;
}

// Hash of a random secret so a wrong client_id costs the same time as a wrong secret.
const DUMMY_HASH = hashSecret(randomBytes(16).toString('hex'));

@Injectable()
export class IntegratorsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a credential; the secret is returned once and only its scrypt hash is stored. */
  async create(input: NewIntegrator): Promise<{ clientId: string; clientSecret: string }> {
    const name = input.name?.trim();
    if (!name || name.length > 200) throw IntegratorErrors.invalidRequest('名称必填，最长 200 字 (name required)');
    const today = new Date().toISOString().slice(0, 10);
    const regions = [...new Set(input.regions.map((r) => r.trim()))];
    if (regions.length === 0) throw IntegratorErrors.invalidRequest('至少一个区划 (at least one region)');
    for (const r of regions) {
      if (!/^43\d{4}$/.test(r) || !regionValidOn(r, today))
        throw IntegratorErrors.invalidRequest(`未知或已撤销的湖南区划 ${r} (unknown or retired Hunan region)`);
    }
    const scopes = [...new Set(input.scopes.map((s) => s.trim()))];
    if (scopes.length === 0) throw IntegratorErrors.invalidRequest('至少一个权限范围 (at least one scope)');
    for (const s of scopes) {
      if (!ALL_SCOPES.includes(s))
        throw IntegratorErrors.invalidRequest(`未知权限范围 ${s}，可选 ${ALL_SCOPES.join(', ')} (unknown scope)`);
    }
    const clientId = `hn_${randomBytes(9).toString('base64url')}`;
    const clientSecret = generateSecret();
    await this.dataSource.getRepository(IntegratorClient).insert({
      clientId,
      name,
      secretHash: await hashSecret(clientSecret),
      regions,
      scopes,
      sandbox: input.sandbox ?? false,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      disabled: false,
    });
    return { clientId, clientSecret };
  }

  /**
   * The current secret, or the previous one during a rotation's overlap; disabled and deleted
   * credentials are refused like a wrong secret.
   */
  async authenticate(clientId: string, clientSecret: string): Promise<IntegratorClient> {
    const client = await this.dataSource.getRepository(IntegratorClient).findOne({ where: { clientId } });
    let ok = await verifySecret(clientSecret, client ? client.secretHash : await DUMMY_HASH);
    if (
      !ok &&
      client?.previousSecretHash &&
      client.previousSecretExpiresAt &&
      client.previousSecretExpiresAt.getTime() > Date.now()
    ) {
      ok = await verifySecret(clientSecret, client.previousSecretHash);
    }
    if (!client || !ok || client.disabled || client.deletedAt) throw IntegratorErrors.invalidClient();
    return client;
  }

  async rateLimitOf(clientId: string): Promise<number | null> {
    const client = await this.dataSource
      .getRepository(IntegratorClient)
      .findOne({ where: { clientId }, select: { clientId: true, rateLimitPerMinute: true } });
    return client?.rateLimitPerMinute ?? null;
  }
}
