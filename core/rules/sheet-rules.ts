/** Sheet rules: every data row of one sheet together, and the sheet's meta lines. */
import { toA1 } from '../grid/address';
import { cellText } from '../grid/cell';
import { valueKey } from '../text/normalize';
import { compareDigits, parseDate, parseInteger, parseRange, parseSchoolLength, type SerialRange } from '../text/parse';
import { checkMetaValue, finding } from './checks';
import { keyOfType } from './roles';
import type { RowState, SheetModel, SheetRule } from './types';

/** Required meta lines are filled, and their values have the right type (学制, 入学时间, 教学形式 …). */
export const sheetMeta: SheetRule = {
  id: 'sheet-meta',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const headerRow = sheet.detection.recognition.headerRow ?? 1;
    // A tab kept blank (e.g. 附件5 in a school's workbook) is not an unfinished form.
    const hasData = sheet.rows.some((r) => !r.blank);
    for (const spec of sheet.kind.meta) {
      const value = sheet.meta[spec.key];
      const label = spec.label.replace(/[（(].*$/, '');
      if (value === undefined || value === null || cellText({ value }).trim() === '') {
        if (!spec.required || !hasData) continue;
        const at = sheet.detection.labelCells[spec.key] ?? { row: Math.max(1, headerRow - 1), column: 1 };
        emit(at.row, at.column, finding('meta-missing', { label }));
        continue;
      }
      const f = checkMetaValue(spec.type, value, label, { header: label, options: spec.options ?? [] });
      const at = sheet.metaCell(spec.key);
      if (f && at) emit(at.row, at.column, f);
    }
  },
};

/** 序号 runs 1..n over the non-blank rows; the fix is the expected number. */
export const sheetSerial: SheetRule = {
  id: 'sheet-serial',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const key = keyOfType(sheet, 'serial');
    const col = sheet.column(key);
    const i = sheet.spec(key);
    if (!col) return;
    let expected = 0;
    for (const st of sheet.rows) {
      if (st.blank) continue;
      expected++;
      if (st.serial === expected) continue;
      emit(st.row, col, finding('serial-sequence', { expected, found: st.texts[i] ?? '' }, expected));
    }
  },
};

/** 入学时间 + 学制 (meta lines, e.g. 附件2) reach the graduation year. */
export const sheetEnrollment: SheetRule = {
  id: 'sheet-enrollment',
  scope: 'sheet',
  check(sheet, ctx, emit) {
    const role = sheet.pack.roles.enrollment;
    if (!role) return;
    const date = sheet.meta[role.date];
    const length = sheet.meta[role.schoolLength];
    if (date === undefined || length === undefined || date === null || length === null) return;
    const d = parseDate({ value: date });
    const len = parseSchoolLength(cellText({ value: length }));
    const at = sheet.metaCell(role.date);
    if (!d || len === null || !at) return;
    const earliest = d.year + Math.ceil(len);
    if (earliest > ctx.graduationYear) {
      emit(
        at.row,
        at.column,
        finding('enrollment-too-late', {
          enrollment: cellText({ value: date }).trim(),
          length: len,
          earliest,
          graduationYear: ctx.graduationYear,
        }),
      );
    }
  },
};

function rangesFor(sheet: SheetModel, ranges: { major: string | null; start: string; end: string }[]) {
  const key = sheet.pack.roles.graduates?.majorMeta;
  const m = key ? sheet.meta[key] : undefined;
  const major = typeof m === 'string' ? valueKey(m) : null;
  return ranges.filter((r) => r.major === null || (major !== null && valueKey(r.major) === major));
}

/**
 * 证书编号: inside the allocated range(s) (ValidateOptions.allocatedRanges; ranges of this sheet's major or
 * school-wide), increasing in row order, and present on every row once some rows have one.
 */
export const sheetCertificates: SheetRule = {
  id: 'sheet-certificates',
  scope: 'sheet',
  check(sheet, ctx, emit) {
    const key = keyOfType(sheet, 'certificate-number');
    const col = sheet.column(key);
    if (!col) return;
    const applicable = ctx.allocatedRanges.length > 0 ? rangesFor(sheet, ctx.allocatedRanges) : null;
    const bounds = applicable?.map((r) => ({ start: r.start.replace(/\D/g, '') || '0', end: r.end.replace(/\D/g, '') || '0' }));
    const rangeText = applicable?.map((r) => `${r.start}–${r.end}`).join('、') || '无';
    let any = false;
    for (const st of sheet.rows) if (!st.blank && st.cert !== null) any = true;
    if (!any) return;
    let prev: { text: string; row: number } | null = null;
    const i = sheet.spec(key);
    for (const st of sheet.rows) {
      if (st.blank) continue;
      if (st.cert === null) {
        if ((st.texts[i] ?? '') === '') emit(st.row, col, finding('cert-missing'));
        continue;
      }
      const v = st.cert;
      if (bounds && !bounds.some((b) => compareDigits(v, b.start) >= 0 && compareDigits(v, b.end) <= 0)) {
        emit(st.row, col, finding('cert-out-of-range', { number: st.cert, ranges: rangeText }));
      }
      if (prev && compareDigits(v, prev.text) <= 0) {
        emit(st.row, col, finding('cert-order', { number: st.cert, previous: prev.text, previousAddress: toA1(prev.row, col) }));
      }
      prev = { text: st.cert, row: st.row };
    }
  },
};

