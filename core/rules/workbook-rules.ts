/** Workbook rules: duplicates across sheets and the 附件1 ↔ 附件3 ↔ 附件2 ↔ 附件4 cross-checks. */
import { toA1 } from '../grid/address';
import { cellText } from '../grid/cell';
import { checkIdNumber } from '../id';
import { valueKey } from '../text/normalize';
import { compareDigits, parseCohort, parseDate, parseInteger, parseRange, parseSchoolLength } from '../text/parse';
import { finding, readOption } from './checks';
import { att3Total } from './sheet-rules';
import type { Occurrence, RowState, SheetModel, WorkbookModel, WorkbookRule } from './types';

function ordered(list: readonly Occurrence[]): Occurrence[] {
  return [...list].sort((a, b) => a.sheet.index - b.sheet.index || a.state.row - b.state.row);
}

function listsRule(sheet: SheetModel, id: string): boolean {
  return sheet.kind.rules.includes(id);
}

/**
 * `id-duplicate`: the same ID twice among the sheets of one kind that lists this rule (all 附件2 sheets of
 * the workbook together; 附件5 sheets together). Each occurrence points at another one.
 */
export const wbIdUnique: WorkbookRule = {
  id: 'wb-id-unique',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const kinds = new Set(wb.sheets.filter((s) => listsRule(s, 'wb-id-unique')).map((s) => s.kind.id));
    for (const kindId of kinds) {
      const index = wb.ids(kindId);
      for (const key of index.duplicates()) {
        const occ = ordered(index.get(key) ?? []);
        if (occ.length < 2) continue;
        occ.forEach((o, n) => {
          const other = n === 0 ? occ[1] : occ[0];
          if (!other) return;
          const col = o.sheet.column('idNumber');
          const otherCol = other.sheet.column('idNumber');
          emit(
            o.sheet,
            o.state.row,
            col,
            finding('id-duplicate', {
              otherSheet: other.sheet.name,
              otherAddress: toA1(other.state.row, otherCol),
              otherRow: other.state.row,
              count: occ.length,
            }),
          );
        });
      }
    }
  },
};

/** `cert-duplicate`: one certificate number used twice anywhere in the workbook. */
export const wbCertificateUnique: WorkbookRule = {
  id: 'wb-certificate-unique',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    for (const key of wb.certs.duplicates()) {
      const occ = ordered(wb.certs.get(key) ?? []);
      occ.forEach((o, n) => {
        const other = n === 0 ? occ[1] : occ[0];
        if (!other) return;
        emit(
          o.sheet,
          o.state.row,
          o.sheet.column('certificateNumber'),
          finding('cert-duplicate', {
            number: key,
            otherSheet: other.sheet.name,
            otherAddress: toA1(other.state.row, other.sheet.column('certificateNumber')),
          }),
        );
      });
    }
  },
};

/** `receipt-total-mismatch`: 附件3 毕业生总数 = 附件1 (the row of the same school, or its only row). */
export const wbReceiptTotal: WorkbookRule = {
  id: 'wb-receipt-total',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const receipts = wb.byKind('att1');
    if (receipts.length === 0) return;
    for (const att3 of wb.byKind('att3')) {
      const total = att3Total(att3);
      if (!total || total.value === null) continue;
      const school = typeof att3.meta.schoolName === 'string' ? valueKey(att3.meta.schoolName) : null;
      const candidates: { sheet: SheetModel; st: RowState }[] = [];
      for (const r of receipts) for (const st of r.rows) if (!st.blank) candidates.push({ sheet: r, st });
      let match = school
        ? candidates.find((c) => valueKey(c.st.texts[c.sheet.spec('schoolName')] ?? '') === school)
        : undefined;
      if (!match && candidates.length === 1) match = candidates[0];
      if (!match) continue;
      const gi = match.sheet.spec('graduateTotal');
      const receiptTotal = parseInteger(match.st.cells[gi]);
      if (receiptTotal === null || receiptTotal === total.value) continue;
      emit(
        att3,
        total.state.row,
        total.column,
        finding('receipt-total-mismatch', {
          total: total.value,
          receiptTotal,
          receiptSheet: match.sheet.name,
          receiptAddress: toA1(match.st.row, match.sheet.column('graduateTotal')),
        }),
      );
    }
  },
};

