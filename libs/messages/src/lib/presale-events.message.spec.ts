import {
  PresaleEventPermit,
  PresalePermitBackfilledEvent,
  PresalePermitCorrectedEvent,
  PresalePermitIssuedEvent,
  UnpermittedProjectRegisteredEvent,
} from './presale-events.message';
import { PresalePermitV1 } from './presale';
import { UnpermittedPresaleRegisteredV1 } from './backfill';
import { RecordCorrectedV1 } from './scans';
import { validateEvent } from './validation/validate-event';

/** A permit as presale-record-writer.ts signs it (buildPresaleRecord + chain token, URL, status, issuedAt). */
const permit = (): PresalePermitV1 => ({
  presaleNumber: '430223202406200101-Y01',
  letter: 'Y',
  serial: 1,
  sandbox: false,
  projectCode: '2024-430223-70-03-012345',
  regionCode: '430223',
  logIndex: 41,
  constructionPermitNumbers: ['430223202406200101'],
  unitCodes: ['2024-430223-70-03-012345-DT022'],
  localCertificateNumber: '攸住建预字〔2024〕第018号',
  issuingAuthority: '攸县住房和城乡建设局',
  issueDate: '2024-06-20',
  developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
  projectName: '锦绣星城三期',
  address: '攸县联星街道锦绣路 8 号',
  buildings: ['22#栋'],
  presaleArea: 12345.67,
  unitCount: 132,
  plannedUse: '住宅',
  fundSupervision: { bank: '中国建设银行攸县支行', account: '43050162123456789012' },
  location: { lat: 27.0, lng: 113.34 },
  chainToken: 'v1.eyJ0.sig',
  verifyUrl: 'HTTPS://YS.HNJS.GOV.CN/V/ABC',
  status: 'VALID',
  issuedAt: '2024-06-20T02:00:00.000Z',
});
const corrected = (): RecordCorrectedV1 => ({
  recordType: 'PRESALE_PERMIT',
  recordKey: '430223201906200101-Z01',
  regionCode: '430223',
  reason: '录入时楼栋名称有误',
  documentNumber: '湘建房函〔2024〕12号',
  reportSha256: 'a'.repeat(64),
  correctedBy: 'admin.li',
  correctedAt: '2026-11-02T01:00:00.000Z',
  before: { ...permit(), presaleNumber: '430223201906200101-Z01', letter: 'Z' },
  after: { ...permit(), presaleNumber: '430223201906200101-Z01', letter: 'Z', status: 'CORRECTED' },
});
/** as unpermitted.service.ts publishes it (projectOf: address only when given) */
const unpermitted = (): UnpermittedPresaleRegisteredV1 => ({
  project: {
    id: '6f1c2a8e-3b4d-4c5e-9f60-7a8b9c0d1e2f',
    projectName: '攸县滨江花园一期',
    regionCode: '430223',
    developer: { name: '攸县滨江置业有限公司', creditCode: '91430223MA4Q0ABC1F' },
    localCertificateNumber: '攸住建预字〔2023〕第021号',
    issueDate: '2023-05-12',
    registeredBy: 'youxian.a',
    registeredAt: '2026-11-02T01:00:00.000Z',
    scan: {
      sha256: 'b'.repeat(64),
      contentType: 'application/pdf',
      size: 1024,
      fileName: '预售许可证.pdf',
      uploadedAt: '2026-11-02T01:00:00.000Z',
    },
  },
});
const fields = async (type: new () => object, data: unknown): Promise<string[]> =>
  (await validateEvent(type, data)).errors.map((e) => e.field);

describe(PresaleEventPermit.name, () => {
  it('accepts an issued, a backfilled and a corrected permit as presale publishes them', async () => {
    const issued = await validateEvent(PresalePermitIssuedEvent, { permit: permit() });
    expect(issued.errors).toEqual([]);
    expect(issued.ok && issued.value.permit).toBeInstanceOf(PresaleEventPermit);
    const z = { ...permit(), presaleNumber: '430223201906200101-Z01', letter: 'Z' as const, fundSupervision: null };
    expect(await fields(PresalePermitBackfilledEvent, { permit: z, backfilledBy: 'youxian.a' })).toEqual([]);
    expect(await fields(PresalePermitCorrectedEvent, corrected())).toEqual([]);
  });

  it('names each broken field of the permit, nested ones and list items by path', async () => {
    const bad = {
      ...permit(),
      presaleNumber: '430223202406200101-X01',
      letter: 'y',
      serial: 1.5,
      sandbox: 'false',
      regionCode: '440300',
      constructionPermitNumbers: ['430223202406200101', '4302232024'],
      issueDate: '2024-06-31',
      developer: { name: '攸县锦绣置业有限公司' },
      presaleArea: '12345.67',
      fundSupervision: { bank: 'x', account: 'y', branch: 'z' },
      location: null,
      status: 'WITHDRAWN',
      issuedAt: '2024-06-20 02:00',
    };
    expect((await fields(PresalePermitIssuedEvent, { permit: bad })).sort()).toEqual(
      [
        'permit.presaleNumber',
        'permit.letter',
        'permit.serial',
        'permit.sandbox',
        'permit.regionCode',
        'permit.constructionPermitNumbers[1]',
        'permit.issueDate',
        'permit.developer.creditCode',
        'permit.presaleArea',
        'permit.fundSupervision.branch',
        'permit.location',
        'permit.status',
        'permit.issuedAt',
      ].sort(),
    );
  });

  it('refuses missing parts, unknown fields and a correction of another record type', async () => {
    const { chainToken: _c, ...withoutToken } = permit();
    expect(await fields(PresalePermitIssuedEvent, { permit: withoutToken })).toEqual(['permit.chainToken']);
    expect(await fields(PresalePermitIssuedEvent, { permit: permit(), backfilledBy: 'x' })).toEqual(['backfilledBy']);
    expect(await fields(PresalePermitBackfilledEvent, { permit: permit() })).toEqual(['backfilledBy']);
    expect(await fields(PresalePermitIssuedEvent, undefined)).toEqual(['data']);
    expect(
      await fields(PresalePermitCorrectedEvent, {
        ...corrected(),
        recordType: 'ESCROW',
        before: null,
        after: { ...permit(), logIndex: -1 },
        correctedAt: 'yesterday',
        reportSha256: 'abc',
      }),
    ).toEqual(['recordType', 'before', 'after.logIndex', 'reportSha256', 'correctedAt']);
    // the corrected permit itself, not wrapped: a wrapper is refused (its fields all missing, `permit` unknown)
    expect(await fields(PresalePermitCorrectedEvent, { ...corrected(), after: { permit: permit() } })).toEqual(
      expect.arrayContaining(['after.permit', 'after.presaleNumber', 'after.issuedAt']),
    );
  });
});

describe(UnpermittedProjectRegisteredEvent.name, () => {
  it('accepts the project as registered, with or without an address', async () => {
    expect(await fields(UnpermittedProjectRegisteredEvent, unpermitted())).toEqual([]);
    const withAddress = { project: { ...unpermitted().project, address: '攸县江桥街道滨江路 1 号' } };
    expect(await fields(UnpermittedProjectRegisteredEvent, withAddress)).toEqual([]);
  });

  it('names broken fields, the scan included', async () => {
    const p = unpermitted().project;
    expect(
      await fields(UnpermittedProjectRegisteredEvent, {
        project: {
          ...p,
          id: '',
          address: null,
          scan: { ...p.scan, contentType: 'image/gif', size: 0 },
        },
      }),
    ).toEqual(['project.id', 'project.address', 'project.scan.contentType', 'project.scan.size']);
  });
});