/** The major column of a sheet by its role (status changes, range summary), '' when it has none. */
function majorKey(sheet: SheetModel): string {
  const { changes, ranges } = sheet.pack.roles;
  if (changes?.kind === sheet.kind.id) return changes.major ?? '';
  if (ranges?.kind === sheet.kind.id) return ranges.major;
  return '';
}

/** Rows grouped by the major column (附件4: 按专业分类排序). */
export const sheetGroupedByMajor: SheetRule = {
  id: 'sheet-grouped-by-major',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const col = sheet.column(majorKey(sheet));
    const i = sheet.spec(majorKey(sheet));
    if (!col) return;
    const firstRow = new Map<string, number>();
    let current: string | null = null;
    for (const st of sheet.rows) {
      if (st.blank) continue;
      const major = st.texts[i] ?? '';
      if (major === '') continue;
      const k = valueKey(major);
      if (k === current) continue;
      const seen = firstRow.get(k);
      if (seen !== undefined) emit(st.row, col, finding('change-not-grouped', { major, firstAddress: toA1(seen, col) }));
      else firstRow.set(k, st.row);
      current = k;
    }
  },
};

/** The range summary's total cell (附件3 毕业生总数: one value for the table, first data row) and its value. */
export function tableTotal(sheet: SheetModel): { state: RowState; value: number | null; column: number } | null {
  const key = sheet.pack.roles.ranges?.total ?? '';
  const col = sheet.column(key);
  const i = sheet.spec(key);
  if (!col) return null;
  for (const st of sheet.rows) {
    if ((st.texts[i] ?? '') !== '') return { state: st, value: parseInteger(st.cells[i]), column: col };
  }
  return null;
}

/** Range summary: Σ count = the table's total (附件3: Σ 毕业人数 = 毕业生总数). */
export const sheetTableTotal: SheetRule = {
  id: 'sheet-table-total',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const total = tableTotal(sheet);
    const count = sheet.pack.roles.ranges?.count ?? '';
    const gi = sheet.spec(count);
    if (!total || total.value === null || !sheet.column(count)) return;
    let sum = 0;
    for (const st of sheet.rows) {
      if (st.blank || (st.texts[gi] ?? '') === '') continue;
      const n = parseInteger(st.cells[gi]);
      if (n === null) return; // an unreadable count is already reported; a sum would only add noise
      sum += n;
    }
    if (sum !== total.value) emit(total.state.row, total.column, finding('total-mismatch', { total: total.value, sum }));
  },
};

/** Range summary: each 起止号 range holds exactly `count` (毕业人数) numbers; ranges do not overlap. */
export const sheetRanges: SheetRule = {
  id: 'sheet-ranges',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const key = keyOfType(sheet, 'certificate-range');
    const col = sheet.column(key);
    const ri = sheet.spec(key);
    const gi = sheet.spec(sheet.pack.roles.ranges?.count ?? '');
    if (!col) return;
    const parsed: { st: RowState; range: SerialRange; text: string }[] = [];
    for (const st of sheet.rows) {
      if (st.blank) continue;
      const text = st.texts[ri] ?? '';
      const range = text === '' ? null : parseRange(text, sheet.pack.certificatePrefix);
      if (!range) continue;
      parsed.push({ st, range, text });
      const graduates = gi >= 0 ? parseInteger(st.cells[gi]) : null;
      const count = range.end - range.start + 1n;
      if (graduates !== null && count !== BigInt(graduates)) {
        emit(st.row, col, finding('range-size', { range: text, count: count.toString(), graduates }));
      }
    }
    for (let a = 0; a < parsed.length; a++) {
      const pa = parsed[a];
      if (!pa) continue;
      for (let b = 0; b < a; b++) {
        const pb = parsed[b];
        if (!pb) continue;
        if (pa.range.start <= pb.range.end && pb.range.start <= pa.range.end) {
          emit(pa.st.row, col, finding('range-overlap', { range: pa.text, other: pb.text, otherAddress: toA1(pb.st.row, col) }));
          break;
        }
      }
    }
  },
};

export const sheetRules: SheetRule[] = [
  sheetMeta,
  sheetSerial,
  sheetEnrollment,
  sheetCertificates,
  sheetGroupedByMajor,
  sheetTableTotal,
  sheetRanges,
];
