const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** An .xlsx is a zip; a legacy .xls, an encrypted file or a CSV is not (told before exceljs's zip error). */
export function looksLikeXlsx(bytes: ArrayBuffer): boolean {
  const head = new Uint8Array(bytes.slice(0, 4));
  return ZIP_MAGIC.every((b, i) => head[i] === b);
}
