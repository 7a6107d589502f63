/**
 * Benchmark: the CPU cost of validating one message with its class, as the gateway validates the HTTP
 * body (the Rpc entry's part) and as the owning service validates the whole RPC body again: a contract
 * filing (ContractFilingSubmission / ContractFilingIssueRequest) and a 取号 submission (PresaleSubmission /
 * PresaleIssueRequest). Baseline in the same run: JSON.parse + JSON.stringify of the same body (what any
 * path pays to carry it), so the ratio compares across machines.
 *
 *   npm run build && npm run bench:validation -- [--iterations 20000]
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import {
  ContractFilingIssueRequest,
  ContractFilingSubmission,
  PRESALE_SUBMISSION_EXAMPLE,
  PresaleIssueRequest,
  PresaleSubmission,
  validateMessage,
  validateSubmission,
} from '@hn/messages';
import { residentIdCheckDigit } from '@hn/numbering';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' } } });
const ITERATIONS = Number(values.iterations);

const idBody = '43022319900101123';
const filing = (): Record<string, unknown> => ({
  presaleNumber: '430223202406200101-Y01',
  building: '22#',
  rooms: [{ roomNumber: '1-1', floor: 1, floorArea: 89.5 }],
  address: '攸县联星街道锦绣星城 22# 栋',
  buyers: [
    {
      type: 'PERSON',
      name: '张三',
      idType: 'RESIDENT_ID',
      idNumber: idBody + residentIdCheckDigit(idBody),
      phone: '13800138000',
    },
  ],
  contractAmount: 80_000_000,
  payment: { method: 'COMMERCIAL_LOAN', downPayment: 24_000_000, commercialLoan: 56_000_000 },
  filingDate: '2024-09-02',
  document: { sha256: 'a'.repeat(64), fileName: 'contract.pdf' },
});
const presale = (): Record<string, unknown> => JSON.parse(JSON.stringify(PRESALE_SUBMISSION_EXAMPLE));

async function microseconds(name: string, run: () => Promise<unknown> | unknown): Promise<[string, number]> {
  for (let i = 0; i < Math.min(2000, ITERATIONS); i++) await run(); // warm-up (JIT, caches)
  const started = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await run();
  return [name, Number(process.hrtime.bigint() - started) / 1e3 / ITERATIONS];
}

async function ok(result: Promise<{ ok: boolean; errors?: unknown }>): Promise<void> {
  const r = await result;
  if (!r.ok) throw new Error(`the benchmark body is refused: ${JSON.stringify(r.errors)}`);
}

async function main(): Promise<void> {
  const key = 'bench-validation-0001';
  const rows: Array<[string, number]> = [];
  rows.push(
    await microseconds('baseline: JSON.parse + stringify of a filing', () => JSON.parse(JSON.stringify(filing()))),
  );
  rows.push(
    await microseconds('contract filing — gateway (part)', () =>
      ok(validateSubmission(ContractFilingSubmission, filing())),
    ),
  );
  rows.push(
    await microseconds('contract filing — service (whole RPC body)', () =>
      ok(validateMessage(ContractFilingIssueRequest, { idempotencyKey: key, submission: filing() })),
    ),
  );
  rows.push(
    await microseconds('取号 submission — gateway (part)', () => ok(validateMessage(PresaleSubmission, presale()))),
  );
  rows.push(
    await microseconds('取号 submission — service (whole RPC body)', () =>
      ok(validateMessage(PresaleIssueRequest, { idempotencyKey: key, submission: presale() })),
    ),
  );
  const baseline = rows[0]![1];
  console.log(`\nvalidation per message, ${ITERATIONS} iterations each, ${new Date().toISOString()}`);
  console.log('| what | µs per message | × baseline |');
  console.log('|---|---:|---:|');
  for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(1)} | ${(us / baseline).toFixed(1)} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