function listedCount(sheet: SheetModel): number {
  let n = 0;
  for (const st of sheet.rows) if (!st.blank) n++;
  return n;
}

function sameDate(a: string, b: string): boolean {
  const da = parseDate({ value: a });
  const db = parseDate({ value: b });
  if (!da || !db) return valueKey(a) === valueKey(b);
  if (da.year !== db.year) return false;
  return da.month === null || db.month === null || da.month === db.month;
}

/**
 * 附件3 ↔ 附件2: per major, 专业名称/入学时间/学制/教学形式 equal the 附件2 sheet of that major
 * (`major-mismatch`, `major-not-found`), 毕业人数 = the students listed there (`graduates-count-mismatch`),
 * and every 附件2 major is on 附件3 (`major-not-summarized`).
 */
export const wbAtt3Att2: WorkbookRule = {
  id: 'wb-att3-att2',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const att3s = wb.byKind('att3');
    const att2s = wb.byKind('att2');
    if (att3s.length === 0 || att2s.length === 0) return;
    const byMajor = new Map<string, SheetModel[]>();
    for (const s of att2s) {
      const m = s.meta.major;
      if (typeof m !== 'string' && typeof m !== 'number') continue;
      const k = valueKey(String(m));
      byMajor.set(k, [...(byMajor.get(k) ?? []), s]);
    }
    const summarized = new Set<string>();
    for (const att3 of att3s) {
      const mi = att3.spec('major');
      for (const st of att3.rows) {
        if (st.blank) continue;
        const major = st.texts[mi] ?? '';
        if (major === '') continue;
        const k = valueKey(major);
        summarized.add(k);
        const sheets = byMajor.get(k);
        if (!sheets || sheets.length === 0) {
          emit(att3, st.row, att3.column('major'), finding('major-not-found', { major }));
          continue;
        }
        const first = sheets[0] as SheetModel;
        const compare = (key: string, field: string, same: (a: string, b: string) => boolean): void => {
          const col = att3.column(key);
          const cell = st.cells[att3.spec(key)];
          // A real Excel date in 附件3 (its text is the serial, e.g. 43709) compares by its date.
          const typed = key === 'enrollmentDate' && typeof cell?.value === 'number' ? parseDate(cell) : null;
          const value = typed ? `${typed.year}-${String(typed.month ?? 1).padStart(2, '0')}` : (st.texts[att3.spec(key)] ?? '');
          const expectedRaw = first.meta[key];
          if (!col || value === '' || expectedRaw === undefined || expectedRaw === null) return;
          const expected = typeof expectedRaw === 'number' && key === 'enrollmentDate'
            ? (() => {
                const d = parseDate({ value: expectedRaw, type: 'date' });
                return d ? `${d.year}-${String(d.month ?? 1).padStart(2, '0')}` : String(expectedRaw);
              })()
            : cellText({ value: expectedRaw }).trim();
          if (!same(value, expected)) emit(att3, st.row, col, finding('major-mismatch', { field, value, expected, sheet: first.name }));
        };
        compare('enrollmentDate', '入学时间', sameDate);
        compare('schoolLength', '学制', (a, b) => {
          const la = parseSchoolLength(a);
          const lb = parseSchoolLength(b);
          return la !== null && lb !== null ? la === lb : valueKey(a) === valueKey(b);
        });
        compare('teachingForm', '教学形式', (a, b) => valueKey(a) === valueKey(b));
        const gi = att3.spec('graduates');
        const graduates = parseInteger(st.cells[gi]);
        const listed = sheets.reduce((n, s) => n + listedCount(s), 0);
        if (graduates !== null && att3.column('graduates') && graduates !== listed) {
          emit(
            att3,
            st.row,
            att3.column('graduates'),
            finding('graduates-count-mismatch', { graduates, listed, sheet: sheets.map((s) => s.name).join('、') }, listed),
          );
        }
      }
    }
    for (const [k, sheets] of byMajor) {
      if (summarized.has(k)) continue;
      for (const s of sheets) {
        const at = s.metaCell('major');
        if (!at) continue;
        emit(s, at.row, at.column, finding('major-not-summarized', { major: String(s.meta.major), sheet: s.name }));
      }
    }
  },
};

