/**
 * THE pack list. Adding a province is adding a folder beside this file and one line here (see
 * core/templates/README.md). A yearly notice is listed as a family: `gx-zz-2023` is `gxZz(2023)`.
 */
import type { TemplatePackSpec } from '../templates/types';
import { gxZz } from './gx-zz';
import { hbPg } from './hb-pg';

export interface PackFamily {
  /** `gx-zz`: pack ids are `${family}-${year}`. */
  family: string;
  /** The pack for one graduation year. */
  make(year: number): TemplatePackSpec;
  /** The years offered by default (detection, template lists), newest campaign first is not implied. */
  years: readonly number[];
}

export const packFamilies: readonly PackFamily[] = [
  { family: 'gx-zz', make: gxZz, years: [2022] },
  { family: 'hb-pg', make: hbPg, years: [2018] },
];
