/** Hubei 普通高中 毕业校验 — yearly (届): `hbPg(2018)` is the 2018 campaign. */
import type { TemplatePackSpec } from '../../templates/types';
import { hbPgIssues } from './issues';
import { hbPgRoles } from './roles';
import { rowConclusion } from './rules';
import { hbCheck } from './sheets';

export const HB_PG = 'hb-pg';

const made = new Map<number, TemplatePackSpec>();

/** The pack at one year; one object per year (detection caches per sheet kind object). */
export function hbPg(year: number): TemplatePackSpec {
  const known = made.get(year);
  if (known) return known;
  const pack: TemplatePackSpec = {
    id: `${HB_PG}-${year}`,
    family: HB_PG,
    name: `湖北普通高中 ${year} 届毕业校验`,
    region: '湖北省',
    level: '普通高中',
    graduationYear: year,
    sheetKinds: [hbCheck(year)],
    workbookRules: [],
    roles: hbPgRoles,
    rules: [rowConclusion],
    issues: hbPgIssues,
    ageRange: { min: 14, max: 30 },
    cohort: { entryAge: { min: 12, max: 20 }, programYears: { min: 3, max: 3 } },
    options: [
      {
        key: 'pilot',
        label: '新版综合素质评价试点地区',
        description: '试点地区只校验学分完成、体质健康达标两方面（不校验思想品德与公民素养）。',
        default: false,
        metaKey: 'evaluationSystem',
        metaValues: ['新版', '试点'],
      },
    ],
  };
  made.set(year, pack);
  return pack;
}

export const hbPg2018 = hbPg(2018);
export { HB_CREDITS_REQUIRED } from './rules';
export { hbCheck } from './sheets';