/**
 * 附件4 ↔ 附件2: a changed ID or name appears on 附件2 in its new form (the old one is an error whose fix is
 * the new value); a student whose LAST change (last row of that student on 附件4) is 休学 or 转出 is not on
 * 附件2. Students are matched by ID (the 身份证号码 column of 附件4 holds the new ID).
 */
export const wbChangesAtt2: WorkbookRule = {
  id: 'wb-changes-att2',
  scope: 'workbook',
  check(wb, ctx, emit) {
    const changes = wb.byKind('att4');
    if (changes.length === 0 || wb.byKind('att2').length === 0) return;
    const att2 = wb.ids('att2');
    const last = new Map<string, { sheet: SheetModel; st: RowState; type: string }>();
    for (const sheet of changes) {
      const ti = sheet.spec('changeType');
      const typeSpec = sheet.kind.columns[ti];
      if (!typeSpec) continue;
      for (const st of sheet.rows) {
        if (st.blank) continue;
        const type = readOption(st.texts[ti] ?? '', typeSpec);
        if (!type) continue;
        const before = st.texts[sheet.spec('before')] ?? '';
        const after = st.texts[sheet.spec('after')] ?? '';
        const where = { changeSheet: sheet.name, changeAddress: toA1(st.row, sheet.column('changeType')) };
        if (type === '身份证号码' && before !== '') {
          const oldKey = checkIdNumber({ value: before }, { today: ctx.today }).normalized ?? valueKey(before).toUpperCase();
          const newId = checkIdNumber({ value: after }, { today: ctx.today }).normalized ?? after;
          if (oldKey !== newId) {
            for (const o of att2.get(oldKey) ?? []) {
              emit(o.sheet, o.state.row, o.sheet.column('idNumber'), finding('id-changed-old-on-list', { oldId: oldKey, newId, ...where }, newId));
            }
          }
        }
        if (st.idKey === null) continue;
        if (type === '姓名' && before !== '' && after !== '') {
          for (const o of att2.get(st.idKey) ?? []) {
            const ni = o.sheet.spec('name');
            const name = o.state.texts[ni] ?? '';
            if (valueKey(name) === valueKey(before) && valueKey(name) !== valueKey(after)) {
              emit(o.sheet, o.state.row, o.sheet.column('name'), finding('name-changed-old-on-list', { oldName: before, newName: after, ...where }, after));
            }
          }
        }
        last.set(st.idKey, { sheet, st, type });
      }
    }
    for (const [key, change] of last) {
      if (change.type !== '休学' && change.type !== '转出') continue;
      const code = change.type === '休学' ? 'suspended-listed' : 'transferred-out-listed';
      for (const o of att2.get(key) ?? []) {
        const name = o.state.texts[o.sheet.spec('name')] ?? '';
        emit(
          o.sheet,
          o.state.row,
          o.sheet.column('idNumber'),
          finding(code, { name, changeSheet: change.sheet.name, changeAddress: toA1(change.st.row, change.sheet.column('changeType')) }),
        );
      }
    }
  },
};

/** The key of a 附件2 sheet's 专业名称 line, or null when it is blank. */
function sheetMajorKey(sheet: SheetModel): string | null {
  const m = sheet.meta.major;
  if (typeof m !== 'string' && typeof m !== 'number') return null;
  const k = valueKey(String(m));
  return k === '' ? null : k;
}

/**
 * `cert-out-of-declared-range`: a 附件2 证书编号 lies inside the 起止号 that 附件3 declares for the sheet's
 * major. Only when no `allocatedRanges` option is given (the allocated ranges are the authority then, see
 * `sheet-certificates`). A major with several 附件3 rows accepts any of their ranges; an unreadable 起止号 is
 * already `range-format` and declares nothing.
 */
