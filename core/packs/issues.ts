/**
 * Issue definitions of the built-in packs' own rules, beside the pack list (./index.ts): list a new pack's
 * `issues.ts` here too so its codes join the typed union (core/issues/catalogue.ts). Leaf imports only.
 */
import { gxZzIssues } from './gx-zz/issues';
import { hbPgIssues } from './hb-pg/issues';

export const packIssues = { ...gxZzIssues, ...hbPgIssues };
