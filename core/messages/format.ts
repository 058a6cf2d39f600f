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
