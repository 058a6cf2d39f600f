/**
 * Relations the Guangxi notice implies, checked in the direction the older rules did not (issue #15), and the
 * campaign-year checks. Each rule reads the pack's facts (sheet kinds, column keys, change-type words) from
 * RELATION_FACTS below, so the rules can move into a pack folder with their facts.
 *
 * The list of relations, one line each, is in core/templates/README.md ("Relations checked").
 */
import { toA1 } from '../grid/address';
import { cellText, type Cell } from '../grid/cell';
import { cleanText, stripSpaces, valueKey } from '../text/normalize';
import { parseCohort, parseDate, parseSchoolLength } from '../text/parse';
import { finding, readOption } from './checks';
import type { CellRule, RowState, SheetModel, SheetRule, WorkbookModel, WorkbookRule } from './types';

/** Pack facts the relation rules read (Guangxi 中职 kinds and keys; another pack supplies its own). */
export const RELATION_FACTS = {
  list: 'att2',
  changes: 'att4',
  college: 'att5',
  receipt: 'att1',
  /** Change types after which the student graduates with this school, so belongs on the list. */
  staysOnList: ['转入', '复学'],
  lengthChange: '学制变更',
  majorChange: '转专业',
  /** Change types after which the student is not on the list (checked by wb-changes-att2). */
  leavesList: ['休学', '转出'],
} as const;

/** False only when the row's 年级 + 学制 is readable and lies after the graduation year. */
function mayGraduate(sheet: SheetModel, state: RowState, graduationYear: number): boolean {
  const cohort = parseCohort(state.texts[sheet.spec('grade')] ?? '');
  const length = parseSchoolLength(state.texts[sheet.spec('schoolLength')] ?? '');
  return cohort === null || length === null || cohort + length <= graduationYear;
}

interface ListEntry {
  sheet: SheetModel;
  state: RowState;
}

/** Students on the graduation list (附件2), by normalised ID. */
function listById(wb: WorkbookModel): Map<string, ListEntry> {
  const map = new Map<string, ListEntry>();
  for (const sheet of wb.byKind(RELATION_FACTS.list)) {
    for (const state of sheet.rows) if (!state.blank && state.idKey !== null && !map.has(state.idKey)) map.set(state.idKey, { sheet, state });
  }
  return map;
}

function metaText(sheet: SheetModel, key: string): string {
  const v = sheet.meta[key];
  return typeof v === 'string' || typeof v === 'number' ? cleanText(String(v)) : '';
}

/**
 * 附件4 → 附件2: a student whose last change is 转入/复学 is on the list; the last row's 学制 and 专业名称 agree
 * with the list sheet the student is on; a 学制变更's 异动后 is that sheet's 学制.
 */
export const wbChangesImplyList: WorkbookRule = {
  id: 'wb-changes-imply-list',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const changes = wb.byKind(RELATION_FACTS.changes);
    if (changes.length === 0 || wb.byKind(RELATION_FACTS.list).length === 0) return;
    const listed = listById(wb);
    const last = new Map<string, { sheet: SheetModel; state: RowState; type: string }>();
    const majorChanged = new Set<string>();
    for (const sheet of changes) {
      const ti = sheet.spec('changeType');
      const typeSpec = sheet.kind.columns[ti];
      if (!typeSpec) continue;
      for (const state of sheet.rows) {
        if (state.blank || state.idKey === null) continue;
        const type = readOption(state.texts[ti] ?? '', typeSpec);
        if (!type) continue;
        last.set(state.idKey, { sheet, state, type });
        if (type === RELATION_FACTS.majorChange) majorChanged.add(state.idKey);
        const entry = listed.get(state.idKey);
        if (type === RELATION_FACTS.lengthChange && entry) {
          const after = parseSchoolLength(state.texts[sheet.spec('after')] ?? '');
          const listLength = parseSchoolLength(metaText(entry.sheet, 'schoolLength'));
          if (after !== null && listLength !== null && after !== listLength) {
            emit(sheet, state.row, sheet.column('after'), finding('change-length-list-mismatch', {
              after: state.texts[sheet.spec('after')] ?? '',
              listLength: metaText(entry.sheet, 'schoolLength'),
              listSheet: entry.sheet.name,
            }));
          }
        }
      }
    }
    for (const [key, change] of last) {
      const { sheet, state, type } = change;
      const entry = listed.get(key);
      const name = state.texts[sheet.spec('name')] ?? '';
      if (!entry) {
        if ((RELATION_FACTS.staysOnList as readonly string[]).includes(type) && mayGraduate(sheet, state, wb.pack.graduationYear)) {
          emit(sheet, state.row, sheet.column('idNumber'), finding('change-student-not-listed', { type, name }));
        }
        continue;
      }
      // 休学/转出 students on the list and major changes have their own rules (wb-changes-att2, wb-transfer-major).
      if ((RELATION_FACTS.leavesList as readonly string[]).includes(type) || majorChanged.has(key)) continue;
      const where = { listSheet: entry.sheet.name };
      const major = state.texts[sheet.spec('major')] ?? '';
      const listMajor = metaText(entry.sheet, 'major');
      if (major !== '' && listMajor !== '' && valueKey(major) !== valueKey(listMajor)) {
        emit(sheet, state.row, sheet.column('major'), finding('change-list-mismatch', { field: '专业名称', value: major, listValue: listMajor, ...where }, listMajor));
      }
      const length = state.texts[sheet.spec('schoolLength')] ?? '';
      const listLength = metaText(entry.sheet, 'schoolLength');
      const a = parseSchoolLength(length);
      const b = parseSchoolLength(listLength);
      if (type !== RELATION_FACTS.lengthChange && a !== null && b !== null && a !== b) {
        emit(sheet, state.row, sheet.column('schoolLength'), finding('change-list-mismatch', { field: '学制', value: length, listValue: listLength, ...where }, listLength));
      }
    }
  },
};

