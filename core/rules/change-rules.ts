/**
 * 附件4 毕业生异动情况汇总表: before/after semantics of the ten 异动类型 (DESIGN §3).
 *
 * | 类型 | checks |
 * |---|---|
 * | 姓名 | 异动后 is a plausible name; 姓名 column = 异动后 |
 * | 性别 | both 男/女; 异动后 agrees with the ID's 17th digit |
 * | 身份证号码 | both checked with core/id (findings at those cells); 身份证号码 column = 异动后 |
 * | 学制变更 | both readable lengths; 学制 column = 异动后 |
 * | 休学 / 复学 | before ≠ after; a warning when NEITHER side is a status word (在读/在校/休学/复学 …) or a grade (2020级, 高二) |
 * | 留级 | after is a LOWER grade (2019级 → 2020级, 二年级 → 一年级) |
 * | 转出 | before = this school (学校名称 line, when filled), after another school |
 * | 转入 | before another school, after = this school |
 * | 转专业 | 专业名称 column = 异动后 |
 * Every type: before and after differ.
 */
import { checkIdNumber } from '../id';
import { valueKey } from '../text/normalize';
import { parseCohort, parseGradeLevel, parseSchoolLength } from '../text/parse';
import { checkName, finding, readGender, readOption } from './checks';
import type { RowCheck, RowRule } from './types';

const GENDER_ZH = { male: '男', female: '女' } as const;

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

/** Status words a 休学/复学 异动前/异动后 may hold (a note in brackets after it is allowed: 休学（病休）). */
export const STATUS_WORDS = new Set(['在读', '在校', '在籍', '休学', '复学', '已复学', '已休学']);

/** 休学/复学 异动前/异动后 is a status word or a grade (复学 names the grade the student returns to). */
export function readableStatus(text: string): boolean {
  const bare = valueKey(text).replace(/[（(][^）)]*[）)]$/, '');
  if (STATUS_WORDS.has(bare)) return true;
  return parseCohort(bare) !== null || parseGradeLevel(bare) !== null;
}

export const rowChange: RowRule = {
  id: 'row-change',
  scope: 'row',
  check(row) {
    const typeSpec = row.sheet.kind.columns[row.spec('changeType')];
    if (!typeSpec) return;
    const type = readOption(row.text('changeType'), typeSpec);
    const before = row.text('before');
    const after = row.text('after');
    if (!type || before === '' || after === '') return;
    if (sameText(before, after)) {
      semantics(row, 'after', type, 'same', { value: after });
      return;
    }
    const school = typeof row.sheet.meta.schoolName === 'string' ? row.sheet.meta.schoolName : '';
    switch (type) {
      case '姓名': {
        const f = checkName(after);
        if (f && f.code === 'name-format') semantics(row, 'after', type, 'name-format', { value: after });
        columnMustBe(row, 'name', type, after, sameText);
        break;
      }
      case '性别': {
        const b = readGender(before);
        const a = readGender(after);
        if (!b) semantics(row, 'before', type, 'gender-value', { value: before });
        if (!a) semantics(row, 'after', type, 'gender-value', { value: after });
        const id = row.idResult();
        if (a && id?.gender && GENDER_ZH[id.gender] !== a) {
          semantics(row, 'after', type, 'gender-id', { value: a, idGender: GENDER_ZH[id.gender] });
        }
        break;
      }
      case '身份证号码': {
        const opts = { today: row.ctx.today };
        const b = checkIdNumber(row.cell('before'), opts);
        const a = checkIdNumber(row.cell('after'), opts);
        for (const f of b.findings) row.add('before', f);
        for (const f of a.findings) row.add('after', f);
        const expected = a.normalized ?? after;
        columnMustBe(row, 'idNumber', type, expected, (value, exp) => {
          const n = checkIdNumber({ value }, opts).normalized;
          return (n ?? valueKey(value).toUpperCase()) === exp;
        });
        break;
      }
      case '学制变更': {
        const b = parseSchoolLength(before);
        const a = parseSchoolLength(after);
        if (b === null) semantics(row, 'before', type, 'length-value', { value: before });
        if (a === null) semantics(row, 'after', type, 'length-value', { value: after });
        if (a !== null) columnMustBe(row, 'schoolLength', type, after, (v) => parseSchoolLength(v) === a);
        break;
      }
      case '留级': {
        const cb = parseCohort(before);
        const ca = parseCohort(after);
        const lb = parseGradeLevel(before);
        const la = parseGradeLevel(after);
        if (cb !== null && ca !== null) {
          if (ca <= cb) semantics(row, 'after', type, 'repeat-not-lower', { before, after });
        } else if (lb !== null && la !== null) {
          if (la >= lb) semantics(row, 'after', type, 'repeat-not-lower', { before, after });
        } else {
          semantics(row, 'after', type, 'repeat-unreadable', { before, after }, true);
        }
        break;
      }
      case '转出':
        if (school) {
          if (!sameText(before, school)) semantics(row, 'before', type, 'transfer-out-before', { school, value: before }, true);
          if (sameText(after, school)) semantics(row, 'after', type, 'transfer-out-after', { school, value: after });
        }
        break;
      case '转入':
        if (school) {
          if (!sameText(after, school)) semantics(row, 'after', type, 'transfer-in-after', { school, value: after }, true);
          if (sameText(before, school)) semantics(row, 'before', type, 'transfer-in-before', { school, value: before });
        }
        break;
      case '转专业':
        columnMustBe(row, 'major', type, after, sameText);
        break;
      case '休学':
      case '复学':
        // Free enough (status, or the grade returned to); only when neither side can be read is it flagged.
        if (!readableStatus(before) && !readableStatus(after)) {
          row.add('after', finding('change-status-unreadable', { type, before, after }));
        }
        break;
      default:
        break;
    }
  },
};
