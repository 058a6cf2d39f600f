import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from './args';
import { CliError, EXIT_OK, type CliIo } from './io';

export const SERVE_HELP = `用法 Usage: yanyin serve [--port <端口>] [--host <地址>]

启动验印服务器（API 与任务窗格）。默认使用内置数据库（PGlite），设置 DATABASE_URL 则连接 PostgreSQL。
Starts the Yanyin server (API and task pane): embedded PGlite by default, PostgreSQL with DATABASE_URL.

  --port <端口>   监听端口（等同环境变量 PORT，默认 3000）/ port (same as PORT, default 3000)
  --host <地址>   监听地址（等同环境变量 HOST，默认 127.0.0.1）/ host (same as HOST)
  -h, --help      显示本帮助 / this help

其他设置见环境变量 Other settings: DATABASE_URL, YANYIN_TLS_CERT, YANYIN_TLS_KEY, YANYIN_DEMO …（server/config.ts）
`;

/** `yanyin serve` hands over to server/main.ts, which starts the server when imported. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    'serve',
  );
  if (values.help) {
    io.stdout(SERVE_HELP);
    return EXIT_OK;
  }
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new CliError(
        `--port 应为 0–65535 的整数（收到 ${values.port}）`,
        `--port must be an integer 0–65535 (got ${values.port})`,
      );
    }
    process.env.PORT = values.port;
  }
  if (values.host !== undefined) process.env.HOST = values.host;

  const entry = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
  await import(pathToFileURL(entry).href);
  // The server keeps the process alive; it exits on SIGINT/SIGTERM by itself.
  return EXIT_OK;
}
