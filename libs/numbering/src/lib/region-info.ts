/** Administrative level of a GB/T 2260 code. */
export type RegionLevel = 'province' | 'prefecture' | 'county';

/**
 * One validity period of a GB/T 2260 administrative division code. A code can have several rows
 * over time (e.g. renamed: 430102 东区 1983–1996, then 芙蓉区 from 1996).
 */
export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  /** Code of the enclosing division, null for the province. */
  parentCode: string | null;
  /** First year the row is valid (inclusive). */
  startYear: number;
  /** Year the row stopped being valid (exclusive), null while still in force. */
  endYear: number | null;
  /** Successor code(s) the division became at endYear; empty when none is recorded. */
  newCode: string[];
}