export const wbDeclaredRanges: WorkbookRule = {
  id: 'wb-declared-ranges',
  scope: 'workbook',
  check(wb, ctx, emit) {
    if (ctx.allocatedRanges.length > 0) return;
    const att3s = wb.byKind('att3');
    const att2s = wb.byKind('att2');
    if (att3s.length === 0 || att2s.length === 0) return;
    interface Declared {
      start: string;
      end: string;
      sheet: SheetModel;
      row: number;
    }
    const declared = new Map<string, Declared[]>();
    for (const att3 of att3s) {
      const mi = att3.spec('major');
      const ri = att3.spec('certificateRange');
      if (mi < 0 || ri < 0 || !att3.column('certificateRange')) continue;
      for (const st of att3.rows) {
        if (st.blank) continue;
        const major = st.texts[mi] ?? '';
        const text = st.texts[ri] ?? '';
        if (major === '' || text === '') continue;
        const range = parseRange(text, att3.pack.certificatePrefix);
        if (!range) continue;
        const k = valueKey(major);
        const list = declared.get(k);
        const d = { start: range.startText, end: range.endText, sheet: att3, row: st.row };
        if (list) list.push(d);
        else declared.set(k, [d]);
      }
    }
    if (declared.size === 0) return;
    for (const sheet of att2s) {
      const col = sheet.column('certificateNumber');
      const k = sheetMajorKey(sheet);
      const ranges = k === null ? undefined : declared.get(k);
      if (!col || !ranges) continue;
      const major = String(sheet.meta.major);
      const first = ranges[0] as Declared;
      const rangeText = ranges.map((r) => `${r.start}–${r.end}`).join('、');
      for (const st of sheet.rows) {
        const v = st.cert;
        if (st.blank || v === null) continue;
        if (ranges.some((r) => compareDigits(v, r.start) >= 0 && compareDigits(v, r.end) <= 0)) continue;
        emit(
          sheet,
          st.row,
          col,
          finding('cert-out-of-declared-range', {
            number: v,
            range: rangeText,
            major,
            rangeSheet: first.sheet.name,
            rangeAddress: toA1(first.row, first.sheet.column('certificateRange')),
          }),
        );
      }
    }
  },
};

/** One readable 附件4 row: its 异动类型 and the student's ID key. */
interface ChangeRow {
  sheet: SheetModel;
  st: RowState;
  type: string;
  key: string;
  before: string;
  after: string;
}

/** Readable 附件4 rows in workbook order (rows without a known type or an ID are left out). */
function changeRows(wb: WorkbookModel): ChangeRow[] {
  const out: ChangeRow[] = [];
  for (const sheet of wb.byKind('att4')) {
    const ti = sheet.spec('changeType');
    const typeSpec = sheet.kind.columns[ti];
    if (!typeSpec) continue;
    const bi = sheet.spec('before');
    const ai = sheet.spec('after');
    for (const st of sheet.rows) {
      if (st.blank || st.idKey === null) continue;
      const type = readOption(st.texts[ti] ?? '', typeSpec);
      if (!type) continue;
      out.push({ sheet, st, type, key: st.idKey, before: st.texts[bi] ?? '', after: st.texts[ai] ?? '' });
    }
  }
  return out;
}

/**
 * 转专业 ↔ 附件2: a student whose major changed is listed on the 附件2 sheet of the NEW major (异动后). Listed on
 * the sheet of an old major (异动前 of any of the student's 转专业 rows, other than the final one) is an error
 * at that 附件2 row (`transfer-major-old-sheet`); on no 附件2 sheet at all, a warning at the 附件4 row
 * (`transfer-major-missing`). Students whose last change is 休学 or 转出 are left to `wb-changes-att2`.
 */
