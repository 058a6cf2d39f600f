/**
 * Workbook rules: duplicates across sheets and the cross-checks between the receipt, the range summary, the
 * graduate list and the status changes (Guangxi: 附件1 ↔ 附件3 ↔ 附件2 ↔ 附件4). Sheets and columns are found
 * through the pack's roles (./roles.ts), so any pack declaring the same roles gets these checks.
 */
import { toA1 } from '../grid/address';
import { cellText } from '../grid/cell';
import { checkIdNumber } from '../id';
import { valueKey } from '../text/normalize';
import { compareDigits, parseCohort, parseDate, parseInteger, parseRange, parseSchoolLength } from '../text/parse';
import type { ChangeEffect, ChangesRole } from '../templates/roles';
import { finding } from './checks';
import { attachmentOf, changeEffect, keyOfType, leavesList, listMajorKey, schoolOf, sheetsOf } from './roles';
import { tableTotal } from './sheet-rules';
import type { Occurrence, RowState, SheetModel, WorkbookEmit, WorkbookModel, WorkbookRule } from './types';

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
  check(wb, ctx, emit) {
    const kinds = new Set(wb.sheets.filter((s) => listsRule(s, 'wb-id-unique')).map((s) => s.kind.id));
    for (const kindId of kinds) {
      for (const key of wb.ids(kindId).duplicates()) idDuplicates(wb, kindId, key, emit);
    }
  },
  keyed: {
    index: 'ids',
    checkKey(wb, _ctx, kindId, key, emit) {
      if (wb.sheets.some((s) => s.kind.id === kindId && listsRule(s, 'wb-id-unique'))) idDuplicates(wb, kindId, key, emit);
    },
  },
};

