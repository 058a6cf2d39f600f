// Child process of data-dir-lock.test.ts: takes the lock of the folder in argv[2], says so, and waits
// (forever, until killed).
import { lockDataDir } from '../../../server/db/data-dir-lock';

await lockDataDir(process.argv[2] ?? '');
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
