/** How the 统计 page writes a figure: counts grouped, m² with two decimals, 分 as 元 (money.ts). */
import { fenToYuan } from './money.js';
import { FigureKind, unitOf } from './statistics-core.js';

const grouped = (n: number, decimals = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** The value without its unit. */
export function formatNumber(value: number, kind: FigureKind): string {
  if (kind === 'money') return fenToYuan(Math.round(value));
  if (kind === 'area') return grouped(value, 2);
  return grouped(Math.round(value));
}

/** The value with its unit (元, m², 套; none for counts). */
export function formatFigure(value: number, kind: FigureKind): string {
  const unit = unitOf(kind);
  return unit ? `${formatNumber(value, kind)} ${unit}` : formatNumber(value, kind);
}