function idDuplicates(wb: WorkbookModel, kindId: string, key: string, emit: WorkbookEmit): void {
  const occ = ordered(wb.ids(kindId).get(key) ?? []);
  if (occ.length < 2) return;
  occ.forEach((o, n) => {
    const other = n === 0 ? occ[1] : occ[0];
    if (!other) return;
    const col = o.sheet.column(keyOfType(o.sheet, 'id-number'));
    const otherCol = other.sheet.column(keyOfType(other.sheet, 'id-number'));
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

/** `cert-duplicate`: one certificate number used twice anywhere in the workbook. */
export const wbCertificateUnique: WorkbookRule = {
  id: 'wb-certificate-unique',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    for (const key of wb.certs.duplicates()) certDuplicates(wb, key, emit);
  },
  keyed: {
    index: 'certs',
    checkKey(wb, _ctx, _scope, key, emit) {
      certDuplicates(wb, key, emit);
    },
  },
};

function certDuplicates(wb: WorkbookModel, key: string, emit: WorkbookEmit): void {
  const occ = ordered(wb.certs.get(key) ?? []);
  occ.forEach((o, n) => {
    const other = n === 0 ? occ[1] : occ[0];
    if (!other) return;
    emit(
      o.sheet,
      o.state.row,
      o.sheet.column(keyOfType(o.sheet, 'certificate-number')),
      finding('cert-duplicate', {
        number: key,
        otherSheet: other.sheet.name,
        otherAddress: toA1(other.state.row, other.sheet.column(keyOfType(other.sheet, 'certificate-number'))),
      }),
    );
  });
}

/**
 * `receipt-total-mismatch`: the range summary's total (附件3 毕业生总数) = the receipt's (附件1; the row of the
 * same school, or its only row).
 */
export const wbReceiptTotal: WorkbookRule = {
  id: 'wb-receipt-total',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const role = wb.pack.roles.receipt;
    const receipts = sheetsOf(wb, role);
    if (!role || receipts.length === 0) return;
    for (const att3 of sheetsOf(wb, wb.pack.roles.ranges)) {
      const total = tableTotal(att3);
      if (!total || total.value === null) continue;
      const school = schoolOf(att3) !== '' ? valueKey(schoolOf(att3)) : null;
      const candidates: { sheet: SheetModel; st: RowState }[] = [];
      for (const r of receipts) for (const st of r.rows) if (!st.blank) candidates.push({ sheet: r, st });
      let match = school
        ? candidates.find((c) => valueKey(c.st.texts[c.sheet.spec(role.school)] ?? '') === school)
        : undefined;
      if (!match && candidates.length === 1) match = candidates[0];
      if (!match) continue;
      const gi = match.sheet.spec(role.total);
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
          receiptName: match.sheet.kind.attachment,
          receiptAddress: toA1(match.st.row, match.sheet.column(role.total)),
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

/** How two values of a column type compare (dates by year and month, 学制 by length, else as text). */
function sameByType(type: string): (a: string, b: string) => boolean {
  if (type === 'date') return sameDate;
  if (type === 'school-length') {
    return (a, b) => {
      const la = parseSchoolLength(a);
      const lb = parseSchoolLength(b);
      return la !== null && lb !== null ? la === lb : valueKey(a) === valueKey(b);
    };
  }
  return (a, b) => valueKey(a) === valueKey(b);
}

/**
 * Range summary ↔ graduate list (附件3 ↔ 附件2): per major, the `sameAsList` columns (入学时间/学制/教学形式)
 * equal the meta lines of the list sheet of that major (`major-mismatch`, `major-not-found`), the count
 * (毕业人数) = the students listed there (`graduates-count-mismatch`), and every listed major is summarised
 * (`major-not-summarized`).
 */
export const wbRangesList: WorkbookRule = {
  id: 'wb-ranges-list',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const ranges = wb.pack.roles.ranges;
    const list = wb.pack.roles.graduates;
    const att3s = sheetsOf(wb, ranges);
    const att2s = sheetsOf(wb, list);
    if (!ranges || !list?.majorMeta || att3s.length === 0 || att2s.length === 0) return;
    const majorMeta = list.majorMeta;
    const listName = (att2s[0] as SheetModel).kind.attachment;
    const rangesName = (att3s[0] as SheetModel).kind.attachment;
    const byMajor = new Map<string, SheetModel[]>();
    for (const s of att2s) {
      const m = s.meta[majorMeta];
      if (typeof m !== 'string' && typeof m !== 'number') continue;
      const k = valueKey(String(m));
      byMajor.set(k, [...(byMajor.get(k) ?? []), s]);
    }
    const summarized = new Set<string>();
    for (const att3 of att3s) {
      const mi = att3.spec(ranges.major);
      for (const st of att3.rows) {
        if (st.blank) continue;
        const major = st.texts[mi] ?? '';
        if (major === '') continue;
        const k = valueKey(major);
        summarized.add(k);
        const sheets = byMajor.get(k);
        if (!sheets || sheets.length === 0) {
          emit(att3, st.row, att3.column(ranges.major), finding('major-not-found', { major, listName }));
          continue;
        }
        const first = sheets[0] as SheetModel;
        for (const key of ranges.sameAsList ?? []) {
          const col = att3.column(key);
          const spec = att3.kind.columns[att3.spec(key)];
          const cell = st.cells[att3.spec(key)];
          // A real Excel date in 附件3 (its text is the serial, e.g. 43709) compares by its date.
          const typed = spec?.type === 'date' && typeof cell?.value === 'number' ? parseDate(cell) : null;
          const value = typed ? `${typed.year}-${String(typed.month ?? 1).padStart(2, '0')}` : (st.texts[att3.spec(key)] ?? '');
          const expectedRaw = first.meta[key];
          if (!col || !spec || value === '' || expectedRaw === undefined || expectedRaw === null) continue;
          const expected = typeof expectedRaw === 'number' && spec.type === 'date'
            ? (() => {
                const d = parseDate({ value: expectedRaw, type: 'date' });
                return d ? `${d.year}-${String(d.month ?? 1).padStart(2, '0')}` : String(expectedRaw);
              })()
            : cellText({ value: expectedRaw }).trim();
          const field = spec.header.replace(/\s+/g, '');
          if (!sameByType(spec.type)(value, expected)) emit(att3, st.row, col, finding('major-mismatch', { field, value, expected, sheet: first.name, listName }));
        }
        const gi = att3.spec(ranges.count);
        const graduates = parseInteger(st.cells[gi]);
        const listed = sheets.reduce((n, s) => n + listedCount(s), 0);
        if (graduates !== null && att3.column(ranges.count) && graduates !== listed) {
          emit(
            att3,
            st.row,
            att3.column(ranges.count),
            finding('graduates-count-mismatch', { graduates, listed, sheet: sheets.map((s) => s.name).join('、'), listName }, listed),
          );
        }
      }
    }
    for (const [k, sheets] of byMajor) {
      if (summarized.has(k)) continue;
      for (const s of sheets) {
        const at = s.metaCell(majorMeta);
        if (!at) continue;
        emit(s, at.row, at.column, finding('major-not-summarized', { major: String(s.meta[majorMeta]), sheet: s.name, listName, rangesName }));
      }
    }
  },
};

/** Where a change row is, for messages pointing back at it. */
function changeWhere(sheet: SheetModel, role: ChangesRole, st: RowState): { changeSheet: string; changeAddress: string; changesName: string } {
  return { changeSheet: sheet.name, changeAddress: toA1(st.row, sheet.column(role.type)), changesName: sheet.kind.attachment };
}

/**
 * Status changes ↔ graduate list (附件4 ↔ 附件2): a changed ID or name appears on the list in its new form
 * (the old one is an error whose fix is the new value); a student whose LAST change (last row of that
 * student) takes them off the list (effects `suspend`, `transfer-out`: 休学, 转出) is not on it. Students
 * are matched by ID (the changes' ID column holds the new ID).
 */
export const wbChangesList: WorkbookRule = {
  id: 'wb-changes-list',
  scope: 'workbook',
  check(wb, ctx, emit) {
    const role = wb.pack.roles.changes;
    const list = wb.pack.roles.graduates;
    const changes = sheetsOf(wb, role);
    if (!role || !list || changes.length === 0 || sheetsOf(wb, list).length === 0) return;
    const att2 = wb.ids(list.kind);
    const last = new Map<string, { sheet: SheetModel; st: RowState; effect: ChangeEffect | null }>();
    for (const sheet of changes) {
      for (const st of sheet.rows) {
        if (st.blank) continue;
        const change = changeEffect(sheet, role, st);
        if (!change) continue;
        const before = st.texts[sheet.spec(role.before)] ?? '';
        const after = st.texts[sheet.spec(role.after)] ?? '';
        const where = changeWhere(sheet, role, st);
        if (change.effect === 'id-number' && before !== '') {
          const oldKey = checkIdNumber({ value: before }, { today: ctx.today }).normalized ?? valueKey(before).toUpperCase();
          const newId = checkIdNumber({ value: after }, { today: ctx.today }).normalized ?? after;
          if (oldKey !== newId) {
            for (const o of att2.get(oldKey) ?? []) {
              emit(o.sheet, o.state.row, o.sheet.column(list.idNumber), finding('id-changed-old-on-list', { oldId: oldKey, newId, ...where, listName: o.sheet.kind.attachment }, newId));
            }
          }
        }
        if (st.idKey === null) continue;
        if (change.effect === 'name' && before !== '' && after !== '') {
          for (const o of att2.get(st.idKey) ?? []) {
            const name = o.state.texts[o.sheet.spec(list.name)] ?? '';
            if (valueKey(name) === valueKey(before) && valueKey(name) !== valueKey(after)) {
              emit(o.sheet, o.state.row, o.sheet.column(list.name), finding('name-changed-old-on-list', { oldName: before, newName: after, ...where, listName: o.sheet.kind.attachment }, after));
            }
          }
        }
        last.set(st.idKey, { sheet, st, effect: change.effect });
      }
    }
    for (const [key, change] of last) {
      if (!leavesList(change.effect)) continue;
      const code = change.effect === 'suspend' ? 'suspended-listed' : 'transferred-out-listed';
      for (const o of att2.get(key) ?? []) {
        const name = o.state.texts[o.sheet.spec(list.name)] ?? '';
        emit(o.sheet, o.state.row, o.sheet.column(list.idNumber), finding(code, { name, ...changeWhere(change.sheet, role, change.st) }));
      }
    }
  },
};

/**
 * `cert-out-of-declared-range`: a graduate-list certificate number lies inside the 起止号 that the range
 * summary declares for the sheet's major. Only when no `allocatedRanges` option is given (the allocated
 * ranges are the authority then, see `sheet-certificates`). A major with several summary rows accepts any
 * of their ranges; an unreadable 起止号 is already `range-format` and declares nothing.
 */
export const wbDeclaredRanges: WorkbookRule = {
  id: 'wb-declared-ranges',
  scope: 'workbook',
  check(wb, ctx, emit) {
    if (ctx.allocatedRanges.length > 0) return;
    const role = wb.pack.roles.ranges;
    const list = wb.pack.roles.graduates;
    const att3s = sheetsOf(wb, role);
    const att2s = sheetsOf(wb, list);
    if (!role || !list?.certificateNumber || !list.majorMeta || att3s.length === 0 || att2s.length === 0) return;
    interface Declared {
      start: string;
      end: string;
      sheet: SheetModel;
      row: number;
    }
    const declared = new Map<string, Declared[]>();
    for (const att3 of att3s) {
      const mi = att3.spec(role.major);
      const ri = att3.spec(role.range);
      if (mi < 0 || ri < 0 || !att3.column(role.range)) continue;
      for (const st of att3.rows) {
        if (st.blank) continue;
        const major = st.texts[mi] ?? '';
        const text = st.texts[ri] ?? '';
        if (major === '' || text === '') continue;
        const range = parseRange(text, att3.pack.certificatePrefix);
        if (!range) continue;
        const k = valueKey(major);
        const found = declared.get(k);
        const d = { start: range.startText, end: range.endText, sheet: att3, row: st.row };
        if (found) found.push(d);
        else declared.set(k, [d]);
      }
    }
    if (declared.size === 0) return;
    for (const sheet of att2s) {
      const col = sheet.column(list.certificateNumber);
      const k = listMajorKey(sheet);
      const ranges = k === null ? undefined : declared.get(k);
      if (!col || !ranges) continue;
      const major = String(sheet.meta[list.majorMeta]);
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
            rangesName: first.sheet.kind.attachment,
            listName: sheet.kind.attachment,
            rangeAddress: toA1(first.row, first.sheet.column(role.range)),
          }),
        );
      }
    }
  },
};

