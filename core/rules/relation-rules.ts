/**
 * Relations between the change list and the graduate list checked in the direction the older rules did not
 * (issue #15), and the campaign-year checks. The rules find sheets, columns and change types through the
 * pack's roles (core/templates/roles.ts), so any pack with a graduate list and a change list gets them.
 *
 * The list of relations, one line each, is in core/templates/README.md ("Relations checked").
 */
import { cellText, type Cell } from '../grid/cell';
import type { ChangeEffect, ChangesRole } from '../templates/roles';
import type { ColumnType } from '../templates/types';
import { cleanText, stripSpaces, valueKey } from '../text/normalize';
import { parseCohort, parseDate, parseSchoolLength } from '../text/parse';
import { finding } from './checks';
import { changeEffect, leavesList, listById, metaText } from './roles';
import type { CellRule, RowState, SheetModel, SheetRule, WorkbookRule } from './types';

/** Effects after which the student graduates with this school, so belongs on the list. */
const STAYS_ON_LIST: readonly ChangeEffect[] = ['transfer-in', 'resume'];

function text(sheet: SheetModel, state: RowState, key: string | undefined): string {
  return key ? (state.texts[sheet.spec(key)] ?? '') : '';
}

/** False only when the row's grade (a cohort) + school length is readable and lies after the graduation year. */
function mayGraduate(sheet: SheetModel, role: ChangesRole, state: RowState, graduationYear: number): boolean {
  const cohort = parseCohort(text(sheet, state, role.grade));
  const length = parseSchoolLength(text(sheet, state, role.schoolLength));
  return cohort === null || length === null || cohort + length <= graduationYear;
}

/** Key of the sheet kind's first meta line of a type ('' when none). */
function metaKeyOfType(sheet: SheetModel, type: ColumnType): string {
  return sheet.kind.meta.find((m) => m.type === type)?.key ?? '';
}

/**
 * Change list → graduate list: a student whose last change is a transfer-in or a resume is on the list; the
 * last row's school length and major agree with the list sheet the student is on; a school-length change's
 * after is that sheet's school length.
 */
export const wbChangesImplyList: WorkbookRule = {
  id: 'wb-changes-imply-list',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const role = wb.pack.roles.changes;
    const list = wb.pack.roles.graduates;
    if (!role || !list) return;
    const changes = wb.byKind(role.kind);
    if (changes.length === 0 || wb.byKind(list.kind).length === 0) return;
    const listed = listById(wb, list);
    const last = new Map<string, { sheet: SheetModel; state: RowState; type: string; effect: ChangeEffect | null }>();
    const majorChanged = new Set<string>();
    for (const sheet of changes) {
      for (const state of sheet.rows) {
        if (state.blank || state.idKey === null) continue;
        const change = changeEffect(sheet, role, state);
        if (!change) continue;
        last.set(state.idKey, { sheet, state, ...change });
        if (change.effect === 'major') majorChanged.add(state.idKey);
        const entry = listed.get(state.idKey);
        if (change.effect === 'school-length' && entry) {
          const lengthMeta = metaKeyOfType(entry.sheet, 'school-length');
          const after = parseSchoolLength(text(sheet, state, role.after));
          const listLength = parseSchoolLength(metaText(entry.sheet, lengthMeta));
          if (after !== null && listLength !== null && after !== listLength) {
            emit(sheet, state.row, sheet.column(role.after), finding('change-length-list-mismatch', {
              after: text(sheet, state, role.after),
              listLength: metaText(entry.sheet, lengthMeta),
              listSheet: entry.sheet.name,
            }));
          }
        }
      }
    }
    for (const [key, change] of last) {
      const { sheet, state, type, effect } = change;
      const entry = listed.get(key);
      const name = text(sheet, state, role.name);
      if (!entry) {
        if (effect !== null && STAYS_ON_LIST.includes(effect) && mayGraduate(sheet, role, state, wb.pack.graduationYear)) {
          emit(sheet, state.row, sheet.column(role.idNumber), finding('change-student-not-listed', { type, name }));
        }
        continue;
      }
      // Students who left the list and major changes have their own rules (wb-changes-list, wb-transfer-major).
      if (leavesList(effect) || majorChanged.has(key)) continue;
      const where = { listSheet: entry.sheet.name };
      const major = text(sheet, state, role.major);
      const listMajor = metaText(entry.sheet, list.majorMeta ?? '');
      if (role.major && major !== '' && listMajor !== '' && valueKey(major) !== valueKey(listMajor)) {
        const field = sheet.kind.columns[sheet.spec(role.major)]?.header ?? '';
        emit(sheet, state.row, sheet.column(role.major), finding('change-list-mismatch', { field, value: major, listValue: listMajor, ...where }, listMajor));
      }
      const length = text(sheet, state, role.schoolLength);
      const listLength = metaText(entry.sheet, metaKeyOfType(entry.sheet, 'school-length'));
      const a = parseSchoolLength(length);
      const b = parseSchoolLength(listLength);
      if (role.schoolLength && effect !== 'school-length' && a !== null && b !== null && a !== b) {
        const field = sheet.kind.columns[sheet.spec(role.schoolLength)]?.header ?? '';
        emit(sheet, state.row, sheet.column(role.schoolLength), finding('change-list-mismatch', { field, value: length, listValue: listLength, ...where }, listLength));
      }
    }
  },
};

