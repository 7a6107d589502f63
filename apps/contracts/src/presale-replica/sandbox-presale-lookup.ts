import { Injectable } from '@nestjs/common';
import { ErrorCode, PresalePermitV1, Principal, Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { currentCorrelationId } from '@hn/observability';
import { InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';

const TIMEOUT_MS = 2_500;

/** What a filing needs of its presale permit (the presale_replica columns). */
export interface PresaleFacts {
  region_code: string;
  project_code: string;
  buildings: string[];
  issue_date: string;
  status: string;
}

/**
 * Presale permits as a sandbox (联调测试) credential sees them: sandbox numbers only. They are never
 * published (so never in presale_replica, which holds real permits only); the presale service
 * answers a sandbox principal from its sandbox rows. A real Y number the sandbox never issued is
 * therefore unknown here (404), and real filings never see sandbox numbers. Asked for sandbox
 * filings only — real filings keep their two round trips on the local replica.
 */
@Injectable()
export class SandboxPresaleLookup {
  private readonly rpc: RpcClient;

  constructor(@InjectNats() nats: NatsConnection) {
    this.rpc = new RpcClient(nats, { timeoutMs: TIMEOUT_MS });
  }

  /** null when the sandbox has no such presale permit; other problems (403, 503) pass through. */
  async find(principal: Principal, presaleNumber: string): Promise<PresaleFacts | null> {
    let permit: PresalePermitV1;
    try {
      permit = await this.rpc.call(Rpc.presaleGet, principal, { presaleNumber }, currentCorrelationId());
    } catch (err) {
      if (err instanceof DomainException && err.problem.code === ErrorCode.PRESALE_NOT_FOUND) return null;
      throw err;
    }
    if (permit?.sandbox !== true) return null; // never file a sandbox contract against a real permit
    return {
      region_code: permit.regionCode,
      project_code: permit.projectCode,
      buildings: (permit.buildings ?? []).map((b) => b.trim()),
      issue_date: permit.issueDate,
      status: permit.status,
    };
  }
}
