import { columnLetters, parseA1 } from '../../core/grid/address';

/** A rectangle of cells, 1-based and inclusive, as the xlsx writers move and merge them. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `A1`, `$A$1:$C$9` or exceljs's `range:A1:C9` → its area; null when it isn't one. */
export function parseArea(ref: string): Area | null {
  const [a, b] = ref.replace(/^range:/, '').replace(/\$/g, '').split(':');
  const p = a ? parseA1(a) : null;
  const q = b ? parseA1(b) : p;
  return p && q ? { top: Math.min(p.row, q.row), left: Math.min(p.column, q.column), bottom: Math.max(p.row, q.row), right: Math.max(p.column, q.column) } : null;
}

/** The area as A1 text (one cell without the colon). */
export function areaRef(a: Area): string {
  const tl = `${columnLetters(a.left)}${a.top}`;
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${columnLetters(a.right)}${a.bottom}`;
}
