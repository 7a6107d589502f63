import { Injectable } from '@nestjs/common';
import type { ScanRefV1 } from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { EntityManager } from 'typeorm';
import { ApprovalRepository } from './approval.repository';

/** A kept 承诺函 as the history records it (never the bytes). */
export interface KeptLetter {
  sha256: string;
  contentType: string;
  size: number;
  fileName: string;
  version: number;
}

/**
 * 项目资本保证金承诺函 of an application: a staged scan (from the submission or a RESUBMIT) is taken, checked
 * again (present in the staging store, same size, digest and type) and kept as the application's next
 * version in the caller's transaction; the current version is staged again for the staff download
 * (NATS messages are limited to 1 MB). Earlier versions are never changed or deleted.
 */
@Injectable()
export class CommitmentLettersService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly repository: ApprovalRepository,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async keep(
    m: EntityManager,
    applicationId: string,
    letter: ScanRefV1,
    field: string,
    actor: string,
    at: Date,
  ): Promise<KeptLetter> {
    const scan = await this.staging.take(letter, field);
    const version = await this.repository.insertCommitmentLetter(m, {
      id: applicationId,
      scan,
      sha256: letter.sha256,
      contentType: letter.contentType,
      size: letter.size,
      fileName: letter.fileName,
      actor,
      at,
    });
    return {
      sha256: letter.sha256,
      contentType: letter.contentType,
      size: letter.size,
      fileName: letter.fileName,
      version,
    };
  }

  /** The current letter staged again, or undefined when the application has none. */
  async stageCurrent(m: EntityManager, applicationId: string): Promise<ScanRefV1 | undefined> {
    const letter = await this.repository.commitmentLetter(m, applicationId);
    if (!letter) return undefined;
    return this.staging.stage(letter.scan, letter.content_type as ScanRefV1['contentType'], letter.file_name);
  }
}
