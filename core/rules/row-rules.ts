/** Row rules: cells of one row that must agree. */
import { checkStudentNumber } from '../id';
import { valueKey } from '../text/normalize';
import { formatDate, parseDate, parseNumber, parseSchoolLength } from '../text/parse';
import { HB_CREDITS_REQUIRED } from '../templates/hb-pg-2018';
import { finding, readGender } from './checks';
import type { RowRule } from './types';

const GENDER_ZH = { male: '男', female: '女' } as const;

/** 性别 agrees with the ID's 17th digit. */
export const rowGenderId: RowRule = {
  id: 'row-gender-id',
  scope: 'row',
  check(row) {
    if (!row.has('gender')) return;
    const g = readGender(row.text('gender'));
    const id = row.idResult();
    if (!g || !id?.valid || !id.gender) return; // a broken ID says nothing reliable about gender
    const idGender = GENDER_ZH[id.gender];
    if (g !== idGender) row.add('gender', finding('gender-id-mismatch', { gender: g, idGender }));
  },
};

/** 出生日期 agrees with the birth date in the ID. */
export const rowBirthDateId: RowRule = {
  id: 'row-birth-date-id',
  scope: 'row',
  check(row) {
    if (!row.has('birthDate')) return;
    const d = parseDate(row.cell('birthDate'));
    const id = row.idResult();
    if (!d || !id?.valid || !id.birthDate) return;
    const mine = formatDate(d);
    if (!id.birthDate.startsWith(mine)) {
      row.add('birthDate', finding('birth-date-mismatch', { birthDate: row.text('birthDate'), idBirthDate: id.birthDate }));
    }
  },
};

/** 国家学籍号 via core/id (G + ID; L/J rules). */
export const rowStudentNumber: RowRule = {
  id: 'row-student-number',
  scope: 'row',
  check(row) {
    if (!row.has('studentNumber')) return;
    const id = row.idResult();
    const findings = checkStudentNumber(row.cell('studentNumber'), id?.valid ? id.normalized : null, { today: row.ctx.today });
    for (const f of findings) row.add('studentNumber', f);
  },
};

/** 入学时间 + 学制 reaches the graduation year (附件3 per-major rows; 附件2 uses its meta lines). */
export const rowEnrollment: RowRule = {
  id: 'row-enrollment',
  scope: 'row',
  check(row) {
    if (!row.has('enrollmentDate') || !row.has('schoolLength')) return;
    const d = parseDate(row.cell('enrollmentDate'));
    const len = parseSchoolLength(row.text('schoolLength'));
    if (!d || len === null) return;
    const earliest = d.year + Math.ceil(len);
    if (earliest > row.ctx.graduationYear) {
      row.add(
        'enrollmentDate',
        finding('enrollment-too-late', {
          enrollment: row.text('enrollmentDate'),
          length: len,
          earliest,
          graduationYear: row.ctx.graduationYear,
        }),
      );
    }
  },
};

const FITNESS_PASS = new Set(['达标', '优秀', '良好', '及格', '合格']);
const FITNESS_FAIL = new Set(['不达标', '不及格', '不合格']);

/**
 * Hubei: 结论 = 毕业 iff 学分 ≥ 144 and 思想品德与公民素养 合格 and 体质健康 达标; pilot areas (pack option
 * `pilot`, or the sheet's 评价系统 line saying 新版/试点) check credits and fitness only. When the moral
 * column is absent the rule checks credits and fitness.
 */
export const rowConclusion: RowRule = {
  id: 'row-conclusion',
  scope: 'row',
  check(row) {
    if (!row.has('conclusion') || !row.has('credits') || !row.has('fitness')) return;
    const pilot = row.sheet.options.pilot === true;
    const credits = parseNumber(row.cell('credits'));
    const fitness = valueKey(row.text('fitness'));
    const moralChecked = !pilot && row.has('moral');
    const moral = valueKey(row.text('moral'));
    if (moralChecked && moral === '') {
      row.add('moral', finding('required-missing', { header: '思想品德与公民素养' }));
      return;
    }
    if (credits === null || (!FITNESS_PASS.has(fitness) && !FITNESS_FAIL.has(fitness))) return;
    if (moralChecked && moral !== '合格' && moral !== '不合格') return;
    const reasons: string[] = [];
    if (credits < HB_CREDITS_REQUIRED) reasons.push(`学分 ${credits} < ${HB_CREDITS_REQUIRED}`);
    if (moralChecked && moral !== '合格') reasons.push('思想品德与公民素养不合格');
    if (!FITNESS_PASS.has(fitness)) reasons.push('体质健康未达标');
    const expected = reasons.length === 0 ? '毕业' : '结业';
    const conclusion = valueKey(row.text('conclusion'));
    if ((conclusion === '毕业' || conclusion === '结业') && conclusion !== expected) {
      const reason =
        reasons.length > 0
          ? reasons.join('，')
          : pilot
            ? `学分 ${credits} ≥ ${HB_CREDITS_REQUIRED}，体质健康达标（试点地区）`
            : `学分 ${credits} ≥ ${HB_CREDITS_REQUIRED}，思想品德与公民素养合格，体质健康达标`;
      row.add('conclusion', finding('conclusion-mismatch', { conclusion, expected, reason }, expected));
    }
  },
};

export const rowRules: RowRule[] = [rowGenderId, rowBirthDateId, rowStudentNumber, rowEnrollment, rowConclusion];
