/** The school's workbook for the round trip: 附件2 (one major, five graduates) and 附件3, filled correctly. */
import type { CellValue, WorkbookGrid } from '../../../core/grid/cell';
import { ATT2_META, att2Row, filledSheet } from '../../../core/templates/testing';

export const MAJOR = ATT2_META.major;
export const GRADUATES = 5;

export function schoolWorkbook(overrides: Record<number, Record<string, CellValue>> = {}, schoolName = ATT2_META.schoolName): WorkbookGrid {
  const rows = Array.from({ length: GRADUATES }, (_, i) => att2Row(i, overrides[i] ?? {}));
  return {
    sheets: [
      filledSheet('att2', { name: `附件2-${MAJOR}`, meta: { ...ATT2_META, schoolName }, rows }),
      filledSheet('att3', {
        name: '附件3',
        meta: { schoolName },
        rows: [{ graduateTotal: GRADUATES, major: MAJOR, enrollmentDate: ATT2_META.enrollmentDate, schoolLength: '3年', teachingForm: '全日制', graduates: GRADUATES }],
      }),
    ],
  };
}

/** As plain values (what a FakePort or the stand-in takes). */
export function values(workbook: WorkbookGrid): Record<string, CellValue[][]> {
  return Object.fromEntries(workbook.sheets.map((s) => [s.name, s.rows.map((r) => r.map((c) => c?.value ?? null))]));
}