// --- campaign year ----------------------------------------------------------------------------------------

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching `text` with its campaign year replaced by any year; null when the text has no year. */
function yearPattern(text: string, year: number): RegExp | null {
  const key = valueKey(text);
  const y = String(year);
  const i = key.indexOf(y);
  if (i < 0) return null;
  return new RegExp(`^${escapeRegExp(key.slice(0, i))}((?:19|20)\\d\\d)${escapeRegExp(key.slice(i + y.length))}`);
}

/**
 * Year-bound texts above the data (the title, the certificate column's sub-header with its prefix) name the
 * campaign's year; a date filled in during the campaign (填报日期, 填写日期) lies in it or the year before.
 */
export const sheetCampaignYear: SheetRule = {
  id: 'sheet-campaign-year',
  scope: 'sheet',
  check(sheet, ctx, emit) {
    const year = sheet.pack.graduationYear;
    const patterns = [sheet.kind.title, sheet.pack.certificatePrefix ?? '']
      .map((t) => yearPattern(t, year))
      .filter((p): p is RegExp => p !== null);
    const grid = sheet.detection.grid;
    const lastRow = Math.min(sheet.detection.headerEnd, grid.rows.length);
    for (let r = 1; r <= lastRow; r++) {
      const cells = grid.rows[r - 1] ?? [];
      for (let c = 1; c <= cells.length; c++) {
        const cell = cells[c - 1];
        if (!cell || typeof cell.value !== 'string') continue;
        const key = valueKey(cell.value);
        for (const p of patterns) {
          const m = p.exec(key);
          const found = m?.[1];
          if (found === undefined || Number(found) === year) continue;
          const text = cleanText(cell.value);
          const fixed = text.includes(found) ? text.replace(found, String(year)) : undefined;
          emit(r, c, finding('year-mismatch', { found, expected: year, text }, fixed));
          break;
        }
      }
    }
    for (const f of [...sheet.kind.meta, ...sheet.kind.footer]) {
      if (!f.campaignDate) continue;
      const at = sheet.metaCell(f.key);
      const value = sheet.meta[f.key];
      if (!at || value === undefined || value === null || value === '') continue;
      const date = parseDate({ value } as Cell);
      if (!date) continue;
      const today = Number(ctx.today.slice(0, 4));
      if (date.year < year - 1 || date.year > Math.max(year, today)) {
        emit(at.row, at.column, finding('date-implausible', { label: f.label, value: cellText({ value } as Cell), year: date.year, expected: year }));
      }
    }
  },
};

// --- numbers typed as text ---------------------------------------------------------------------------------

const COUNT_WITH_UNIT = /^(\d{1,9})(人|名|个)$/;

/**
 * A count typed with its unit (`79人`) or in full-width digits is text to Excel: SUM skips it and the
 * bureau's import rejects it. Fix: the number.
 */
export const cellCountText: CellRule = {
  id: 'cell-count-text',
  scope: 'cell',
  types: ['integer'],
  check(row, i) {
    const v = row.state.cells[i]?.value;
    if (typeof v !== 'string') return;
    const raw = cleanText(v);
    const t = stripSpaces(raw.normalize('NFKC'));
    const m = COUNT_WITH_UNIT.exec(t) ?? (t !== raw && /^\d{1,9}$/.test(t) ? [t, t] : null);
    const digits = m?.[1];
    if (digits === undefined || Number(digits) <= 0) return;
    row.add(i, finding('number-as-text', { value: raw, fixed: Number(digits) }, Number(digits)));
  },
};

/** A 证书编号 typed with another year's prefix (`桂教中专毕字（2021）…`): fix = the campaign year's prefix. */
export const cellCertificateYear: CellRule = {
  id: 'cell-certificate-year',
  scope: 'cell',
  types: ['certificate-number'],
  check(row, i) {
    const prefix = row.sheet.pack.certificatePrefix;
    const v = row.state.cells[i]?.value;
    if (prefix === undefined || typeof v !== 'string') return;
    const year = row.sheet.pack.graduationYear;
    const found = yearPattern(prefix, year)?.exec(valueKey(v))?.[1];
    if (found === undefined || Number(found) === year) return;
    const text = cleanText(v);
    row.add(i, finding('year-mismatch', { found, expected: year, text }, text.includes(found) ? text.replace(found, String(year)) : undefined));
  },
};

export const relationRules = [wbChangesImplyList, sheetCampaignYear, cellCountText, cellCertificateYear];