export const wbTransferMajor: WorkbookRule = {
  id: 'wb-transfer-major',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    if (wb.byKind('att2').length === 0) return;
    const rows = changeRows(wb);
    if (rows.length === 0) return;
    const last = new Map<string, ChangeRow>();
    const transfers = new Map<string, ChangeRow[]>();
    for (const c of rows) {
      last.set(c.key, c);
      if (c.type !== '转专业' || c.after === '') continue;
      const list = transfers.get(c.key);
      if (list) list.push(c);
      else transfers.set(c.key, [c]);
    }
    const att2 = wb.ids('att2');
    for (const [key, list] of transfers) {
      const lastType = last.get(key)?.type;
      if (lastType === '休学' || lastType === '转出') continue;
      const final = list[list.length - 1] as ChangeRow;
      const newKey = valueKey(final.after);
      const old = new Set<string>();
      for (const c of list) {
        if (c.before !== '') old.add(valueKey(c.before));
        old.add(valueKey(c.after));
      }
      old.delete(newKey);
      const where = { changeSheet: final.sheet.name, changeAddress: toA1(final.st.row, final.sheet.column('changeType')) };
      const listed = att2.get(key) ?? [];
      if (listed.length === 0) {
        const at = final.sheet.column('idNumber') || final.sheet.column('changeType');
        const name = final.st.texts[final.sheet.spec('name')] ?? '';
        emit(final.sheet, final.st.row, at, finding('transfer-major-missing', { name, oldMajor: final.before, newMajor: final.after }));
        continue;
      }
      for (const o of listed) {
        const k = sheetMajorKey(o.sheet);
        if (k === null || !old.has(k)) continue;
        const name = o.state.texts[o.sheet.spec('name')] ?? '';
        emit(
          o.sheet,
          o.state.row,
          o.sheet.column('idNumber'),
          finding('transfer-major-old-sheet', { name, sheetMajor: String(o.sheet.meta.major), oldMajor: final.before, newMajor: final.after, ...where }),
        );
      }
    }
  },
};

/**
 * `change-grade-not-graduating`: for a 附件4 row of a student who is also on 附件2, 年级 (a cohort such as
 * 2020级) + 学制 reaches the graduation year. For 留级/复学 the cohort in 异动后 (the one the student moves
 * to) counts when it is readable, and the warning sits there. A grade level (高二) says nothing about the year
 * and is skipped.
 */
export const wbChangeGrade: WorkbookRule = {
  id: 'wb-change-grade',
  scope: 'workbook',
  check(wb, ctx, emit) {
    if (wb.byKind('att2').length === 0) return;
    const att2 = wb.ids('att2');
    for (const sheet of wb.byKind('att4')) {
      const gi = sheet.spec('grade');
      const li = sheet.spec('schoolLength');
      const ai = sheet.spec('after');
      const ti = sheet.spec('changeType');
      const typeSpec = sheet.kind.columns[ti];
      if (gi < 0 || li < 0 || !sheet.column('grade')) continue;
      for (const st of sheet.rows) {
        if (st.blank || st.idKey === null) continue;
        // 留级 / 复学 name the cohort the student moves to in 异动后: that one counts when it is readable.
        const type = typeSpec ? readOption(st.texts[ti] ?? '', typeSpec) : null;
        const moved = (type === '留级' || type === '复学') && ai >= 0 ? (st.texts[ai] ?? '') : '';
        const fromAfter = moved !== '' && parseCohort(moved) !== null;
        const grade = fromAfter ? moved : (st.texts[gi] ?? '');
        const col = fromAfter ? sheet.column('after') : sheet.column('grade');
        const cohort = parseCohort(grade);
        const length = parseSchoolLength(st.texts[li] ?? '');
        if (cohort === null || length === null || !col) continue;
        const earliest = cohort + Math.ceil(length);
        if (earliest <= ctx.graduationYear) continue;
        const listed = att2.get(st.idKey);
        const o = listed ? ordered(listed)[0] : undefined;
        if (!o) continue;
        emit(
          sheet,
          st.row,
          col,
          finding('change-grade-not-graduating', {
            grade,
            length,
            earliest,
            graduationYear: ctx.graduationYear,
            listSheet: o.sheet.name,
            listAddress: toA1(o.state.row, o.sheet.column('idNumber')),
          }),
        );
      }
    }
  },
};

export const workbookRules: WorkbookRule[] = [
  wbIdUnique,
  wbCertificateUnique,
  wbReceiptTotal,
  wbAtt3Att2,
  wbChangesAtt2,
  wbDeclaredRanges,
  wbTransferMajor,
  wbChangeGrade,
];
