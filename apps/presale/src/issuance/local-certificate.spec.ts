import { certificateKey, localCertificateKeysOf } from './local-certificate';

describe(certificateKey.name, () => {
  it('treats spacing, full-width forms and case as the same certificate', () => {
    const key = certificateKey('攸住建预字〔2024〕第015号');
    for (const variant of [
      '  攸住建预字〔2024〕第015号 ',
      '攸住建预字 〔2024〕 第015号',
      '攸住建预字〔２０２４〕第０１５号',
      '攸住建预字〔2024〕第015号\u3000',
    ]) {
      expect(certificateKey(variant)).toBe(key);
    }
    expect(certificateKey('ys-2024-015')).toBe(certificateKey('YS－2024－015'));
  });

  it('keeps different certificates apart', () => {
    expect(certificateKey('攸住建预字〔2024〕第015号')).not.toBe(certificateKey('攸住建预字〔2024〕第016号'));
    expect(certificateKey('攸住建预字〔2024〕第015号')).not.toBe(certificateKey('攸住建预字〔2023〕第015号'));
  });

  it('keys the issuing authority the same way', () => {
    expect(
      localCertificateKeysOf({ issuingAuthority: ' 攸县住房和城乡建设局 ', localCertificateNumber: '第 1 号' }),
    ).toEqual({ authorityKey: '攸县住房和城乡建设局', certificateKey: '第1号' });
  });
});
