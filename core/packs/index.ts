/**
 * THE pack list. Adding a province is adding a folder beside this file and one line here (see
 * core/packs/README.md). A yearly notice is listed as a family: `gx-zz-2023` is `gxZz(2023)`. A pack's
 * own issue definitions come with its line, so its codes join the typed union (core/issues/catalogue.ts).
 */
import type { IssueDefinitions } from '../issues/define';
import type { TemplatePackSpec } from '../templates/types';
import { gxZz } from './gx-zz';
import { gxZzIssues } from './gx-zz/issues';
import { hbPg } from './hb-pg';
import { hbPgIssues } from './hb-pg/issues';

export interface PackFamily {
  /** `gx-zz`: pack ids are `${family}-${year}`. */
  family: string;
  /** The pack for one graduation year. */
  make(year: number): TemplatePackSpec;
  /** The years offered by default (detection, template lists), newest campaign first is not implied. */
  years: readonly number[];
  /** The codes the pack's own rules emit (its `issues.ts`), when it has any. */
  issues?: IssueDefinitions;
}

export const packFamilies = [
  { family: 'gx-zz', make: gxZz, years: [2022], issues: gxZzIssues },
  { family: 'hb-pg', make: hbPg, years: [2018], issues: hbPgIssues },
] as const satisfies readonly PackFamily[];
