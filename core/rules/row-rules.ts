/** Row rules: cells of one row that must agree. */
import { GENDER_ZH } from '../vocab/national';
import { checkStudentNumber } from '../id';
import { formatDate, parseDate, parseSchoolLength } from '../text/parse';
import { finding, readGender } from './checks';
import type { RowRule } from './types';

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
    const role = row.sheet.pack.roles.enrollment;
    if (!role || !row.has(role.date) || !row.has(role.schoolLength)) return;
    const d = parseDate(row.cell(role.date));
    const len = parseSchoolLength(row.text(role.schoolLength));
    if (!d || len === null) return;
    const earliest = d.year + Math.ceil(len);
    if (earliest > row.ctx.graduationYear) {
      row.add(
        role.date,
        finding('enrollment-too-late', {
          enrollment: row.text(role.date),
          length: len,
          earliest,
          graduationYear: row.ctx.graduationYear,
        }),
      );
    }
  },
};

export const rowRules: RowRule[] = [rowGenderId, rowBirthDateId, rowStudentNumber, rowEnrollment];
