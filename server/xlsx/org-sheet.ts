/**
 * The organisation import sheet (单位与账号导入表): the blank template the engineer fills, and reading a
 * filled one back into rows that still know their cells (every problem is reported at its cell).
 */
import ExcelJS from 'exceljs';
import { toA1 } from '../../core/grid/address';
import type { SheetGrid } from '../../core/grid/cell';
import { textOf } from '../../core/text/parse';
import { stripSpaces } from '../../core/text/normalize';
import { loadWorkbook, worksheetToGrid, type WorkbookInput } from './read-workbook';

export const ORG_SHEET_NAME = '单位与账号';

export const ORG_COLUMNS = [
  { key: 'kind', header: '单位类型', width: 12 },
  { key: 'name', header: '单位名称', width: 30 },
  { key: 'parent', header: '上级单位', width: 24 },
  { key: 'code', header: '学校标识码', width: 14 },
  { key: 'username', header: '账号', width: 16 },
  { key: 'displayName', header: '姓名', width: 12 },
  { key: 'phone', header: '手机号码', width: 14 },
] as const;

export type OrgColumnKey = (typeof ORG_COLUMNS)[number]['key'];

export const ORG_KINDS = ['市教育局', '学校', '高职院校'] as const;

export interface OrgSheetRow {
  /** 1-based sheet row. */
  row: number;
  values: Record<OrgColumnKey, string>;
  /** A1 address of each column's cell in this row. */
  address: Record<OrgColumnKey, string>;
}

export interface OrgSheet {
  sheet: string;
  headerRow: number;
  /** Columns missing from the header row, with the header row's first cell as their place. */
  missing: { header: string; address: string }[];
  rows: OrgSheetRow[];
}

/** The blank template: the header, a dropdown for 单位类型, text cells for codes and phones, and one example of each kind. */
export async function writeOrgTemplate(provinceName = '广西壮族自治区教育厅'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(ORG_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ORG_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const examples = [
    ['市教育局', '南宁市教育局', provinceName, '', 'nn-reviewer', '职成科 张老师', '13800000001'],
    ['学校', '南宁市第一职业技术学校', '南宁市教育局', '4145010001', 'nn1-clerk', '李老师', '13800000002'],
    ['学校', '广西物资学校', provinceName, '4145000001', 'wz-clerk', '王老师', ''],
    ['高职院校', '广西职业技术学院', provinceName, '4145000101', 'gxzy-clerk', '招生办', ''],
  ];
  for (const e of examples) ws.addRow(e);
  for (let r = 2; r <= 1000; r++) {
    ws.getCell(`A${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${ORG_KINDS.join(',')}"`] };
    for (const col of ['D', 'E', 'G']) ws.getCell(`${col}${r}`).numFmt = '@';
  }
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  [
    '填写说明',
    '1. 每行一个单位。单位类型：市教育局、学校（中职学校，含区直学校）、高职院校。',
    '2. 上级单位：市教育局填省级单位名称（或留空）；市县学校填所属市教育局名称；区直学校、高职院校填省级单位名称。',
    '3. 学校标识码：学校、高职院校必填，10 位数字；同一学校再次导入时按学校标识码更新，不会重复创建。',
    '4. 账号：字母、数字、点、下划线或短横线，3–64 位；新账号的一次性密码写入 accounts.csv，首次登录须修改。',
    '5. 手机号码：11 位数字，可留空。示例行可直接修改或删除。',
  ].forEach((t, i) => (help.getCell(`A${i + 1}`).value = t));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet that has the header row (单位类型 … 手机号码) within its first 10 rows. */
export async function readOrgSheet(input: WorkbookInput, displayName?: string): Promise<OrgSheet> {
  const wb = await loadWorkbook(input, displayName ? { displayName } : {});
  const grids = wb.worksheets.map((ws) => worksheetToGrid(ws));
  const withHeader = grids.map((g) => ({ g, at: findHeaderRow(g) })).find((x) => x.at !== null);
  const grid = withHeader?.g ?? (grids[0] as SheetGrid);
  const headerRow = withHeader?.at ?? 1;
  const headerCells = (grid.rows[headerRow - 1] ?? []).map((c) => stripSpaces(textOf(c)));
  const columns = new Map<OrgColumnKey, number>();
  const missing: OrgSheet['missing'] = [];
  for (const c of ORG_COLUMNS) {
    const i = headerCells.indexOf(c.header);
    if (i >= 0) columns.set(c.key, i + 1);
    else missing.push({ header: c.header, address: toA1(headerRow, headerCells.length + 1 + missing.length) });
  }
  const rows: OrgSheetRow[] = [];
  for (let r = headerRow + 1; r <= grid.rows.length; r++) {
    const cells = grid.rows[r - 1] ?? [];
    const values = {} as Record<OrgColumnKey, string>;
    const address = {} as Record<OrgColumnKey, string>;
    ORG_COLUMNS.forEach((c, i) => {
      const col = columns.get(c.key) ?? headerCells.length + 1 + i;
      values[c.key] = textOf(cells[col - 1]).trim();
      address[c.key] = toA1(r, col);
    });
    if (Object.values(values).every((v) => v === '')) continue;
    rows.push({ row: r, values, address });
  }
  return { sheet: grid.name, headerRow, missing, rows };
}

function findHeaderRow(grid: SheetGrid): number | null {
  for (let r = 1; r <= Math.min(10, grid.rows.length); r++) {
    const texts = (grid.rows[r - 1] ?? []).map((c) => stripSpaces(textOf(c)));
    if (texts.includes('单位类型') && texts.includes('单位名称')) return r;
  }
  return null;
}
