import type { Plugin } from 'vite';

/**
 * Univer 0.25's force-string mark (a green corner on text that looks like a number) is decided for every
 * text cell drawn, and the decision parses the text as a number or a date (numfmt's `parseDate`) before
 * reading the `disableForceStringMark` option that would skip it: with names and addresses in every row,
 * about two fifths of a redraw. The web workbook turns the mark off (univer-host.ts); this moves the
 * option's check in front of the parse, in the one build that bundles Univer. A config can't do it (the
 * option is read after the parse) and the class isn't exported to unregister. The build fails if an
 * upgrade changes the code, so the edit never silently stops applying.
 */
const MODULE = /@univerjs[\\/]sheets-ui[\\/]lib[\\/]es[\\/]index\.js$/;
const ANCHOR = `if (((cell === null || cell === void 0 ? void 0 : cell.t) === CellValueType.FORCE_STRING || (cell === null || cell === void 0 ? void 0 : cell.t) === CellValueType.STRING) && (isRealNum(cellRaw.v) || typeof cellRaw.v === "string" && getNumfmtParseValueFilter(cellRaw.v))) {`;
const CHECK = `if (this._configService.getConfig("sheets-ui.config")?.disableForceStringMark) return next(cell);\n`;

export function univerForceStringOption(): Plugin {
  return {
    name: 'yanyin-univer-force-string-option',
    enforce: 'pre',
    transform(code, id) {
      if (!MODULE.test(id.split('?')[0] ?? '')) return null;
      const at = code.indexOf(ANCHOR);
      if (at < 0 || code.indexOf(ANCHOR, at + 1) >= 0) {
        this.error('@univerjs/sheets-ui changed: re-check the force-string mark edit (vite.univer-force-string.ts)');
      }
      return { code: code.slice(0, at) + CHECK + code.slice(at), map: null };
    },
  };
}
