import { Injectable } from '@nestjs/common';
import { ConstructionPermitV1, ErrorCode, Principal, Rpc, RpcDef } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { currentCorrelationId } from '@hn/observability';
import { InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { PermitFacts, PermitSource } from '../issuance/presale-eligibility';

const TIMEOUT_MS = 2_500;

/**
 * Permits as a sandbox (联调测试) credential sees them: sandbox pushes are never published on the
 * production stream (so they are not in permit_replica); the permits service answers with its
 * sandbox space laid over the real permits. Asked at issuance time, for sandbox issuance only —
 * real issuance keeps reading the local replica with no round trip. Permits down → 503 for sandbox.
 */
@Injectable()
export class SandboxPermitLookup {
  private readonly rpc: RpcClient;

  constructor(@InjectNats() nats: NatsConnection) {
    this.rpc = new RpcClient(nats, { timeoutMs: TIMEOUT_MS });
  }

  source(principal: Principal): PermitSource {
    const permits = new Map<string, Promise<ConstructionPermitV1 | null>>();
    const get = (permitNumber: string): Promise<ConstructionPermitV1 | null> => {
      let found = permits.get(permitNumber);
      if (!found) {
        found = this.ask(Rpc.permitGet, principal, permitNumber);
        permits.set(permitNumber, found);
      }
      return found;
    };
    return {
      permits: async (numbers): Promise<PermitFacts[]> =>
        (await Promise.all(numbers.map(get)))
          .filter((p): p is ConstructionPermitV1 => p !== null)
          .map((p) => ({
            permit_number: p.permitNumber,
            project_code: p.projectCode,
            region_code: p.regionCode,
            project_type: p.projectType,
            developer_name: p.developerName,
            developer_credit_code: p.developerCreditCode,
          })),
      unitCodes: async (numbers): Promise<string[]> =>
        (await Promise.all(numbers.map((n) => this.ask(Rpc.permitUnits, principal, n)))).flatMap((units) =>
          (units ?? []).map((u) => u.unitCode),
        ),
    };
  }

  /** null when the permit is unknown (in both spaces); other problems (403, 503) pass through. */
  private async ask<T>(
    def: RpcDef<{ permitNumber: string }, T, 'principal'>,
    principal: Principal,
    permitNumber: string,
  ): Promise<T | null> {
    try {
      return await this.rpc.call(def, principal, { permitNumber }, currentCorrelationId());
    } catch (err) {
      if (err instanceof DomainException && err.problem.code === ErrorCode.PERMIT_NOT_FOUND) return null;
      throw err;
    }
  }
}
