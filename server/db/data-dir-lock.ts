// Only one process may own a PGlite data folder: two processes on the same folder are not locked out
// by PGlite and writes are silently lost. The lock is a Unix-domain socket (a named pipe on Windows) the
// owner listens on: it lives exactly as long as the owner's process — the kernel closes it on any exit,
// `kill -9` included — so a live owner answers a connection and a dead one's leftover socket file refuses
// it (ECONNREFUSED). A pid in a file (the earlier lock) could be reused by an unrelated process after a
// crash and refuse a restart (issue #8).
import { createHash } from 'node:crypto';
import { mkdir, realpath, unlink } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/** Socket paths are limited to ~104 bytes (sun_path): a long folder path locks through a hashed name in the temp folder. */
const MAX_SOCKET_PATH = 100;

async function lockAddress(dataDir: string): Promise<string> {
  const real = await realpath(dataDir);
  const hash = createHash('sha256').update(real).digest('hex').slice(0, 24);
  if (process.platform === 'win32') return `\\\\.\\pipe\\yanyin-pglite-${hash}`;
  const beside = path.join(path.dirname(real), `${path.basename(real)}.lock`);
  return beside.length <= MAX_SOCKET_PATH ? beside : path.join(os.tmpdir(), `yanyin-pglite-${hash}.lock`);
}

function listen(address: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // The owner answers each probe with its pid (for the message), then hangs up.
    const server = createServer((socket) => socket.end(`${process.pid}\n`));
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      server.unref(); // the lock never keeps the process alive
      resolve(server);
    });
  });
}

/** The owner's pid when a live process listens on `address`; undefined when nothing answers. */
function probe(address: string): Promise<{ pid: string } | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.on('end', () => resolve({ pid: data.trim() || '?' }));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT' || error.code === 'ENOTSOCK') resolve(undefined);
      else reject(error);
    });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve({ pid: '?' }); // something holds it and does not answer: do not take it over
    });
  });
}

/** Takes the folder's lock (a dead owner's leftover is taken over); returns the release function. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const address = await lockAddress(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const server = await listen(address);
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await new Promise<void>((resolve) => server.close(() => resolve()));
        if (process.platform !== 'win32') await unlink(address).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const owner = await probe(address);
      if (owner) {
        const self = owner.pid === String(process.pid) ? ' (this process)' : '';
        throw new DataDirLockedError(
          `The embedded database ${dataDir} is in use by process ${owner.pid}${self}. ` +
            'Stop that process first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.',
        );
      }
      await unlink(address).catch(() => {}); // stale: its owner is gone
    }
  }
  throw new DataDirLockedError(`Could not take the lock of ${dataDir}`);
}
