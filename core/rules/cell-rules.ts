/** Cell rules: one cell of a data row, for the column types each declares. */
import { cellText } from '../grid/cell';
import { stripSpaces } from '../text/normalize';
import {
  checkCertificate,
  checkCredits,
  checkDate,
  checkEnum,
  checkEthnicity,
  checkGender,
  checkGrade,
  checkMobile,
  checkName,
  checkPhone,
  checkPositiveInteger,
  checkRange,
  checkSchoolLength,
  finding,
} from './checks';
import type { CellRule } from './types';

const header = (h: string): string => stripSpaces(h);

/** Required cells of a non-blank row are filled (ID columns report `id-empty` themselves). */
export const cellRequired: CellRule = {
  id: 'cell-required',
  scope: 'cell',
  types: 'all',
  check(row, i, spec) {
    if (!spec.required || spec.type === 'id-number' || spec.type === 'student-number' || spec.type === 'serial') return;
    if (!row.sheet.detection.columnOf[i]) return;
    if (row.state.texts[i] === '') row.add(i, finding('required-missing', { header: header(spec.header) }));
  },
};

export const cellName: CellRule = {
  id: 'cell-name',
  scope: 'cell',
  types: ['name'],
  check(row, i) {
    const cell = row.state.cells[i];
    if (!cell) return;
    const f = checkName(cellText(cell));
    if (f) row.add(i, f);
  },
};

export const cellGender: CellRule = {
  id: 'cell-gender',
  scope: 'cell',
  types: ['gender'],
  check(row, i) {
    const f = checkGender(row.state.texts[i] ?? '');
    if (f) row.add(i, f);
  },
};

/** Identity numbers via core/id: its findings are placed at the cell. */
export const cellId: CellRule = {
  id: 'cell-id',
  scope: 'cell',
  types: ['id-number'],
  check(row, i) {
    if (!row.sheet.detection.columnOf[i]) return;
    const result = row.idResult();
    if (!result) return;
    for (const f of result.findings) row.add(i, f);
  },
};

export const cellGrade: CellRule = {
  id: 'cell-grade',
  scope: 'cell',
  types: ['grade'],
  check(row, i, spec) {
    const f = checkGrade(row.state.cells[i], header(spec.header));
    if (f) row.add(i, f);
  },
};

export const cellInteger: CellRule = {
  id: 'cell-integer',
  scope: 'cell',
  types: ['integer'],
  check(row, i, spec) {
    const f = checkPositiveInteger(row.state.cells[i], header(spec.header));
    if (f) row.add(i, f);
  },
};

export const cellCredits: CellRule = {
  id: 'cell-credits',
  scope: 'cell',
  types: ['credits'],
  check(row, i) {
    const f = checkCredits(row.state.cells[i]);
    if (f) row.add(i, f);
  },
};

export const cellMobile: CellRule = {
  id: 'cell-mobile',
  scope: 'cell',
  types: ['mobile'],
  check(row, i, spec) {
    const f = checkMobile(row.state.cells[i], header(spec.header));
    if (f) row.add(i, f);
  },
};

export const cellPhone: CellRule = {
  id: 'cell-phone',
  scope: 'cell',
  types: ['phone'],
  check(row, i, spec) {
    const f = checkPhone(row.state.cells[i], header(spec.header));
    if (f) row.add(i, f);
  },
};

export const cellDate: CellRule = {
  id: 'cell-date',
  scope: 'cell',
  types: ['date'],
  check(row, i, spec) {
    const f = checkDate(row.state.cells[i], header(spec.header));
    if (f) row.add(i, f);
  },
};

export const cellSchoolLength: CellRule = {
  id: 'cell-school-length',
  scope: 'cell',
  types: ['school-length'],
  check(row, i) {
    const f = checkSchoolLength(row.state.cells[i]);
    if (f) row.add(i, f);
  },
};

export const cellEnum: CellRule = {
  id: 'cell-enum',
  scope: 'cell',
  types: ['enum'],
  check(row, i, spec) {
    const f = checkEnum(row.state.texts[i] ?? '', spec);
    if (f) row.add(i, f);
  },
};

export const cellEthnicity: CellRule = {
  id: 'cell-ethnicity',
  scope: 'cell',
  types: ['ethnicity'],
  check(row, i) {
    const f = checkEthnicity(row.state.texts[i] ?? '');
    if (f) row.add(i, f);
  },
};

export const cellCertificate: CellRule = {
  id: 'cell-certificate',
  scope: 'cell',
  types: ['certificate-number'],
  check(row, i) {
    const f = checkCertificate(row.state.cells[i], row.sheet.pack.certificatePrefix);
    if (f) row.add(i, f);
  },
};

export const cellRange: CellRule = {
  id: 'cell-range',
  scope: 'cell',
  types: ['certificate-range'],
  check(row, i) {
    const f = checkRange(row.state.cells[i], row.sheet.pack.certificatePrefix);
    if (f) row.add(i, f);
  },
};

export const cellRules: CellRule[] = [
  cellRequired,
  cellName,
  cellGender,
  cellId,
  cellGrade,
  cellInteger,
  cellCredits,
  cellMobile,
  cellPhone,
  cellDate,
  cellSchoolLength,
  cellEnum,
  cellEthnicity,
  cellCertificate,
  cellRange,
];
