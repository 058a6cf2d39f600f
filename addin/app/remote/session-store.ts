/**
 * What the pane remembers in localStorage: the session (token + who) and the Idempotency-Key of a
 * submission that has not been answered yet. Keys carry `Office.context.partitionKey` when the host gives
 * one (Office on the web partitions storage per workbook host), so two add-in instances never share state
 * they should not.
 */
import { z } from 'zod';
import { UserSchema, type User } from './schemas';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `Office.context.partitionKey` when running in a host that partitions storage; '' otherwise. */
export function officePartitionKey(): string {
  const office = (globalThis as { Office?: { context?: { partitionKey?: unknown } } }).Office;
  try {
    const key = office?.context?.partitionKey;
    return typeof key === 'string' ? key : '';
  } catch {
    return '';
  }
}

/** An in-memory storage for tests and for hosts where localStorage is unavailable. */
export function memoryStorage(): KeyValueStorage & { dump(): Record<string, string> } {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    dump: () => Object.fromEntries(map),
  };
}

const StoredSession = z.object({ token: z.string().min(1), expiresAt: z.string(), user: UserSchema, baseUrl: z.string() });
export type StoredSession = z.infer<typeof StoredSession>;

const StoredPending = z.object({
  key: z.string().min(8),
  workbookHash: z.string(),
  baseVersion: z.number().int(),
  createdAt: z.number(),
  /** Set once the server stored this content (only the "submit" step is left). */
  savedVersion: z.number().int().optional(),
});
export type PendingSubmission = z.infer<typeof StoredPending>;

export class SessionStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly partitionKey: string,
  ) {}

  private key(name: string): string {
    return this.partitionKey ? `${this.partitionKey}::yanyin.${name}` : `yanyin.${name}`;
  }

  private read<T>(name: string, schema: z.ZodType<T>): T | null {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key(name));
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const r = schema.safeParse(JSON.parse(raw));
      if (r.success) return r.data;
    } catch {
      // corrupt: forget it
    }
    this.remove(name);
    return null;
  }

  private write(name: string, value: unknown): void {
    try {
      this.storage.setItem(this.key(name), JSON.stringify(value));
    } catch {
      // storage full or blocked: the session lasts until the pane closes
    }
  }

  private remove(name: string): void {
    try {
      this.storage.removeItem(this.key(name));
    } catch {
      // ignore
    }
  }

  loadSession(now = Date.now()): StoredSession | null {
    const s = this.read('session', StoredSession);
    if (s && Date.parse(s.expiresAt) <= now) {
      this.clearSession();
      return null;
    }
    return s;
  }

  saveSession(s: { token: string; expiresAt: string; user: User; baseUrl: string }): void {
    this.write('session', s);
  }

  clearSession(): void {
    this.remove('session');
  }

  loadPending(userId: string, campaignId: string): PendingSubmission | null {
    return this.read(`pending.${userId}.${campaignId}`, StoredPending);
  }

  savePending(userId: string, campaignId: string, p: PendingSubmission): void {
    this.write(`pending.${userId}.${campaignId}`, p);
  }

  clearPending(userId: string, campaignId: string): void {
    this.remove(`pending.${userId}.${campaignId}`);
  }
}

/** A fresh Idempotency-Key (URL-safe, within the server's 8–128 `[A-Za-z0-9_.:-]`). */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return `sub-${c.randomUUID()}`;
  const bytes = new Uint8Array(16);
  if (c) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `sub-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** SHA-256 (hex) of the workbook's JSON when SubtleCrypto exists (https / localhost), else FNV-1a 64. */
export async function hashText(text: string): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  const bytes = new TextEncoder().encode(text);
  if (subtle) {
    const digest = await subtle.digest('SHA-256', bytes);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `fnv-${h.toString(16)}`;
}
