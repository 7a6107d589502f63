// Public entry of @hn/numbering: pure numbering and identity rules (DESIGN.md §4). No I/O.
export type { RegionInfo } from './lib/region-info';
export { findRegionHistory, regionValidOn, regionName, activeCountyCodes } from './lib/regions';
export { regionCovers, isInRegions, regionPrefix, regionPrefixes } from './lib/region-coverage';
export { chinaToday, isIsoDate } from './lib/iso-date';
export { WORKS_CATEGORIES } from './lib/works-categories';
export type { PermitNumberRejection, ParsedPermitNumber, PermitNumberResult } from './lib/permit-number';
export { parsePermitNumber, formatPermitNumber } from './lib/permit-number';
export { creditCodeCheckChar, isValidCreditCode } from './lib/credit-code';
export { residentIdCheckDigit, isValidResidentId } from './lib/resident-id';
export type { PresaleLetter } from './lib/presale-number';
export { formatPresaleNumber, parsePresaleNumber } from './lib/presale-number';
export { formatContractNumber, parseContractNumber } from './lib/contract-number';
export { CUTOVER_DEFAULTS } from './lib/cutover';
export {
  currentRegionCode,
  activeRegionLevel,
  activeChildRegions,
  regionCodesCountedUnder,
} from './lib/region-succession';
export type { HolidayNotice } from './lib/data/cn-holidays.data';
export { STATE_COUNCIL_HOLIDAY_NOTICES } from './lib/data/cn-holidays.data';
export type { CalendarOverride, WorkingCalendar } from './lib/working-days';
export { workingCalendar, workingDaysBetween, addWorkingDays } from './lib/working-days';
