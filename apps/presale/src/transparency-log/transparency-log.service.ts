import { Inject, Injectable } from '@nestjs/common';
import { ConsistencyProofV1, InclusionProofV1 } from '@hn/messages';
import { encodeLogEntry, formatCheckpointBody, leafHash, LogEntry, MerkleTree, signNote } from '@hn/chain';
import { EntityManager } from 'typeorm';
import { PRESALE_CONFIG, PresaleConfig } from '../config/presale.config';
import { PresaleErrors } from '../issuance/presale.exception';
import { SigningKeysService } from './signing-keys.service';
import { TransparencyLogRepository } from './transparency-log.repository';

/**
 * RFC 6962/9162 transparency log of issued and corrected presale permits. Entries are appended in
 * the issuing transaction (index from log_head, so no gaps); the Merkle tree is kept in memory and
 * extended from the database with committed, contiguous entries before every read.
 */
@Injectable()
export class TransparencyLogService {
  private readonly trees = new Map<boolean, MerkleTree>();

  constructor(
    private readonly repository: TransparencyLogRepository,
    private readonly keys: SigningKeysService,
    @Inject(PRESALE_CONFIG) private readonly config: PresaleConfig,
  ) {}

  /** Reserves the next index inside the caller's transaction. */
  reserveIndex(manager: EntityManager, sandbox: boolean): Promise<number> {
    return this.repository.reserveIndex(manager, sandbox);
  }

  async append(manager: EntityManager, sandbox: boolean, index: number, entry: LogEntry): Promise<void> {
    const bytes = encodeLogEntry(entry);
    await this.repository.insertEntry(manager, sandbox, index, {
      bytes,
      leafHash: leafHash(bytes),
      presaleNumber: entry.presaleNumber,
      kind: entry.kind,
    });
  }

  async checkpoint(sandbox = false): Promise<string> {
    const tree = await this.tree(sandbox);
    const origin = sandbox ? `${this.config.logOrigin}/sandbox` : this.config.logOrigin;
    return signNote(formatCheckpointBody(origin, tree.size, tree.root()), origin, this.keys.current);
  }

  /** Integers 0 ≤ index < treeSize (InclusionProofRequest, checked by the Rpc entry); treeSize within the log here. */
  async inclusionProof(index: number, treeSize: number, sandbox = false): Promise<InclusionProofV1> {
    const tree = await this.tree(sandbox);
    if (treeSize > tree.size)
      throw PresaleErrors.invalidProofRequest(
        `treeSize ${treeSize} 超过当前日志大小 ${tree.size} (larger than the log)`,
      );
    const leaf = await this.repository.leafHash(sandbox, index);
    return {
      leafIndex: index,
      leafHash: leaf!.toString('hex'),
      auditPath: tree.inclusionProof(index, treeSize).map((h) => h.toString('hex')),
      treeSize,
      rootHash: tree.root(treeSize).toString('hex'),
    };
  }

  /** Integers 1 ≤ first ≤ second (ConsistencyProofRequest, checked by the Rpc entry); second within the log here. */
  async consistencyProof(first: number, second: number, sandbox = false): Promise<ConsistencyProofV1> {
    const tree = await this.tree(sandbox);
    if (second > tree.size)
      throw PresaleErrors.invalidProofRequest(`second ${second} 超过当前日志大小 ${tree.size} (larger than the log)`);
    return {
      proof: tree.consistencyProof(first, second).map((h) => h.toString('hex')),
      first,
      second,
      firstRootHash: tree.root(first).toString('hex'),
      secondRootHash: tree.root(second).toString('hex'),
    };
  }

  async size(sandbox = false): Promise<number> {
    return (await this.tree(sandbox)).size;
  }

  /** The in-memory tree, extended with committed entries that directly follow it (never a gap). */
  private async tree(sandbox: boolean): Promise<MerkleTree> {
    let tree = this.trees.get(sandbox);
    if (!tree) {
      tree = new MerkleTree();
      this.trees.set(sandbox, tree);
    }
    const rows = await this.repository.entriesFrom(sandbox, tree.size);
    for (const row of rows) {
      if (Number(row.log_index) !== tree.size) break; // a lower index is still uncommitted
      tree.append(row.leaf_hash);
    }
    return tree;
  }
}
