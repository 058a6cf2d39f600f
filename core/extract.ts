/**
 * Records from a validated workbook, in the form the server stores submissions: per recognised sheet its
 * meta lines and one `fields` object per non-blank data row, keyed by the pack's column keys.
 */
import type { CellValue, WorkbookGrid } from './grid/cell';
import type { ValidationReport } from './report';
import { isBlankDataRow } from './templates/detect';
import { findPack, getSheetKind } from './templates/registry';
import type { TemplatePackSpec } from './templates/types';
import { valueKey } from './text/normalize';

export interface ExtractedRow {
  /** 1-based sheet row. */
  row: number;
  fields: Record<string, CellValue>;
}

export interface ExtractedSheet {
  sheet: string;
  packId: string;
  kindId: string;
  attachment: string | null;
  meta: Record<string, CellValue>;
  rows: ExtractedRow[];
}

/** `packs`: packs beyond the built-in ones (the same list given to validate). Only the report's recognition is read. */
export function extractRecords(workbook: WorkbookGrid, report: Pick<ValidationReport, 'sheets'>, packs: readonly TemplatePackSpec[] = []): ExtractedSheet[] {
  const out: ExtractedSheet[] = [];
  const grids = Array.isArray(workbook?.sheets) ? workbook.sheets : [];
  for (const rec of report.sheets) {
    if (!rec.packId || !rec.kindId) continue;
    const grid = grids.find((g) => g.name === rec.sheet);
    const pack = findPack(packs, rec.packId);
    const kind = pack ? getSheetKind(pack, rec.kindId) : undefined;
    const sheet: ExtractedSheet = {
      sheet: rec.sheet,
      packId: rec.packId,
      kindId: rec.kindId,
      attachment: rec.attachment,
      meta: { ...rec.meta },
      rows: [],
    };
    out.push(sheet);
    if (!grid || !kind || rec.firstDataRow === null || rec.lastDataRow === null) continue;
    const columnOf = kind.columns.map((c) => rec.columns.find((m) => m.key === c.key)?.column ?? 0);
    for (let r = rec.firstDataRow; r <= rec.lastDataRow; r++) {
      const cells = grid.rows[r - 1];
      if (isBlankDataRow(cells, kind, columnOf)) continue;
      const fields: Record<string, CellValue> = {};
      kind.columns.forEach((c, i) => {
        const col = columnOf[i] ?? 0;
        if (!col) return;
        const v = cells?.[col - 1]?.value ?? null;
        fields[c.key] = typeof v === 'string' ? v.trim() : v;
      });
      sheet.rows.push({ row: r, fields });
    }
  }
  return out;
}

export interface GraduateForAllocation {
  sheet: string;
  row: number;
  major: string;
  name: CellValue;
  idNumber: CellValue;
}

/**
 * Graduate-list rows (the pack's roles.graduates: Guangxi 附件2) in certificate-allocation order: by major
 * (majors in the order their first sheet appears in the workbook; several sheets of one major together),
 * then sheet order, then row order.
 */
export function graduatesForAllocation(records: ExtractedSheet[], packs: readonly TemplatePackSpec[] = []): GraduateForAllocation[] {
  const order: string[] = [];
  const groups = new Map<string, GraduateForAllocation[]>();
  for (const s of records) {
    const role = findPack(packs, s.packId)?.roles.graduates;
    if (!role || s.kindId !== role.kind) continue;
    const m = role.majorMeta ? s.meta[role.majorMeta] : undefined;
    const major = typeof m === 'string' || typeof m === 'number' ? String(m).trim() : '';
    const k = valueKey(major);
    if (!groups.has(k)) {
      groups.set(k, []);
      order.push(k);
    }
    const list = groups.get(k) as GraduateForAllocation[];
    for (const r of s.rows) list.push({ sheet: s.sheet, row: r.row, major, name: r.fields[role.name] ?? null, idNumber: r.fields[role.idNumber] ?? null });
  }
  return order.flatMap((k) => groups.get(k) ?? []);
}
