import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JwksV1 } from '@hn/messages';
import { Ed25519PublicJwk, publicKeyFromJwk, publicKeyToJwk, SigningKey, signingKeyFromPkcs8Pem } from '@hn/chain';
import { KeyObject } from 'node:crypto';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { SigningKeysRepository } from './signing-keys.repository';

/**
 * The current signing key (private part from the environment only) and the public keys of every
 * key ever used, kept in the database so tokens signed before a rotation keep verifying.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  readonly current: SigningKey;
  private publicKeys = new Map<string, KeyObject>();
  private jwks: Ed25519PublicJwk[] = [];

  constructor(
    private readonly repository: SigningKeysRepository,
    @Inject(PRESALE_CONFIG) config: PresaleConfig,
  ) {
    this.current = signingKeyFromPkcs8Pem(config.signingKeyPem);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.repository.register(this.current.keyId, publicKeyToJwk(this.current));
    await this.reload();
  }

  async verificationKeys(keyId?: string): Promise<ReadonlyMap<string, KeyObject>> {
    // Another replica may have started with a newer key: reload on an unknown key id.
    if (keyId && !this.publicKeys.has(keyId)) await this.reload();
    return this.publicKeys;
  }

  async jwksDocument(): Promise<JwksV1> {
    await this.reload();
    return { keys: this.jwks };
  }

  private async reload(): Promise<void> {
    const jwks = await this.repository.publicKeys();
    const keys = new Map<string, KeyObject>();
    for (const jwk of jwks) {
      const entry = publicKeyFromJwk(jwk);
      keys.set(entry.keyId, entry.publicKey);
    }
    this.publicKeys = keys;
    this.jwks = jwks;
  }
}
