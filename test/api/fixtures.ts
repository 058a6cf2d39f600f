/**
 * Workbooks as the add-in sends them: a correctly filled Guangxi 中职 2022 workbook (the CLI engineer's
 * test/helpers/xlsx-gx.ts fill on the pack's blank template, read back as a grid), helpers to plant
 * mistakes by A1 address, and a generator of big 附件2 sheets for the benchmark.
 */
import type { Cell, SheetGrid, WorkbookGrid } from '../../core/grid/cell';
import { parseA1 } from '../../core/grid/address';
import { workbookToGrid, worksheetToGrid } from '../../server/xlsx/read-workbook';
import { writeTemplate } from '../../server/xlsx/write-template';
import { fillGoodGx, GX, gxKind, gxLayout, MAJOR, SCHOOL, STUDENTS, type GxLayout } from '../helpers/xlsx-gx';
import { addressOf, fillLabel, locateTable, sheetFor } from '../helpers/xlsx';
import { checkChar, makeId } from '../helpers/ids';

export { MAJOR, SCHOOL, STUDENTS };

export interface GoodWorkbook {
  grid: WorkbookGrid;
  layout: GxLayout;
  /** Sheet name of 附件2. */
  att2: string;
  /** A1 address of a data cell of 附件2 (index 0 = first student). */
  att2Address(index: number, key: string): string;
}

export function goodGxWorkbook(): GoodWorkbook {
  const wb = writeTemplate(GX);
  const layout = fillGoodGx(wb);
  const full = workbookToGrid(wb);
  // 附件1–3 (and the blank 附件5): the API's behaviour does not depend on 附件4, whose meta detection
  // is still moving in the core; the core's own tests cover it.
  const grid = { sheets: full.sheets.filter((s) => !s.name.startsWith('附件4')) };
  return {
    grid,
    layout,
    att2: layout.att2.ws.name,
    att2Address: (index, key) => addressOf(layout.att2.table, index, key),
  };
}

/**
 * The good workbook as another school would fill it: its own 学校名称 everywhere and its own students
 * (each ID moved to another sequence number of the same area, birth date and gender, shifted by
 * `200 × variant`), so it neither names nor claims school A's students.
 */
export function asSchool(grid: WorkbookGrid, schoolName: string, variant = 1): WorkbookGrid {
  const ids = new Map(
    STUDENTS.map((st) => {
      const first17 = `${st.id.slice(0, 14)}${String(Number(st.id.slice(14, 17)) + 200 * variant).padStart(3, '0')}`;
      return [st.id, `${first17}${checkChar(first17)}`];
    }),
  );
  const copy = structuredClone(grid);
  for (const sheet of copy.sheets) {
    for (const row of sheet.rows) {
      for (const cell of row) {
        if (!cell || typeof cell.value !== 'string') continue;
        let v = cell.value.split(SCHOOL).join(schoolName);
        for (const [from, to] of ids) v = v.split(from).join(to);
        cell.value = v;
      }
    }
  }
  return copy;
}

/** A deep copy with one cell replaced. */
export function withCell(grid: WorkbookGrid, sheet: string, address: string, cell: Cell): WorkbookGrid {
  const copy = structuredClone(grid);
  const s = copy.sheets.find((x) => x.name === sheet);
  const at = parseA1(address);
  if (!s || !at) throw new Error(`no ${sheet}!${address}`);
  while (s.rows.length < at.row) s.rows.push([]);
  const row = s.rows[at.row - 1] ?? [];
  while (row.length < at.column) row.push(null);
  row[at.column - 1] = cell;
  s.rows[at.row - 1] = row;
  return copy;
}

export function cellOf(grid: WorkbookGrid, sheet: string, address: string): Cell | null | undefined {
  const at = parseA1(address);
  if (!at) return undefined;
  return grid.sheets.find((x) => x.name === sheet)?.rows[at.row - 1]?.[at.column - 1];
}

const SURNAMES = ['韦', '黄', '陆', '蒙', '李', '覃', '莫', '梁', '罗', '廖', '农', '潘', '蓝', '卢', '谭', '甘'];
const GIVEN = ['丽娟', '志强', '海燕', '俊杰', '秀兰', '文华', '小龙', '春燕', '建国', '美玲', '国栋', '晓雯', '家豪', '思琪'];

/**
 * One school's workbook with a single 附件2 sheet of `rows` graduates (all valid, distinct IDs), built on
 * the pack's blank 附件2 (title, meta, two header rows, footer) with the blank rows replaced.
 */
export function bigAtt2Workbook(rows: number, major = '计算机应用'): WorkbookGrid {
  const wb = writeTemplate(GX, ['att2']);
  const kind = gxKind('att2');
  const ws = sheetFor(wb, kind);
  fillLabel(ws, '学校名称（盖章）', SCHOOL);
  fillLabel(ws, '专业名称', major);
  fillLabel(ws, '招生类别', '秋季招生');
  fillLabel(ws, '教学形式', '全日制');
  fillLabel(ws, '学制', '3年');
  fillLabel(ws, '入学时间', '2019年9月');
  const table = locateTable(ws, kind);
  const grid: SheetGrid = worksheetToGrid(ws);
  const head = grid.rows.slice(0, table.firstDataRow - 1);
  const tail = grid.rows.slice(table.firstDataRow - 1 + kind.blankRows);
  const col = table.columns;
  const width = Math.max(...Object.values(col));
  const data: (Cell | null)[][] = [];
  for (let i = 0; i < rows; i++) {
    const female = i % 2 === 0;
    const r: (Cell | null)[] = Array.from({ length: width }, () => null);
    const set = (key: string, cell: Cell) => {
      const c = col[key];
      if (c !== undefined) r[c - 1] = cell;
    };
    // Distinct IDs: vary the birth date (days of 2003–2004) and the sequence.
    const day = new Date(Date.UTC(2003, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const id = makeId({ gender: female ? 'female' : 'male', index: Math.floor(i / 700) % 50, birth: day, area: '450103' });
    set('serial', { value: i + 1, type: 'number' });
    set('name', { value: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / 16) % GIVEN.length]}`, type: 'string' });
    set('gender', { value: female ? '女' : '男', type: 'string' });
    set('idNumber', { value: id, type: 'string', numberFormat: '@' });
    set('publicCourses', { value: 60 + (i % 40), type: 'number' });
    set('skillCourses', { value: 61 + (i % 39), type: 'number' });
    set('conduct', { value: '良好', type: 'string' });
    set('internship', { value: '合格', type: 'string' });
    data.push(r);
  }
  return { sheets: [{ name: grid.name, rows: [...head, ...data, ...tail] }] };
}

export { gxLayout };