/** This school's name as the workbook states it (附件2 学校名称 lines, else 附件1's 学校名称). */
function schoolName(wb: WorkbookModel): string {
  for (const sheet of wb.byKind(RELATION_FACTS.list)) {
    const name = metaText(sheet, 'schoolName').replace(/[（(]?盖章[)）]?/g, '');
    if (stripSpaces(name) !== '') return name;
  }
  for (const sheet of wb.byKind(RELATION_FACTS.receipt)) {
    for (const state of sheet.rows) {
      const name = state.texts[sheet.spec('schoolName')] ?? '';
      if (!state.blank && name !== '') return name;
    }
  }
  return '';
}

/** Same school, tolerating a short form (南宁市第一职业技术学校 vs 南宁一职 is NOT tolerated; 南宁市第一职业技术学校 vs 南宁市第一职业技术学校（盖章） is). */
function sameSchool(a: string, b: string): boolean {
  const x = valueKey(a);
  const y = valueKey(b);
  return x !== '' && y !== '' && (x === y || x.includes(y) || y.includes(x));
}

/**
 * 附件5 ↔ 附件2 (one workbook or submission): a student a college reports as from this school is on this
 * school's list (by ID, with the same name); a 附件5 row naming another school is flagged.
 */
export const wbCollegeList: WorkbookRule = {
  id: 'wb-college-list',
  scope: 'workbook',
  check(wb, _ctx, emit) {
    const colleges = wb.byKind(RELATION_FACTS.college);
    if (colleges.length === 0 || wb.byKind(RELATION_FACTS.list).length === 0) return;
    const school = schoolName(wb);
    const listed = listById(wb);
    for (const sheet of colleges) {
      const si = sheet.spec('sourceSchool');
      for (const state of sheet.rows) {
        if (state.blank) continue;
        const source = state.texts[si] ?? '';
        if (school !== '' && source !== '' && !sameSchool(source, school)) {
          emit(sheet, state.row, sheet.column('sourceSchool'), finding('college-other-school', { source, school }));
          continue;
        }
        if (state.idKey === null) continue;
        const entry = listed.get(state.idKey);
        const name = state.texts[sheet.spec('name')] ?? '';
        if (!entry) {
          emit(sheet, state.row, sheet.column('idNumber'), finding('college-student-not-listed', { name }));
          continue;
        }
        const listName = entry.state.texts[entry.sheet.spec('name')] ?? '';
        if (name !== '' && listName !== '' && valueKey(name) !== valueKey(listName)) {
          emit(sheet, state.row, sheet.column('name'), finding('college-name-mismatch', {
            name,
            listName,
            listSheet: entry.sheet.name,
            listAddress: toA1(entry.state.row, entry.sheet.column('name')),
          }));
        }
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

export const relationRules = [wbChangesImplyList, wbCollegeList, sheetCampaignYear, cellCountText, cellCertificateYear];
