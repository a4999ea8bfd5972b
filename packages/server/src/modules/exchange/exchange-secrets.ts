import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Client secrets are hashed with scrypt (node:crypto; memory-hard, no extra dependency), access
 * tokens with SHA-256: a token is 256 random bits that lives 15 minutes, so a slow hash buys
 * nothing there, and every request looks its token up.
 */

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(
  secret: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, { ...params, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A fresh random secret or token: 32 bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A public client identifier: `sqc_` and 20 hex digits. */
export function newClientId(): string {
  return `sqc_${randomBytes(10).toString('hex')}`;
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64). */
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, SCRYPT, SCRYPT.keyLength);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

// a hash nobody's secret matches: unknown clients are checked against it, so both take as long
const decoy = hashClientSecret(newSecret());

/** Whether the secret matches the stored hash; with no hash, checks a decoy (same timing). */
export async function verifyClientSecret(secret: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? (await decoy)).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(
    secret,
    Buffer.from(salt, 'base64'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
