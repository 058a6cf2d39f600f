/** The Excel side of the task pane: the port contract and its Excel JavaScript API implementation. */
export type { CellFix, ExcelPort, FixOutcome, HostCapabilities, Progress, SheetChange } from './port';
export { createExcelPort, type ExcelPortOptions } from './excel-port';
export { HIGHLIGHT_COLORS, NOTE_MARK } from './highlighter';
export { hostFeatures, type HostFeatures, type NotesMode } from './host';
export { officeScriptLoaded, unsupportedWebview, type OfficeSource } from './office-script';
export { openInBrowserWindow } from './browser-window';
