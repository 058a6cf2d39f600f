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

let dummy: Promise<string> | undefined;

/** True when `password` matches; an absent hash is verified against a dummy (same cost) and fails. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummy ??= hashPassword('yanyin-dummy-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
