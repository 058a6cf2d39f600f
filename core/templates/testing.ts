/**
 * Builders for tests and benchmarks: filled template sheets made from the pack data (via blankSheet) and
 * valid identity numbers. Not used by the engine.
 */
import type { Cell, CellValue, SheetGrid, WorkbookGrid } from '../grid/cell';
import { idChecksumChar } from '../id';
import { blankSheet } from './blank';
import { gxZz2022 } from '../packs/gx-zz';
import { getSheetKind } from './registry';
import type { TemplatePackSpec } from './types';

export interface FillSpec {
  name?: string;
  /** Meta and footer values by key (专业名称 → major …). */
  meta?: Record<string, CellValue>;
  /** Data rows by column key; `serial` is filled 1..n unless given. */
  rows: Record<string, CellValue>[];
  /** Extra empty numbered rows after the data (like the official 18-row template). */
  blankTail?: number;
}

/** A filled sheet of the given kind, laid out exactly as the blank template. */
export function filledSheet(kindId: string, spec: FillSpec, pack: TemplatePackSpec = gxZz2022): SheetGrid {
  const kind = getSheetKind(pack, kindId);
  if (!kind) throw new Error(`no kind ${kindId}`);
  const n = spec.rows.length + (spec.blankTail ?? 0);
  const b = blankSheet(pack, kind, { rows: Math.max(1, n), ...(spec.name !== undefined ? { sheetName: spec.name } : {}) });
  const rows = b.grid.rows;
  const meta = spec.meta ?? {};
  const set = (r: number, c: number, v: CellValue): void => {
    const row = rows[r - 1] ?? (rows[r - 1] = []);
    row[c - 1] = v === null ? null : ({ value: v } as Cell);
  };
  // meta lines: rewrite the `label：` cells with the values
  const text = (v: CellValue): string => (v === null ? '' : String(v));
  for (let r = 1; r < b.headerRow; r++) {
    const cell = rows[r - 1]?.[0];
    if (!cell || typeof cell.value !== 'string') continue;
    let t = cell.value;
    for (const m of kind.meta) {
      if (!(m.key in meta)) continue;
      if (m.placement === 'before') t = t.replace(`${m.placeholder ?? '_____'} ${m.label}`, `${text(meta[m.key] ?? null)} ${m.label}`);
      else t = t.replace(`${m.label}：${m.placeholder ?? ''}`, `${m.label}：${text(meta[m.key] ?? null)}`);
    }
    cell.value = t;
  }
  for (let r = b.lastDataRow + 1; r <= rows.length; r++) {
    const row = rows[r - 1];
    if (!row) continue;
    if (kind.layout?.below) {
      const lr = kind.layout.below[r - b.lastDataRow - 1];
      if (!lr) continue;
      let col = 1;
      for (const c of lr.cells) {
        if (c.field && c.text === '' && c.field in meta) set(r, col, meta[c.field] ?? null);
        col += c.colSpan ?? 1;
      }
      continue;
    }
    const cell = row[0];
    if (!cell || typeof cell.value !== 'string') continue;
    for (const f of kind.footer) {
      if (f.key in meta && cell.value.startsWith(`${f.label}：`)) cell.value = `${f.label}：${text(meta[f.key] ?? null)}`;
    }
  }
  spec.rows.forEach((data, k) => {
    const r = b.firstDataRow + k;
    for (const [key, v] of Object.entries(data)) {
      const c = b.columns[key];
      if (c) set(r, c, v);
    }
  });
  return b.grid;
}

export function workbook(...sheets: SheetGrid[]): WorkbookGrid {
  return { sheets };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), for fuzz-style tests. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid 18-digit citizen ID: region 450102 (南宁市兴宁区), birth date, sequence (odd = male). */
export function makeId(birth = '20040315', seq = 101, region = '450102'): string {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return body + idChecksumChar(body);
}

/** A 附件2 student row that passes every rule. */
export function att2Row(i: number, overrides: Record<string, CellValue> = {}): Record<string, CellValue> {
  const male = i % 2 === 0;
  const seq = 100 + ((i * 2) % 800) + (male ? 1 : 0);
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String(((Math.floor(i / 28) % 12) + 1)).padStart(2, '0');
  return {
    name: NAMES[i % NAMES.length] ?? '张三',
    gender: male ? '男' : '女',
    idNumber: makeId(`2004${month}${day}`, seq),
    publicCourses: 60 + (i % 40),
    skillCourses: '良好',
    conduct: '合格',
    internship: '优秀',
    ...overrides,
  };
}

export const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '黄磊', '赵丽', '周杰', '吴敏', '韦小宝', '覃海', '阿依古丽·买买提'];

export const ATT2_META = {
  schoolName: '南宁市第一职业技术学校',
  major: '计算机应用',
  enrollmentCategory: '普通中专',
  teachingForm: '全日制',
  schoolLength: '3年',
  enrollmentDate: '2019年9月',
};
