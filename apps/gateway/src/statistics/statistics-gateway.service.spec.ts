import { Principal, Rpc, StatisticsRecordPageV1, StatisticsRecordV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { StatisticsGatewayService } from './statistics-gateway.service';

const county: Principal = {
  kind: 'staff',
  id: 'youxian',
  regions: ['430223'],
  scopes: ['statistics:read'],
  role: 'COUNTY',
};
const record = (key: string, projectName = '锦绣星城'): StatisticsRecordV1 => ({
  kind: 'CONSTRUCTION_PERMIT',
  key,
  reference: null,
  regionCode: '430223',
  countedUnder: '430223',
  regionName: '攸县',
  projectCode: 'P1',
  projectName,
  date: '2024-06-20',
  area: 12345.6,
  amountFen: null,
  units: null,
});

describe(StatisticsGatewayService.name, () => {
  const page = (n: number, total: number, items: StatisticsRecordV1[]): StatisticsRecordPageV1 => ({
    regionCode: '430223',
    figure: 'permits.count',
    asOf: '2026-11-30',
    items,
    page: n,
    pageSize: 100,
    total,
  });

  it('checks the region before asking the alerts service', async () => {
    const call = jest.fn();
    const service = new StatisticsGatewayService({ call } as unknown as RpcClient);
    expect(() => service.summary(county, { regionCode: '430224' }, 'cid')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ status: 403, code: 'REGION_FORBIDDEN' }) }),
    );
    expect(call).not.toHaveBeenCalled();
  });

  it('exports every page at the date of the first, as CSV with a BOM and formulas defused', async () => {
    const items = Array.from({ length: 150 }, (_, i) => record(`4302232024062001${String(i).padStart(2, '0')}`));
    items[0] = record(items[0]!.key, '=HYPERLINK("x")');
    const call = jest
      .fn()
      .mockResolvedValueOnce(page(1, 150, items.slice(0, 100)))
      .mockResolvedValueOnce(page(2, 150, items.slice(100)));
    const service = new StatisticsGatewayService({ call } as unknown as RpcClient);
    const chunks: string[] = [];
    for await (const c of service.exportCsv(
      county,
      { regionCode: '430223', figure: 'permits.count', page: 3, pageSize: 5 },
      'cid',
    ))
      chunks.push(c);
    const lines = chunks
      .join('')
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines[0]!.startsWith('\uFEFF类别 kind')).toBe(true);
    expect(lines).toHaveLength(151);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('12345.60');
    expect(call.mock.calls.map((c) => [c[0], c[2]])).toEqual([
      [Rpc.statisticsRecords, { regionCode: '430223', figure: 'permits.count', page: 1, pageSize: 100 }],
      [
        Rpc.statisticsRecords,
        { regionCode: '430223', figure: 'permits.count', asOf: '2026-11-30', page: 2, pageSize: 100 },
      ],
    ]);
  });
});
