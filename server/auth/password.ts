/**
 * Password hashing: argon2id (the @node-rs/argon2 default algorithm) with OWASP's minimum parameters
 * (19 MiB, 2 passes, 1 lane). Verification runs even for unknown users against a dummy hash, so the answer
 * time does not tell which usernames exist.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Hashed once at start-up, not on the first unknown name (which would then take twice as long).
const dummy: Promise<string> = hashPassword('yanyin-dummy-password');

/** True when `password` matches; an absent hash is verified against a dummy (same cost) and fails. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
