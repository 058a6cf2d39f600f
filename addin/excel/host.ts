/**
 * What the running Excel can do (requirement sets, checked once per call with
 * `Office.context.requirements.isSetSupported`), and the one `Excel.run` wrapper of the adapter.
 */
import type { HostCapabilities } from './port';

export type NotesMode = 'note' | 'comment' | 'none';

export interface HostFeatures extends HostCapabilities {
  /** 1.18 notes, else 1.10 comments, else nothing on the cell (the pane lists the message). */
  notesMode: NotesMode;
  /** 1.14: `CommentCollection.getItemOrNullObject`. */
  nullableComments: boolean;
  /** 1.10: `onRowSorted` says when rows were sorted (their fills and notes moved). */
  sortEvents: boolean;
}

function supported(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/**
 * `isSetSupported` answers for the host, not for the loaded office.js library: the npm
 * @microsoft/office-js served at /office-js/ (officially unsupported, behind the CDN) has no
 * `NoteCollection`, so on a host claiming ExcelApi 1.18 `worksheet.notes` is undefined. Each proxy class
 * used beyond 1.7 is therefore checked too.
 */
function hasProxy(name: 'NoteCollection' | 'CommentCollection'): boolean {
  return typeof Excel !== 'undefined' && typeof (Excel as unknown as Record<string, unknown>)[name] === 'function';
}

export function hostFeatures(): HostFeatures {
  const notes = supported('1.18') && hasProxy('NoteCollection');
  const comments = supported('1.10') && hasProxy('CommentCollection');
  return {
    notes: notes || comments,
    batchedFormats: supported('1.9'),
    triggerSource: supported('1.14'),
    dataValidation: supported('1.8'),
    notesMode: notes ? 'note' : comments ? 'comment' : 'none',
    nullableComments: supported('1.14'),
    sortEvents: supported('1.10'),
  };
}

/**
 * Every batch of the adapter. `delayForCellEdit`: when the clerk is typing in a cell, Excel holds the
 * batch until they leave edit mode instead of failing it.
 */
export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}

/**
 * A batch of the add-in's own writes (highlights). On ExcelApi 1.20 it is one undo group, so Ctrl+Z steps
 * over a whole repaint at once rather than one chunk at a time ("Undo grouping",
 * excel-add-ins-undo-capabilities). If the host refuses to group (UndoNotSupported) the batch runs again
 * ungrouped: repaints are idempotent. Older hosts put each write on the undo stack (or, before undo
 * support, clear it: office-js#3788); the add-in can only write less often there.
 */
export async function runExcelWrites<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  if (!supported('1.20')) return runExcel(batch);
  try {
    return await Excel.run({ delayForCellEdit: true, mergeUndoGroup: true } as Excel.RunOptions, batch);
  } catch (e) {
    if (errorCode(e) !== 'UndoNotSupported') throw e;
    return runExcel(batch);
  }
}

/** The OfficeExtension.Error code of a failure, if any. */
export function errorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') return (e as { code: string }).code;
  return undefined;
}

/** Excel's A1 sheet prefix: `Sheet1!` or `'附件2 登记表'!`. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}
