/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * set (digits and upper-case letters without I, O, Z, S, V); the last is a check character over
 * the first 17 with weights 3^i mod 31.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of the first 17 characters, or undefined if one is outside the set. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Checks a unified social credit code; returns the normalized code or a Chinese message. */
export function parseCreditCode(
  input: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const code = input.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return { ok: false, message: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）' };
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return { ok: false, message: '统一社会信用代码校验位错误，请核对' };
  }
  return { ok: true, value: code };
}
