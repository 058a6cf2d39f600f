/**
 * Guangxi's own rules for 附件5, the table a college fills with the students it took from 中职 schools: one
 * table per source school (一校一表), and its students on that school's graduate list (附件2).
 */
import { toA1 } from '../../grid/address';
import { finding } from '../../rules/checks';
import { listById, metaText } from '../../rules/roles';
import type { SheetRule, WorkbookModel, WorkbookRule } from '../../rules/types';
import { stripSpaces, valueKey } from '../../text/normalize';

/** 附件5's kind id (./sheets.ts). */
const COLLEGE_KIND = 'att5';

/** `source-school-mixed`: several 来源中职学校 on one 附件5 sheet. */
export const sheetOneSourceSchool: SheetRule = {
  id: 'sheet-one-source-school',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const col = sheet.column('sourceSchool');
    const i = sheet.spec('sourceSchool');
    if (!col) return;
    const counts = new Map<string, { n: number; text: string }>();
    for (const st of sheet.rows) {
      const t = st.texts[i] ?? '';
      if (st.blank || t === '') continue;
      const k = valueKey(t);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { n: 1, text: t });
    }
    if (counts.size < 2) return;
    let major: { k: string; n: number; text: string } | null = null;
    for (const [k, c] of counts) if (!major || c.n > major.n) major = { k, ...c };
    if (!major) return;
    for (const st of sheet.rows) {
      const t = st.texts[i] ?? '';
      if (st.blank || t === '' || valueKey(t) === major.k) continue;
      emit(st.row, col, finding('source-school-mixed', { school: t, expected: major.text }));
    }
  },
};

/** This school's name as the workbook states it (the graduate list's 学校名称 line, else the receipt's). */
function schoolName(wb: WorkbookModel): string {
  const { graduates, receipt, schoolMeta } = wb.pack.roles;
  for (const sheet of graduates && schoolMeta ? wb.byKind(graduates.kind) : []) {
    const name = metaText(sheet, schoolMeta ?? '').replace(/[（(]?盖章[)）]?/g, '');
    if (stripSpaces(name) !== '') return name;
  }
  for (const sheet of receipt ? wb.byKind(receipt.kind) : []) {
    for (const state of sheet.rows) {
      const name = state.texts[sheet.spec(receipt?.school ?? '')] ?? '';
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
    const list = wb.pack.roles.graduates;
    const colleges = wb.byKind(COLLEGE_KIND);
    if (!list || colleges.length === 0 || wb.byKind(list.kind).length === 0) return;
    const school = schoolName(wb);
    const listed = listById(wb, list);
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
        const listName = entry.state.texts[entry.sheet.spec(list.name)] ?? '';
        if (name !== '' && listName !== '' && valueKey(name) !== valueKey(listName)) {
          emit(sheet, state.row, sheet.column('name'), finding('college-name-mismatch', {
            name,
            listName,
            listSheet: entry.sheet.name,
            listAddress: toA1(entry.state.row, entry.sheet.column(list.name)),
          }));
        }
      }
    }
  },
};

export const gxZzRules = [sheetOneSourceSchool, wbCollegeList];
