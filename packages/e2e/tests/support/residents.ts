import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { idNumberCheckCharacter } from '@shequ/core';
import { expect, inject } from 'vitest';

/** The SMS sink the server under test writes to (one JSON line per text; see global-setup). */
const smsFile = inject('smsFile') || undefined;

/**
 * A valid ID number of a 玄武区 resident born in `year` (an elder entitled to the allowance when
 * born before 1946), with her birth date; `sex` sets the sequence digit's parity.
 */
export function xuanwuIdNumber(
  year: number,
  sex: 'f' | 'm' = 'f',
): { idNumber: string; birthDate: string } {
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const sequence = `${randomInt(10, 100)}${2 * randomInt(0, 5) + (sex === 'm' ? 1 : 0)}`;
  const first17 = `320102${year}${month}${day}${sequence}`;
  return {
    idNumber: first17 + idNumberCheckCharacter(first17),
    birthDate: `${year}-${month}-${day}`,
  };
}

/** The newest code texted to a phone, once the server's outbox has sent it. */
export async function textedCode(phone: string): Promise<string> {
  let code = '';
  await expect
    .poll(() => {
      if (!smsFile || !existsSync(smsFile)) return '';
      const texts = readFileSync(smsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { phone: string; text: string })
        .filter((m) => m.phone === phone && m.text.includes('验证码'));
      code = /验证码是 (\d{6})/.exec(texts.at(-1)?.text ?? '')?.[1] ?? '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}