/** One readable change row: its type, effect and the student's ID key. */
interface ChangeRow {
  sheet: SheetModel;
  st: RowState;
  effect: ChangeEffect | null;
  key: string;
  before: string;
  after: string;
}

/** Readable change rows in workbook order (rows without a known type or an ID are left out). */
function changeRows(wb: WorkbookModel, role: ChangesRole): ChangeRow[] {
  const out: ChangeRow[] = [];
  for (const sheet of wb.byKind(role.kind)) {
    const bi = sheet.spec(role.before);
    const ai = sheet.spec(role.after);
    for (const st of sheet.rows) {
      if (st.blank || st.idKey === null) continue;
      const change = changeEffect(sheet, role, st);
      if (!change) continue;
      out.push({ sheet, st, effect: change.effect, key: st.idKey, before: st.texts[bi] ?? '', after: st.texts[ai] ?? '' });
    }
  }
  return out;
}

/**
 * Change of major ↔ graduate list (转专业 ↔ 附件2): a student whose major changed is listed on the list sheet
 * of the NEW major (异动后). Listed on the sheet of an old major (异动前 of any of the student's changes of
 * major, other than the final one) is an error at that list row (`transfer-major-old-sheet`); on no list
 * sheet at all, a warning at the change row (`transfer-major-missing`). Students whose last change takes
 * them off the list are left to `wb-changes-list`.
 */
