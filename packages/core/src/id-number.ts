/**
 * 公民身份号码 (citizen ID number), GB 11643-1999: a 6-digit address code (GB/T 2260), the birth
 * date YYYYMMDD, a 3-digit sequence (odd for men, even for women) and a check character computed
 * with ISO 7064 MOD 11-2. Legacy 15-digit numbers (YYMMDD, no check character) are converted by
 * inserting “19” before the year and computing the check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits of any valid address code). */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Sex codes of GB/T 2261.1 that an ID number can carry. */
export type IdNumberSex = '1' | '2';

export interface IdNumberFacts {
  /** The 18-character number, upper-case X. */
  number: string;
  addressCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** GB/T 2261.1: 1 男, 2 女. */
  sex: IdNumberSex;
  /** True when the input was a legacy 15-digit number. */
  converted: boolean;
}

export type IdNumberResult = { ok: true; value: IdNumberFacts } | { ok: false; message: string };

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * Checks an ID number and derives its facts. `today` (YYYY-MM-DD) bounds the birth date; it is a
 * parameter because core has no clock. Lower-case x is accepted and stored as X; surrounding
 * spaces are ignored.
 */
export function parseIdNumber(input: string, today: string): IdNumberResult {
  const raw = input.trim().toUpperCase();
  let number: string;
  let converted = false;
  if (/^\d{15}$/.test(raw)) {
    const first17 = `${raw.slice(0, 6)}19${raw.slice(6)}`;
    number = first17 + idNumberCheckCharacter(first17);
    converted = true;
  } else if (/^\d{17}[\dX]$/.test(raw)) {
    number = raw;
  } else {
    return { ok: false, message: '身份证号码应为 18 位（末位可为 X）或 15 位数字' };
  }
  if (!PROVINCE_CODES.has(number.slice(0, 2))) {
    return { ok: false, message: '身份证号码的地址码不是有效的行政区划代码' };
  }
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (year < 1850 || !isRealDate(year, month, day)) {
    return { ok: false, message: `身份证号码中的出生日期 ${birthDate} 不存在` };
  }
  if (birthDate > today) {
    return { ok: false, message: `身份证号码中的出生日期 ${birthDate} 晚于今天` };
  }
  if (!converted && idNumberCheckCharacter(number.slice(0, 17)) !== number[17]) {
    return { ok: false, message: '身份证号码校验位错误，请核对号码' };
  }
  return {
    ok: true,
    value: {
      number,
      addressCode: number.slice(0, 6),
      birthDate,
      sex: Number(number[16]) % 2 === 1 ? '1' : '2',
      converted,
    },
  };
}

/**
 * Where a record's stated birth date or sex disagrees with its ID number. A disagreement is
 * flagged for a person to resolve, never silently fixed.
 */
export function idNumberMismatches(
  facts: Pick<IdNumberFacts, 'birthDate' | 'sex'>,
  stated: { birthDate?: string | null; sex?: string | null },
): { path: 'birthDate' | 'sex'; message: string }[] {
  const out: { path: 'birthDate' | 'sex'; message: string }[] = [];
  if (stated.birthDate && stated.birthDate !== facts.birthDate) {
    out.push({
      path: 'birthDate',
      message: `出生日期 ${stated.birthDate} 与身份证号码（${facts.birthDate}）不一致`,
    });
  }
  if (stated.sex && (stated.sex === '1' || stated.sex === '2') && stated.sex !== facts.sex) {
    out.push({
      path: 'sex',
      message: `性别与身份证号码（${facts.sex === '1' ? '男' : '女'}）不一致`,
    });
  }
  return out;
}

/** `320102********1234`: the address code and the last four characters stay. */
export function maskIdNumber(number: string): string {
  if (number.length < 10) return '*'.repeat(number.length);
  return `${number.slice(0, 6)}${'*'.repeat(number.length - 10)}${number.slice(-4)}`;
}
