import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (a const enum in the package's types)
const argon2Options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the account does not exist (equal timing). */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

const TOTP_PERIOD = 30;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: '网上社区',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

/**
 * Checks a TOTP code, allowing one step of clock drift either way. Returns the time step the code
 * belongs to, or undefined; a step at or before `lastStep` is a replay and is refused.
 */
export function acceptTotp(
  secretBase32: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | undefined {
  const delta = totpFor(secretBase32, 'check').validate({
    token: code,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return undefined;
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

/** The current code for a secret: for tests and the demo only. */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpFor(secretBase32, 'code').generate({ timestamp: now.getTime() });
}
