/**
 * Short-lived signed links (issue #10): a URL that serves one file to one user for a few minutes without a
 * session cookie or bearer token, for hosts that cannot hand a download from the pane to the system (a blob
 * link does nothing in Excel on Mac; WebView2 blocks some types), so the pane opens the URL in a browser.
 *
 * The link carries what it is for (`purpose`), the resource it is scoped to, the user and the expiry, and
 * an HMAC-SHA256 of all of them under a key the servers share (table `server_secret`). Changing any part
 * breaks the signature. Serving re-checks the user's rights at that moment (see open-signed-download).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, registerErrorCodes } from '../errors';
import type { DbOrTx } from '../use-cases/context';

registerErrorCodes({
  'signed-link-invalid': {
    status: 403,
    zh: () => '下载链接无效（可能被修改过）。请回到任务窗格重新点击下载。',
    en: () => 'The download link is not valid (it may have been altered). Click download in the task pane again.',
  },
  'signed-link-expired': {
    status: 403,
    zh: (p) => `下载链接已过期（有效期 ${String(p.minutes ?? '')} 分钟）。请回到任务窗格重新点击下载。`,
    en: (p) => `The download link has expired (valid for ${String(p.minutes ?? '')} minutes). Click download in the task pane again.`,
  },
});

/** How long a link works: long enough for a browser to open, short enough that a leaked link is stale. */
export const SIGNED_LINK_MINUTES = 5;

export interface SignedLinkClaims {
  /** What the link may do, e.g. `audit-sheet`; a link for one purpose never serves another. */
  purpose: string;
  /** The resource, in the purpose's own terms (e.g. `[campaignId, schoolId]`). */
  scope: string[];
  userId: string;
  /** Unix seconds. */
  expires: number;
}

const KEY_NAME = 'signed-link';
const keys = new WeakMap<object, Promise<Buffer>>();

/** The shared key: created once (the first server wins the insert), then read; cached per client. */
export function signingKey(db: DbOrTx): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db.serverSecret.createMany({ data: [{ name: KEY_NAME, value: new Uint8Array(randomBytes(32)) }], skipDuplicates: true });
      const row = await db.serverSecret.findUniqueOrThrow({ where: { name: KEY_NAME } });
      return Buffer.from(row.value);
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

function mac(key: Buffer, c: SignedLinkClaims): string {
  // Parts are joined with a separator that no uuid, purpose or number contains.
  return createHmac('sha256', key).update([c.purpose, ...c.scope, c.userId, String(c.expires)].join('\n')).digest('base64url');
}

export function signClaims(key: Buffer, claims: SignedLinkClaims): string {
  return mac(key, claims);
}

/** Throws `signed-link-invalid` or `signed-link-expired`; the signature is checked first. */
export function verifyClaims(key: Buffer, claims: SignedLinkClaims, signature: string, now: Date): void {
  const expected = Buffer.from(mac(key, claims));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('signed-link-invalid');
  if (claims.expires * 1000 <= now.getTime()) throw new AppError('signed-link-expired', { minutes: SIGNED_LINK_MINUTES });
}
