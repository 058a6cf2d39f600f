/**
 * The clerk's work survives a closed tab: one draft in IndexedDB (the original file's bytes plus the
 * cells as the browser holds them), offered on return. IndexedDB, not localStorage: a 20,000-row sheet
 * is megabytes, past localStorage's ~5 MB.
 */
import type { SheetGrid } from '../../core/grid/cell';
import type { StructureOp } from './xlsx-structure';
import type { ListValidation } from './xlsx-validations';

export interface Draft {
  fileName: string;
  /** The file as opened (null for a workbook started from blank templates). */
  original: ArrayBuffer | null;
  sheets: SheetGrid[];
  /** Rows and columns the clerk inserted or deleted, replayed on `original` before `sheets` are written back. */
  rowOps?: StructureOp[];
  /** Sheet name → its dropdowns in the browser (kept for sheets the original file does not have). */
  dropdowns?: Record<string, ListValidation[]>;
  savedAt: number;
}

const DB = 'yanyin-workbook';
const STORE = 'drafts';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB 不可用'));
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB 出错'));
    });
  } finally {
    db.close();
  }
}

export const draftStore = {
  save: (draft: Draft): Promise<unknown> => run('readwrite', (s) => s.put(draft, KEY)),
  load: async (): Promise<Draft | null> => (await run<Draft | undefined>('readonly', (s) => s.get(KEY))) ?? null,
  clear: (): Promise<unknown> => run('readwrite', (s) => s.delete(KEY)),
};
