/** Guangxi's own rules: 附件5 is filled by a college, one table per source school (一校一表). */
import { finding } from '../../rules/checks';
import type { SheetRule } from '../../rules/types';
import { valueKey } from '../../text/normalize';

/** `source-school-mixed`: several 来源中职学校 on one 附件5 sheet. */
export const sheetOneSourceSchool: SheetRule = {
  id: 'sheet-one-source-school',
  scope: 'sheet',
  check(sheet, _ctx, emit) {
    const col = sheet.column('sourceSchool');
    const i = sheet.spec('sourceSchool');
    if (!col) return;
    const counts = new Map<string, { n: number; text: string }>();
    for (const st of sheet.rows) {
      const t = st.texts[i] ?? '';
      if (st.blank || t === '') continue;
      const k = valueKey(t);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { n: 1, text: t });
    }
    if (counts.size < 2) return;
    let major: { k: string; n: number; text: string } | null = null;
    for (const [k, c] of counts) if (!major || c.n > major.n) major = { k, ...c };
    if (!major) return;
    for (const st of sheet.rows) {
      const t = st.texts[i] ?? '';
      if (st.blank || t === '' || valueKey(t) === major.k) continue;
      emit(st.row, col, finding('source-school-mixed', { school: t, expected: major.text }));
    }
  },
};

export const gxZzRules = [sheetOneSourceSchool];
