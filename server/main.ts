/**
 * Starts the server: settings → database (embedded PGlite unless DATABASE_URL; migrations applied) →
 * demo seed on a fresh embedded database → the API plus the built task pane (dist/addin) and
 * manifest.xml → listen (HTTPS when YANYIN_TLS_CERT/KEY are set) → graceful shutdown on SIGINT/SIGTERM.
 *
 *   npx tsx server/main.ts            (or npm start)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { ConfigError, demoSeedAllowed, loadConfig } from './config';
import { openDatabase } from './db';
import { closeValidationPool } from './use-cases/validate-off-thread';
import { createJsonLogger } from './http/logger';
import { mountPublicFiles, publicFilesUnder } from './http/public-files';
import { describeDemo, isDatabaseEmpty, seedDemo } from './use-cases/seed-demo';
import { discardStaleStages } from './use-cases/submission-stage';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createJsonLogger();
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : config.dataDir ? { dataDir: config.dataDir } : {},
  );
  const db = database.prisma;
  if (database.applied.length > 0) logger.info('migrations applied', { applied: database.applied });

  const scheme = config.tls ? 'https' : 'http';
  // localhost, not 127.0.0.1: the manifest and the development certificate name localhost.
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;

  if ((database.kind === 'pglite' || config.demo) && demoSeedAllowed(config) && (await isDatabaseEmpty(db))) {
    const seed = await seedDemo(db);
    const text = describeDemo(seed, `${scheme}://${shownHost}:${config.port}/`);
    console.log(`\n${text}\n`);
    // Beside the embedded data folder (data/demo-accounts.txt by default), never inside it.
    const dataDir = config.dataDir && config.dataDir !== ':memory:' ? path.dirname(path.resolve(config.dataDir)) : path.join(root, 'data');
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'demo-accounts.txt');
    writeFileSync(file, text + '\n', { mode: 0o600 });
    console.log(`（账号与密码另存于 ${path.relative(process.cwd(), file)}）\n`);
  }

  const files = publicFilesUnder(root, config.addinDir);
  // The manifest points at https://localhost:3000/addin/index.html; the look-up page lives at /lookup/.
  const app = createApp({ db, config, logger, beforeFallback: (a) => mountPublicFiles(a, files) });

  const server = config.tls
    ? https.createServer({ cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) }, app)
    : http.createServer(app);
  server.requestTimeout = 120_000;
  // Longer than a load balancer's idle timeout (nginx 60 s, AWS ALB 60 s): with Node's 5 s default the server
  // closes a kept-alive connection the balancer or a busy client is about to reuse, which surfaces as
  // ECONNRESET under load (seen in the deadline-day bench). headersTimeout stays above it, as Node advises.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `${scheme}://${shownHost}:${port}`;
  console.log(`验印 Yanyin server: ${base}/  (database: ${database.kind})`);
  console.log(`  API ${base}/api/health · OpenAPI ${base}/api/openapi.json`);
  console.log(`  task pane ${existsSync(files.addinDir) ? `${base}/addin/index.html` : '(not built: npm run build:addin)'} · manifest ${existsSync(files.manifest) ? `${base}/manifest.xml` : '(none)'}`);
  if (existsSync(files.lookupDir)) console.log(`  certificate look-up ${base}/lookup/`);
  if (existsSync(files.consoleDir)) console.log(`  bureau console ${base}/console/`);
  if (files.workbookDir && existsSync(files.workbookDir)) console.log(`  web workbook (any browser, no Office) ${base}/workbook/`);
  if (files.wpsDir && existsSync(files.wpsDir)) console.log(`  WPS add-in list (oem.ini JSPluginsServer) ${base}/wps/jsplugins.xml`);
  if (!config.tls) console.log('  (HTTP: Office add-ins need HTTPS — set YANYIN_TLS_CERT and YANYIN_TLS_KEY to serve the pane to Excel)');

  // Housekeeping: expired sessions and idempotency records, and the staged rows of uploads a crash cut off
  // (otherwise left until the next upload). At start and hourly; several servers may all do it.
  const housekeeping = () => {
    const now = new Date();
    Promise.all([
      db.session.deleteMany({ where: { expiresAt: { lt: now } } }),
      db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } }),
      discardStaleStages(db, now),
    ]).catch((e: unknown) => logger.warn('housekeeping failed', { error: e }));
  };
  housekeeping();
  const sweep = setInterval(housekeeping, 3_600_000);
  sweep.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(() => {
      Promise.all([database.close(), closeValidationPool()])
        .then(() => process.exit(0))
        .catch((e: unknown) => {
          logger.error('database close failed', { error: e });
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error('启动失败 / failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
