/**
 * Status-change lists (Guangxi 附件4 毕业生异动情况汇总表): before/after semantics per EFFECT of a change type
 * (the pack's roles.changes.effects maps its own type words to these; DESIGN §3 for Guangxi's ten).
 *
 * | effect (Guangxi type) | checks |
 * |---|---|
 * | name (姓名) | 异动后 is a plausible name; the name column = 异动后 |
 * | gender (性别) | both 男/女; 异动后 agrees with the ID's 17th digit |
 * | id-number (身份证号码) | both checked with core/id (findings at those cells); the ID column = 异动后 |
 * | school-length (学制变更) | both readable lengths; the 学制 column = 异动后 |
 * | suspend / resume (休学 / 复学) | a warning when NEITHER side is a status word (roles.changes.statusWords) or a grade (2020级, 高二) |
 * | repeat (留级) | after is a LOWER grade (2019级 → 2020级, 二年级 → 一年级) |
 * | transfer-out (转出) | before = this school (roles.schoolMeta, when filled), after another school |
 * | transfer-in (转入) | before another school, after = this school |
 * | major (转专业) | the major column = 异动后 |
 * Every type: before and after differ.
 */
import { GENDER_ZH } from '../vocab/national';
import { checkIdNumber } from '../id';
import { valueKey } from '../text/normalize';
import { parseCohort, parseGradeLevel, parseSchoolLength } from '../text/parse';
import { checkName, finding, readGender } from './checks';
import { changeEffect, schoolOf } from './roles';
import type { RowCheck, RowRule } from './types';

function semantics(row: RowCheck, at: string, type: string, rule: string, params: Record<string, string | number> = {}, warning = false): void {
  row.add(at, finding('change-semantics', { type, rule, ...params }, undefined, warning ? 'warning' : undefined));
}

function columnMustBe(row: RowCheck, key: string, type: string, expected: string, same: (a: string, b: string) => boolean): void {
  if (!row.has(key)) return;
  const value = row.text(key);
  if (value === '' || same(value, expected)) return;
  const i = row.spec(key);
  const header = (row.sheet.kind.columns[i]?.header ?? key).replace(/\s+/g, '');
  row.add(key, finding('change-column-mismatch', { type, header, value, expected }, expected));
}

const sameText = (a: string, b: string): boolean => valueKey(a) === valueKey(b);

/**
 * A suspend/resume 异动前/异动后 is one of the pack's status words (a note in brackets after it is allowed:
 * 休学（病休）) or a grade (复学 names the grade the student returns to).
 */
export function readableStatus(text: string, statusWords: readonly string[]): boolean {
  const bare = valueKey(text).replace(/[（(][^）)]*[）)]$/, '');
  if (statusWords.includes(bare)) return true;
  return parseCohort(bare) !== null || parseGradeLevel(bare) !== null;
}

export const rowChange: RowRule = {
  id: 'row-change',
  scope: 'row',
  check(row) {
    const role = row.sheet.pack.roles.changes;
    if (!role) return;
    const change = changeEffect(row.sheet, role, row.state);
    const BEFORE = role.before;
    const AFTER = role.after;
    const before = row.text(BEFORE);
    const after = row.text(AFTER);
    if (!change || before === '' || after === '') return;
    const { type, effect } = change;
    if (sameText(before, after)) {
      semantics(row, AFTER, type, 'same', { value: after });
      return;
    }
    const school = schoolOf(row.sheet);
    switch (effect) {
      case 'name': {
        const f = checkName(after);
        if (f && f.code === 'name-format') semantics(row, AFTER, type, 'name-format', { value: after });
        columnMustBe(row, role.name, type, after, sameText);
        break;
      }
      case 'gender': {
        const b = readGender(before);
        const a = readGender(after);
        if (!b) semantics(row, BEFORE, type, 'gender-value', { value: before });
        if (!a) semantics(row, AFTER, type, 'gender-value', { value: after });
        const id = row.idResult();
        if (a && id?.gender && GENDER_ZH[id.gender] !== a) {
          semantics(row, AFTER, type, 'gender-id', { value: a, idGender: GENDER_ZH[id.gender] });
        }
        break;
      }
      case 'id-number': {
        const opts = { today: row.ctx.today };
        const b = checkIdNumber(row.cell(BEFORE), opts);
        const a = checkIdNumber(row.cell(AFTER), opts);
        for (const f of b.findings) row.add(BEFORE, f);
        for (const f of a.findings) row.add(AFTER, f);
        const expected = a.normalized ?? after;
        columnMustBe(row, role.idNumber, type, expected, (value, exp) => {
          const n = checkIdNumber({ value }, opts).normalized;
          return (n ?? valueKey(value).toUpperCase()) === exp;
        });
        break;
      }
      case 'school-length': {
        const b = parseSchoolLength(before);
        const a = parseSchoolLength(after);
        if (b === null) semantics(row, BEFORE, type, 'length-value', { value: before });
        if (a === null) semantics(row, AFTER, type, 'length-value', { value: after });
        if (a !== null && role.schoolLength) columnMustBe(row, role.schoolLength, type, after, (v) => parseSchoolLength(v) === a);
        break;
      }
      case 'repeat': {
        const cb = parseCohort(before);
        const ca = parseCohort(after);
        const lb = parseGradeLevel(before);
        const la = parseGradeLevel(after);
        if (cb !== null && ca !== null) {
          if (ca <= cb) semantics(row, AFTER, type, 'repeat-not-lower', { before, after });
        } else if (lb !== null && la !== null) {
          if (la >= lb) semantics(row, AFTER, type, 'repeat-not-lower', { before, after });
        } else {
          semantics(row, AFTER, type, 'repeat-unreadable', { before, after }, true);
        }
        break;
      }
      case 'transfer-out':
        if (school) {
          if (!sameText(before, school)) semantics(row, BEFORE, type, 'transfer-out-before', { school, value: before }, true);
          if (sameText(after, school)) semantics(row, AFTER, type, 'transfer-out-after', { school, value: after });
        }
        break;
      case 'transfer-in':
        if (school) {
          if (!sameText(after, school)) semantics(row, AFTER, type, 'transfer-in-after', { school, value: after }, true);
          if (sameText(before, school)) semantics(row, BEFORE, type, 'transfer-in-before', { school, value: before });
        }
        break;
      case 'major':
        if (role.major) columnMustBe(row, role.major, type, after, sameText);
        break;
      case 'suspend':
      case 'resume': {
        // Free enough (status, or the grade returned to); only when neither side can be read is it flagged.
        const words = role.statusWords ?? [];
        if (!readableStatus(before, words) && !readableStatus(after, words)) {
          row.add(AFTER, finding('change-status-unreadable', { type, before, after }));
        }
        break;
      }
        break;
      default:
        break;
    }
  },
};
