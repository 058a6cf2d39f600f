/**
 * Guangxi 中职 毕业证书验印 — a yearly notice: `gxZz(2023)` is the 2023 campaign (桂教中专毕字（2023）, the
 * 2023 titles, 2020级 cohort notes), not a copy. `gx-zz-2022` stays the id of the 2022 pack.
 */
import type { TemplatePackSpec } from '../../templates/types';
import { gxZzIssues } from './issues';
import { gxZzRoles } from './roles';
import { gxZzRules } from './rules';
import { gxCertPrefix, gxZzSheets } from './sheets';

export const GX_ZZ = 'gx-zz';

const made = new Map<number, TemplatePackSpec>();

/** The pack at one year; one object per year (detection caches per sheet kind object). */
export function gxZz(year: number): TemplatePackSpec {
  const known = made.get(year);
  if (known) return known;
  const pack: TemplatePackSpec = {
    id: `${GX_ZZ}-${year}`,
    family: GX_ZZ,
    name: `广西中职 ${year} 毕业证书验印`,
    region: '广西壮族自治区',
    level: '中等职业学校',
    graduationYear: year,
    certificatePrefix: gxCertPrefix(year),
    sheetKinds: gxZzSheets(year),
    workbookRules: ['wb-receipt-total', 'wb-ranges-list', 'wb-changes-list', 'wb-declared-ranges', 'wb-transfer-major', 'wb-change-grade', 'wb-changes-imply-list', 'wb-college-list'],
    roles: gxZzRoles,
    rules: gxZzRules,
    issues: gxZzIssues,
    ageRange: { min: 14, max: 60 },
    // 中职 takes 初中 leavers (~15) and some older students; a parent's number (born ~1970–1985) falls outside.
    cohort: { entryAge: { min: 12, max: 30 }, programYears: { min: 2, max: 5 }, entryDateMeta: 'enrollmentDate', lengthMeta: 'schoolLength' },
  };
  made.set(year, pack);
  return pack;
}

export const gxZz2022 = gxZz(2022);
/** 桂教中专毕字（2022）. */
export const GX_CERT_PREFIX = gxCertPrefix(2022);
export { CHANGE_TYPES, GRADE_WORDS, gxCertPrefix } from './sheets';
