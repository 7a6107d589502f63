import * as numbering from './index';

describe('@hn/numbering public API', () => {
  it('exports exactly the agreed runtime names', () => {
    expect(Object.keys(numbering).sort()).toEqual(
      [
        'CUTOVER_DEFAULTS',
        'WORKS_CATEGORIES',
        'activeChildRegions',
        'activeCountyCodes',
        'activeRegionLevel',
        'currentRegionCode',
        'regionCodesCountedUnder',
        'creditCodeCheckChar',
        'findRegionHistory',
        'formatContractNumber',
        'formatPresaleNumber',
        'isInRegions',
        'chinaToday',
        'isIsoDate',
        'isValidCreditCode',
        'isValidResidentId',
        'parseContractNumber',
        'parsePermitNumber',
        'parsePresaleNumber',
        'regionCovers',
        'regionName',
        'regionPrefix',
        'regionPrefixes',
        'regionValidOn',
        'residentIdCheckDigit',
        'STATE_COUNCIL_HOLIDAY_NOTICES',
        'addWorkingDays',
        'formatPermitNumber',
        'workingCalendar',
        'workingDaysBetween',
      ].sort(),
    );
  });

  it('chains the three numbers of DESIGN.md §4', () => {
    const permit = numbering.parsePermitNumber('430223202406200101', { today: '2025-01-01' });
    expect(permit.ok).toBe(true);
    const presale = numbering.formatPresaleNumber('430223202406200101', 'Y', 1);
    const contract = numbering.formatContractNumber(presale, 1);
    expect(contract).toBe('430223202406200101-Y01-B0001');
    expect(numbering.parseContractNumber(contract)?.presaleNumber).toBe(presale);
  });
});
