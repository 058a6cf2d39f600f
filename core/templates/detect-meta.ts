/** Meta lines (`label：value` above or below the table) read for a recognised sheet kind. */
import type { CellValue, SheetGrid } from '../grid/cell';
import type { CellRef } from './detect';
import type { KindIndex } from './detect-index';
import { NOTE_LINE, PLACEHOLDER_VALUE } from './form-words';
import type { MetaFieldSpec } from './types';

const BOUNDARY = /[\s_＿:：;；,，。.、|/()（）]/;
const FILLER = /^[\s_＿:：]+|[\s_＿:：]+$/g;

interface LabelHit {
  spec: MetaFieldSpec;
  index: number;
  end: number;
}

function labelHits(text: string, ix: KindIndex): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const { spec, regexes } of ix.labels) {
    for (const re of regexes) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const before = m.index === 0 ? '' : text.charAt(m.index - 1);
        if (spec.placement === 'before' || m.index === 0 || BOUNDARY.test(before)) {
          hits.push({ spec, index: m.index, end: m.index + m[0].length });
        }
      }
    }
  }
  // Longest match first; drop overlaps (学校名称（盖章） beats 学校名称; 联系人及联系电话 beats 联系电话).
  hits.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const kept: LabelHit[] = [];
  for (const h of hits) {
    if (kept.some((k) => h.index < k.end && k.index < h.end)) continue;
    if (kept.some((k) => k.spec.key === h.spec.key)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.index - b.index);
}

export function readMeta(
  sheet: SheetGrid,
  ix: KindIndex,
  rows: number[],
): { meta: Record<string, CellValue>; metaCells: Record<string, CellRef>; labelCells: Record<string, CellRef> } {
  const meta: Record<string, CellValue> = {};
  const metaCells: Record<string, CellRef> = {};
  const labelCells: Record<string, CellRef> = {};
  for (const r of rows) {
    const cells = sheet.rows[r - 1];
    if (!cells) continue;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell || typeof cell.value !== 'string' || cell.value.trim() === '') continue;
      const text = cell.value;
      if (NOTE_LINE.test(text)) continue;
      const hits = labelHits(text, ix);
      for (let h = 0; h < hits.length; h++) {
        const hit = hits[h];
        if (!hit || labelCells[hit.spec.key]) continue;
        labelCells[hit.spec.key] = { row: r, column: c + 1 };
        let value: CellValue = null;
        let at: CellRef = { row: r, column: c + 1 };
        if (hit.spec.placement === 'before') {
          const from = h > 0 ? (hits[h - 1]?.end ?? 0) : 0;
          value = text.slice(from, hit.index).replace(FILLER, '');
        } else {
          const to = hits[h + 1]?.index ?? text.length;
          value = text.slice(hit.end, to).replace(FILLER, '');
          if (value === '' && h === hits.length - 1) {
            // Value in a cell to the right (label alone in its cell, e.g. 学校经办人 | 张三).
            for (let k = c + 1; k < cells.length; k++) {
              const right = cells[k];
              if (!right || right.value === null || (typeof right.value === 'string' && right.value.trim() === '')) continue;
              if (typeof right.value === 'string' && labelHits(right.value, ix).length > 0) break;
              value = typeof right.value === 'string' ? right.value.replace(FILLER, '') : right.value;
              at = { row: r, column: k + 1 };
              break;
            }
          }
        }
        if (typeof value === 'string' && PLACEHOLDER_VALUE.test(value)) value = '';
        if (value !== '' && value !== null) {
          meta[hit.spec.key] = value;
          metaCells[hit.spec.key] = at;
        }
      }
    }
  }
  return { meta, metaCells, labelCells };
}

// ---------------------------------------------------------------------------------------------------------
// Putting it together.
