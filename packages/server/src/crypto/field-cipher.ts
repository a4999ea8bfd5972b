import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts sensitive fields (TOTP secrets now, ID numbers later) with AES-256-GCM before they
 * reach the database. Stored form: `v1:` + base64(iv | tag | ciphertext).
 */
export class FieldCipher {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): FieldCipher {
    if (key.length !== KEY_BYTES) throw new Error(`the data key must be ${KEY_BYTES} bytes`);
    return new FieldCipher(key);
  }

  /** A random key that lives as long as the process: for tests only. */
  static ephemeral(): FieldCipher {
    return new FieldCipher(randomBytes(KEY_BYTES));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(`${VERSION}:`)) throw new Error('unknown field cipher version');
    const raw = Buffer.from(stored.slice(VERSION.length + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

/**
 * The data key: `SHEQU_DATA_KEY` (base64 of 32 bytes) when set, as production should do (from a
 * secret store); otherwise `data.key` in the data directory, created on first start with mode 0600.
 */
export function loadDataKey(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): { key: Buffer; source: string } {
  const fromEnv = env.SHEQU_DATA_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== KEY_BYTES)
      throw new Error(`SHEQU_DATA_KEY must be base64 of ${KEY_BYTES} bytes`);
    return { key, source: 'SHEQU_DATA_KEY' };
  }
  const file = path.join(dataDir, 'data.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key`);
  return { key, source: file };
}
