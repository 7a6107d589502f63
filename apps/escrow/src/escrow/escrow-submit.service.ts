import { Injectable } from '@nestjs/common';
import { EscrowEvents, EscrowRecordedV1, EscrowSubmitRequestV1, EscrowSubmitResultV1, Principal } from '@hn/messages';
import { assertRegionAllowed, assertStaff, regionOf } from '@hn/auth';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource } from 'typeorm';
import { EscrowErrors } from './escrow.exception';
import { EscrowRepository } from './escrow.repository';
import { rowToRecord } from './escrow-row';

const SOURCE = '/hn/escrow';

/**
 * 提交: every listed record must be a complete DRAFT; all are locked and published together
 * (hn.escrow.record.recorded.v1 in the outbox of the same transaction), or none.
 */
@Injectable()
export class EscrowSubmitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EscrowRepository,
  ) {}

  async submit(principal: Principal, body: EscrowSubmitRequestV1): Promise<EscrowSubmitResultV1> {
    assertStaff(principal);
    // 1..100 distinct well-formed numbers: EscrowSubmitRequest, validated by @RpcHandler(Rpc.escrowSubmit)
    const raw = body.presaleNumbers;
    const numbers = [...raw].sort();
    numbers.forEach((n) =>
      assertRegionAllowed(principal, regionOf(n), {
        what: `预售许可证 ${n}`,
        field: `presaleNumbers[${raw.indexOf(n)}]`,
      }),
    );
    return this.dataSource.transaction(async (m) => {
      await this.repository.lock(m, numbers);
      const rows = await this.repository.findRecords(m, numbers);
      const missing = numbers.filter((n) => !rows.some((r) => r.presale_number === n));
      if (missing.length > 0) throw EscrowErrors.notFound(missing);
      for (const row of rows)
        assertRegionAllowed(principal, row.region_code, {
          what: `预售许可证 ${row.presale_number}`,
          field: `presaleNumbers[${raw.indexOf(row.presale_number)}]`,
        });
      const locked = rows.filter((r) => r.state === 'SUBMITTED').map((r) => r.presale_number);
      if (locked.length > 0) throw EscrowErrors.locked(locked);
      const withoutLetter = rows.filter((r) => r.commitment_letter && r.commitment_letter_scan_id === null);
      if (withoutLetter.length > 0) {
        throw EscrowErrors.incomplete(
          withoutLetter.map((r) => ({
            field: `presaleNumbers[${raw.indexOf(r.presale_number)}]`,
            reason: `${r.presale_number}: 已选择承诺函，请先上传承诺函扫描件 (commitment letter scan missing)`,
          })),
        );
      }
      await this.repository.markSubmitted(m, numbers, principal.id);
      const records = (await this.repository.findRecords(m, numbers)).map(rowToRecord);
      for (const record of records) {
        await enqueueEvent<EscrowRecordedV1>(m, {
          source: SOURCE,
          type: EscrowEvents.recordRecorded,
          subject: record.presaleNumber,
          data: { record },
          correlationId: currentCorrelationId(),
        });
      }
      return { records };
    });
  }
}
