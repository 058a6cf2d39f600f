/**
 * A tiny DOM view of the stand-in's workbook for screenshots: sheet tabs, column letters, row numbers,
 * each cell's displayed text with its fill, notes and comments as a corner mark plus the text underneath
 * (and as the cell's tooltip). Re-renders whenever the model changes.
 */
import { columnLetters } from '../../core/grid/address';
import { displayText, SheetModel } from './model';
import type { Standin } from './standin';

export interface RenderGridOptions {
  /** Sheet to show; default the active sheet. */
  sheet?: string;
  /** At most this many rows (default 60) and columns (default 16). */
  maxRows?: number;
  maxColumns?: number;
}

const STYLE = `
.standin-grid{font:12px/1.3 "Microsoft YaHei","PingFang SC",sans-serif;color:#222;background:#fff;overflow:auto}
.standin-grid .tabs{display:flex;gap:2px;border-bottom:1px solid #999;margin-bottom:4px}
.standin-grid .tab{padding:2px 8px;border:1px solid #bbb;border-bottom:none;background:#eee;cursor:pointer}
.standin-grid .tab.active{background:#fff;font-weight:bold}
.standin-grid table{border-collapse:collapse;table-layout:fixed}
.standin-grid td,.standin-grid th{border:1px solid #d4d4d4;padding:1px 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:180px;height:18px;position:relative}
.standin-grid th{background:#f3f3f3;color:#555;font-weight:normal}
.standin-grid td.num{text-align:right}
.standin-grid td.has-note::after{content:"";position:absolute;top:0;right:0;border-style:solid;border-width:0 6px 6px 0;border-color:transparent #d00 transparent transparent}
.standin-grid td.has-comment::after{content:"";position:absolute;top:0;right:0;border-style:solid;border-width:0 6px 6px 0;border-color:transparent #7a40c0 transparent transparent}
.standin-grid .notes{margin-top:6px;font-size:11px;color:#444}
`;

export function renderGrid(container: HTMLElement, standin: Standin, options: RenderGridOptions = {}): () => void {
  const doc = container.ownerDocument;
  let chosen = options.sheet;
  const draw = (): void => {
    const model = standin.host.model;
    const sheet: SheetModel | undefined = (chosen ? model.sheet(chosen) : undefined) ?? model.sheetById(model.activeSheetId) ?? model.sheets[0];
    container.replaceChildren();
    container.classList.add('standin-grid');
    const style = doc.createElement('style');
    style.textContent = STYLE;
    container.append(style);
    const tabs = doc.createElement('div');
    tabs.className = 'tabs';
    for (const s of model.sheets) {
      if (s.visibility !== 'Visible') continue;
      const tab = doc.createElement('span');
      tab.className = `tab${s === sheet ? ' active' : ''}`;
      tab.textContent = s.name;
      tab.dataset.sheet = s.name;
      tab.addEventListener('click', () => {
        chosen = s.name;
        draw();
      });
      tabs.append(tab);
    }
    container.append(tabs);
    if (!sheet) return;
    const used = sheet.usedRect(false) ?? { r1: 1, c1: 1, r2: 1, c2: 1 };
    const maxR = Math.min(used.r2, options.maxRows ?? 60);
    const maxC = Math.min(used.c2, options.maxColumns ?? 16);
    const table = doc.createElement('table');
    const head = doc.createElement('tr');
    head.append(doc.createElement('th'));
    for (let c = 1; c <= maxC; c++) {
      const th = doc.createElement('th');
      th.textContent = columnLetters(c);
      head.append(th);
    }
    table.append(head);
    const noteLines: string[] = [];
    for (let r = 1; r <= maxR; r++) {
      const tr = doc.createElement('tr');
      const th = doc.createElement('th');
      th.textContent = String(r);
      tr.append(th);
      for (let c = 1; c <= maxC; c++) {
        const td = doc.createElement('td');
        const cell = sheet.get(r, c);
        const address = `${columnLetters(c)}${r}`;
        td.dataset.address = address;
        td.textContent = displayText(cell, sheet.numberFormatAt(r, c));
        if (typeof cell?.value === 'number') td.classList.add('num');
        if (cell?.fill) td.style.background = cell.fill;
        if (cell?.font?.bold) td.style.fontWeight = 'bold';
        const k = SheetModel.key(r, c);
        const note = sheet.notes.get(k);
        const comment = sheet.comments.get(k);
        if (note) {
          td.classList.add('has-note');
          td.title = note.content;
          noteLines.push(`${address}: ${note.content}`);
        } else if (comment) {
          td.classList.add('has-comment');
          td.title = comment.content;
          noteLines.push(`${address} (批注): ${comment.content}`);
        }
        tr.append(td);
      }
      table.append(tr);
    }
    container.append(table);
    if (noteLines.length > 0) {
      const notes = doc.createElement('div');
      notes.className = 'notes';
      for (const line of noteLines.slice(0, 30)) {
        const div = doc.createElement('div');
        div.textContent = line;
        notes.append(div);
      }
      container.append(notes);
    }
  };
  const previous = standin.host.onModelChanged;
  standin.host.onModelChanged = () => {
    previous?.();
    draw();
  };
  draw();
  return () => {
    standin.host.onModelChanged = previous;
  };
}