export const wbTransferMajor: WorkbookRule = {
  id: 'wb-transfer-major',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const role = wb.pack.roles.changes;
    const list = wb.pack.roles.graduates;
    if (!role || !list || sheetsOf(wb, list).length === 0) return;
    const rows = changeRows(wb, role);
    if (rows.length === 0) return;
    const last = new Map<string, ChangeRow>();
    const transfers = new Map<string, ChangeRow[]>();
    for (const c of rows) {
      last.set(c.key, c);
      if (c.effect !== 'major' || c.after === '') continue;
      const found = transfers.get(c.key);
      if (found) found.push(c);
      else transfers.set(c.key, [c]);
    }
    const att2 = wb.ids(list.kind);
    for (const [key, changes] of transfers) {
      if (leavesList(last.get(key)?.effect)) continue;
      const final = changes[changes.length - 1] as ChangeRow;
      const newKey = valueKey(final.after);
      const old = new Set<string>();
      for (const c of changes) {
        if (c.before !== '') old.add(valueKey(c.before));
        old.add(valueKey(c.after));
      }
      old.delete(newKey);
      const where = changeWhere(final.sheet, role, final.st);
      const listed = att2.get(key) ?? [];
      if (listed.length === 0) {
        const at = final.sheet.column(role.idNumber) || final.sheet.column(role.type);
        const name = final.st.texts[final.sheet.spec(role.name)] ?? '';
        emit(final.sheet, final.st.row, at, finding('transfer-major-missing', { name, oldMajor: final.before, newMajor: final.after, listName: attachmentOf(wb, list) }));
        continue;
      }
      for (const o of listed) {
        const k = listMajorKey(o.sheet);
        if (k === null || !old.has(k)) continue;
        const name = o.state.texts[o.sheet.spec(list.name)] ?? '';
        emit(
          o.sheet,
          o.state.row,
          o.sheet.column(list.idNumber),
          finding('transfer-major-old-sheet', {
            name,
            sheetMajor: String(o.sheet.meta[list.majorMeta ?? '']),
            oldMajor: final.before,
            newMajor: final.after,
            ...where,
            listName: o.sheet.kind.attachment,
          }),
        );
      }
    }
  },
};

