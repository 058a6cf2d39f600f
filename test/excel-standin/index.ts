/** The in-memory Excel stand-in (see standin.ts); `browser-entry.ts` bundles it for pages. */
export { createStandin, type CellReadback, type SheetInit, type Standin } from './standin';
export { StandinError, compareVersions, type StandinConfig, type SyncStats, type SyncRecord, type ChangedEventArgs } from './host';
export { renderGrid } from './render-grid';
export { excelNumber, generalText, typeInto, isDateFormat } from './model';
