/** Small helpers the message templates share (quoting values, naming a cell on another sheet). */
import type { ParamsShape, ParamValue } from '../issues/define';

export const s = (v: ParamValue | undefined): string => (v === undefined ? '' : String(v));
/** “某值” quoted, or （空） for an empty value. */
export const q = (v: ParamValue | undefined): string => (v === undefined || v === '' ? '（空）' : `“${v}”`);
export const qe = (v: ParamValue | undefined): string => (v === undefined || v === '' ? '(empty)' : `"${v}"`);
export const at = (p: ParamsShape, sheetKey: string, addrKey: string): string =>
  p[sheetKey] !== undefined ? `工作表“${s(p[sheetKey])}”的 ${s(p[addrKey])}` : s(p[addrKey]);
export const atEn = (p: ParamsShape, sheetKey: string, addrKey: string): string =>
  p[sheetKey] !== undefined ? `${s(p[addrKey])} on sheet "${s(p[sheetKey])}"` : s(p[addrKey]);

/** What each role's sheets are called when a message has no attachment name (records stored before names were params). */
const ROLE_WORDS = {
  list: ['毕业生名单', 'the graduate list'],
  ranges: ['审核表', 'the range summary'],
  changes: ['异动表', 'the status-change list'],
  receipt: ['回执', 'the receipt'],
} as const;
type SheetRole = keyof typeof ROLE_WORDS;
/** The pack's attachment name of a role's sheets (附件2 in Guangxi), passed as a param by the rule. */
export const kind = (v: ParamValue | undefined, role: SheetRole): string => (v === undefined || v === '' ? ROLE_WORDS[role][0] : String(v));
export const kindEn = (v: ParamValue | undefined, role: SheetRole): string => (v === undefined || v === '' ? ROLE_WORDS[role][1] : String(v));
