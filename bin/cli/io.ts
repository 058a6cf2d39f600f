/** What a command needs from the outside world; the tests and `run()` pass the process's streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Base for relative paths. */
  cwd: string;
  /** Colour the human report (a TTY without NO_COLOR). */
  color: boolean;
}

export type Lang = 'zh-CN' | 'en';

/** Exit statuses: 0 = clean, 1 = errors found in the data, 2 = input unreadable or bad arguments. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** A failure the user can fix (bad argument, unreadable file): printed without a stack trace, exit 2. */
export class CliError extends Error {
  readonly messageZh: string;
  readonly messageEn: string;
  readonly exitCode: number;
  constructor(messageZh: string, messageEn: string, exitCode = EXIT_USAGE) {
    super(messageEn);
    this.name = 'CliError';
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.exitCode = exitCode;
  }
}

/** zh-CN shows both languages (the English helps when a colleague forwards the output); en shows English. */
export function bilingual(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : `${zh}\n${en}`;
}
