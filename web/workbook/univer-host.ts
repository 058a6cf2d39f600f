/// <reference types="vite/client" />
/**
 * The spreadsheet component, loaded on demand (a separate chunk): the page and the pane render first,
 * Univer's ~MBs of code come after. Only the sheets core, notes and data-validation presets (the
 * templates' and the clerk's dropdowns): no collaboration, no network features, nothing fetched from a CDN.
 */
import { createUniver, LocaleType, mergeLocales, type FUniver, type IWorkbookData } from '@univerjs/presets';
import { UniverSheetsCorePreset } from '@univerjs/preset-sheets-core';
import sheetsCoreZhCN from '@univerjs/preset-sheets-core/locales/zh-CN';
import sheetsCoreEnUS from '@univerjs/preset-sheets-core/locales/en-US';
import { UniverSheetsNotePreset } from '@univerjs/preset-sheets-note';
import sheetsNoteZhCN from '@univerjs/preset-sheets-note/locales/zh-CN';
import sheetsNoteEnUS from '@univerjs/preset-sheets-note/locales/en-US';
import { UniverSheetsDataValidationPreset } from '@univerjs/preset-sheets-data-validation';
import sheetsDataValidationZhCN from '@univerjs/preset-sheets-data-validation/locales/zh-CN';
import sheetsDataValidationEnUS from '@univerjs/preset-sheets-data-validation/locales/en-US';
import '@univerjs/preset-sheets-core/lib/index.css';
import '@univerjs/preset-sheets-note/lib/index.css';
import '@univerjs/preset-sheets-data-validation/lib/index.css';

export interface SpreadsheetHost {
  api: FUniver;
  open(data: IWorkbookData): void;
}

export function mountSpreadsheet(container: HTMLElement, english: boolean): SpreadsheetHost {
  const { univerAPI } = createUniver({
    locale: english ? LocaleType.EN_US : LocaleType.ZH_CN,
    locales: {
      [LocaleType.ZH_CN]: mergeLocales(sheetsCoreZhCN, sheetsNoteZhCN, sheetsDataValidationZhCN),
      [LocaleType.EN_US]: mergeLocales(sheetsCoreEnUS, sheetsNoteEnUS, sheetsDataValidationEnUS),
    },
    presets: [
      // No green "number stored as text" corner: ID columns are text on purpose, and deciding the mark
      // costs a number/date parse per text cell per redraw (see vite.univer-force-string.ts).
      UniverSheetsCorePreset({ container, header: true, sheets: { disableForceStringMark: true } }),
      UniverSheetsNotePreset(),
      UniverSheetsDataValidationPreset(),
    ],
  });
  return {
    api: univerAPI,
    open(data: IWorkbookData) {
      const old = univerAPI.getActiveWorkbook();
      if (old) univerAPI.disposeUnit(old.getId());
      univerAPI.createWorkbook(data);
    },
  };
}
