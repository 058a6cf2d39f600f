/**
 * Why a spreadsheet could not be opened. Clerks see `messageZh`; logs and `--lang en` see `messageEn`.
 * Bad input is expected, so this is data with a stable code, not a stack trace.
 */
export type WorkbookReadErrorCode =
  | 'file-not-found'
  | 'not-a-file'
  | 'permission-denied'
  | 'empty-file'
  | 'xls-format'
  | 'encrypted'
  | 'ods-format'
  | 'xlsb-format'
  | 'not-xlsx'
  | 'corrupt'
  | 'no-sheets';

export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(
    code: WorkbookReadErrorCode,
    messageZh: string,
    messageEn: string,
    options?: { cause?: unknown },
  ) {
    super(messageEn, options);
    this.name = 'WorkbookReadError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
  }

  localized(locale: 'zh-CN' | 'en'): string {
    return locale === 'en' ? this.messageEn : this.messageZh;
  }
}

export function isWorkbookReadError(e: unknown): e is WorkbookReadError {
  return e instanceof WorkbookReadError;
}

/** The message for each code; `what` names the input (a file path, or `上传的文件`). */
export function readError(code: WorkbookReadErrorCode, what: string, cause?: unknown): WorkbookReadError {
  const m: Record<WorkbookReadErrorCode, [string, string]> = {
    'file-not-found': [`找不到文件：${what}`, `File not found: ${what}`],
    'not-a-file': [`不是文件（可能是文件夹）：${what}`, `Not a file (a directory?): ${what}`],
    'permission-denied': [`没有权限读取文件：${what}`, `Permission denied: ${what}`],
    'empty-file': [`文件是空的（0 字节）：${what}`, `The file is empty (0 bytes): ${what}`],
    'xls-format': [
      `${what} 是旧版 Excel 97-2003 格式（.xls），无法读取。请在 Excel 中“另存为” Excel 工作簿（*.xlsx）后再检查。`,
      `${what} is a legacy Excel 97-2003 (.xls) file. Save it as an Excel Workbook (*.xlsx) and try again.`,
    ],
    encrypted: [
      `${what} 设置了打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后再检查。`,
      `${what} is password-protected. Remove the password to open (File → Info → Protect Workbook → Encrypt with Password) and try again.`,
    ],
    'ods-format': [
      `${what} 是 OpenDocument 表格（.ods），请另存为 Excel 工作簿（*.xlsx）后再检查。`,
      `${what} is an OpenDocument spreadsheet (.ods). Save it as an Excel Workbook (*.xlsx) and try again.`,
    ],
    'xlsb-format': [
      `${what} 是 Excel 二进制工作簿（.xlsb），请另存为 Excel 工作簿（*.xlsx）后再检查。`,
      `${what} is an Excel Binary Workbook (.xlsb). Save it as an Excel Workbook (*.xlsx) and try again.`,
    ],
    'not-xlsx': [
      `${what} 不是 Excel 工作簿（.xlsx）。请选择用 Excel 保存的 .xlsx 文件。`,
      `${what} is not an Excel workbook (.xlsx). Choose an .xlsx file saved by Excel.`,
    ],
    corrupt: [
      `${what} 已损坏或不是有效的 .xlsx 文件，无法读取。请用 Excel 打开后重新保存再试。`,
      `${what} is damaged or not a valid .xlsx file. Open it in Excel, save it again and retry.`,
    ],
    'no-sheets': [`${what} 中没有任何工作表。`, `${what} contains no worksheets.`],
  };
  const [zh, en] = m[code];
  return new WorkbookReadError(code, zh, en, cause === undefined ? undefined : { cause });
}
