/**
 * Works category codes (`CC`, last two digits of a construction permit number) and their names.
 * 01 and 19 are fixed by the design; the ones between are the platform's working list.
 */
export const WORKS_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  '01': '一般工业与民用建筑',
  '02': '住宅工程',
  '03': '公共建筑工程',
  '04': '工业厂房工程',
  '05': '市政道路工程',
  '06': '桥梁隧道工程',
  '07': '给水排水工程',
  '08': '燃气工程',
  '09': '供热工程',
  '10': '城市轨道交通工程',
  '11': '园林绿化工程',
  '12': '装饰装修工程',
  '13': '建筑幕墙工程',
  '14': '钢结构工程',
  '15': '地基基础工程',
  '16': '建筑智能化工程',
  '17': '消防设施工程',
  '18': '拆除工程',
  '19': '其他',
});

/** Name of a works category code, undefined when unknown (own keys only, no prototype lookups). */
export function worksCategoryName(code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(WORKS_CATEGORIES, code) ? WORKS_CATEGORIES[code] : undefined;
}