/**
 * `change-grade-not-graduating`: for a change row of a student who is also on the graduate list, 年级 (a
 * cohort such as 2020级) + 学制 reaches the graduation year. For `repeat`/`resume` (留级/复学) the cohort in
 * 异动后 (the one the student moves to) counts when it is readable, and the warning sits there. A grade
 * level (高二) says nothing about the year and is skipped.
 */
export const wbChangeGrade: WorkbookRule = {
  id: 'wb-change-grade',
  scope: 'workbook',
  check(wb, ctx, emit) {
    const role = wb.pack.roles.changes;
    const list = wb.pack.roles.graduates;
    if (!role?.grade || !role.schoolLength || !list || sheetsOf(wb, list).length === 0) return;
    const att2 = wb.ids(list.kind);
    for (const sheet of wb.byKind(role.kind)) {
      const gi = sheet.spec(role.grade);
      const li = sheet.spec(role.schoolLength);
      const ai = sheet.spec(role.after);
      if (gi < 0 || li < 0 || !sheet.column(role.grade)) continue;
      for (const st of sheet.rows) {
        if (st.blank || st.idKey === null) continue;
        // 留级 / 复学 name the cohort the student moves to in 异动后: that one counts when it is readable.
        const effect = changeEffect(sheet, role, st)?.effect;
        const moved = (effect === 'repeat' || effect === 'resume') && ai >= 0 ? (st.texts[ai] ?? '') : '';
        const fromAfter = moved !== '' && parseCohort(moved) !== null;
        const grade = fromAfter ? moved : (st.texts[gi] ?? '');
        const col = fromAfter ? sheet.column(role.after) : sheet.column(role.grade);
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
            listName: o.sheet.kind.attachment,
            listAddress: toA1(o.state.row, o.sheet.column(list.idNumber)),
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
  wbRangesList,
  wbChangesList,
  wbDeclaredRanges,
  wbTransferMajor,
  wbChangeGrade,
];
