/**
 * Browser bundle of the WPS stand-in (`npm run build:wps-standin` → dist/wps-standin/wps-standin.js, an IIFE).
 * Inject it into every frame before the page's scripts (`page.addInitScript`): in the add-in's page (the one
 * that loads main.js) it installs WPS's globals — `Application` (the ET object model), `wps` with
 * `CreateTaskPane` / `GetTaskPane` / `PluginStorage` / `EtApplication` — and shows the workbook as a grid; a
 * task pane opens as a same-origin iframe docked on the right whose page gets the SAME `Application`, as WPS
 * gives every page of an add-in the one application (open.wps.cn, WPS 加载项开发说明: 任务窗格
 * `wps.CreateTaskPane(url)` returns a TaskPane with `ID`, `Visible`, `DockPosition`, `Width`; `wps.PluginStorage`
 * is shared by the add-in's pages). The test API is `window.__wps` (the WpsStandin plus `bgr`).
 *
 *   window.__wpsConfig = { methodProperties: false, sheets: [{ name, rows, formats }] }  // before the bundle
 */
import { columnLetters } from '../../core/grid/address';
import { bgr, WpsStandin, type WpsStandinOptions } from './index';

type Scalar = string | number | boolean | undefined;

interface BrowserConfig extends WpsStandinOptions {
  sheets?: { name: string; rows: (Scalar | null)[][]; formats?: Record<number, string> }[];
}

interface TaskPane {
  ID: string;
  DockPosition: number;
  Width: number;
  Visible: boolean;
}

interface WpsWindow {
  __wps?: WpsStandin & { bgr: typeof bgr; taskPanes: TaskPane[] };
  __wpsConfig?: BrowserConfig;
  Application?: unknown;
  wps?: unknown;
}

const w = window as unknown as WpsWindow;
const host = window.parent !== window ? (window.parent as unknown as WpsWindow) : null;

if (host?.__wps) {
  // A task pane: the add-in's page's application, not a workbook of its own.
  w.Application = host.Application;
  w.wps = host.wps;
  w.__wps = host.__wps;
} else {
  const config = w.__wpsConfig ?? {};
  const standin = new WpsStandin({ methodProperties: config.methodProperties === true });
  for (const s of config.sheets ?? []) standin.addSheet(s.name, s.rows.map((r) => r.map((v) => v ?? undefined)), s.formats);
  const application = standin.application;
  const taskPanes: TaskPane[] = [];
  const storage = new Map<string, string>();

  const createTaskPane = (url: string): TaskPane => {
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.dataset.taskpane = String(taskPanes.length + 1);
    frame.style.cssText = 'position:fixed;top:0;right:0;height:100vh;box-sizing:border-box;border:0;border-left:1px solid #bbb;background:#fff;display:none';
    document.body.append(frame);
    const state = { width: 400, visible: false };
    const pane: TaskPane = {
      ID: `taskpane-${taskPanes.length + 1}`,
      DockPosition: 2,
      get Width() {
        return state.width;
      },
      set Width(v: number) {
        state.width = v;
        frame.style.width = `${v}px`;
      },
      get Visible() {
        return state.visible;
      },
      set Visible(v: boolean) {
        state.visible = v;
        frame.style.display = v ? 'block' : 'none';
      },
    };
    pane.Width = state.width;
    taskPanes.push(pane);
    return pane;
  };

  w.Application = application;
  w.wps = {
    EtApplication: () => application,
    CreateTaskPane: createTaskPane,
    GetTaskPane: (id: string) => {
      const pane = taskPanes.find((p) => p.ID === id);
      if (!pane) throw new Error(`GetTaskPane(${id}): 无此任务窗格`);
      return pane;
    },
    PluginStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, String(value)),
    },
    Enum: { msoCTPDockPositionRight: 2 },
  };
  w.__wps = Object.assign(standin, { bgr, taskPanes });

  const hexOf = (c: number): string => `#${(((c & 0xff) << 16) | (c & 0xff00) | ((c >> 16) & 0xff)).toString(16).padStart(6, '0')}`;
  /** The workbook beside the pane, as WPS would show it: the active sheet, fills, a red corner on commented cells. */
  const render = (view: HTMLElement): void => {
    const ws = standin.sheets.find((s) => s.name === standin.active) ?? standin.sheets[0];
    if (!ws) return;
    const cols = Math.min(10, Math.max(1, ...ws.rows.map((r) => r?.length ?? 0)));
    const rows = Math.min(40, ws.rows.length);
    let html = `<div class="tab">${ws.name}</div><table><tr><th></th>`;
    for (let c = 1; c <= cols; c++) html += `<th>${columnLetters(c)}</th>`;
    html += '</tr>';
    for (let r = 1; r <= rows; r++) {
      html += `<tr><th>${r}</th>`;
      for (let c = 1; c <= cols; c++) {
        const cell = ws.cell(r, c);
        const style = cell.color === null ? '' : ` style="background:${hexOf(cell.color)}"`;
        const text = cell.value === undefined ? '' : String(cell.value).replace(/&/g, '&amp;').replace(/</g, '&lt;');
        html += `<td${style}${cell.comment ? ' class="note"' : ''} title="${(cell.comment ?? '').replace(/"/g, '&quot;')}">${text}</td>`;
      }
      html += '</tr>';
    }
    view.innerHTML = `${html}</table>`;
  };
  const mount = (): void => {
    const style = document.createElement('style');
    style.textContent =
      '#wps-sheet{font:12px "Noto Sans CJK SC",sans-serif;padding:6px;overflow:auto;position:fixed;inset:0}' +
      '#wps-sheet table{border-collapse:collapse}#wps-sheet td,#wps-sheet th{border:1px solid #d0d7de;padding:1px 4px;white-space:nowrap;max-width:170px;overflow:hidden}' +
      '#wps-sheet th{background:#f3f3f3;color:#555;font-weight:normal}#wps-sheet td.note{box-shadow:inset -6px 6px 0 -3px #d00}' +
      '#wps-sheet .tab{font-weight:bold;margin-bottom:4px}';
    document.head.append(style);
    const view = document.createElement('div');
    view.id = 'wps-sheet';
    document.body.prepend(view);
    render(view);
    setInterval(() => render(view), 200);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
}
