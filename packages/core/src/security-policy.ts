import { z } from 'zod';

/** Security policy set by the security administrator; stored as one row per key. */
export const SecurityPolicy = z
  .object({
    passwordMinLength: z.number().int().min(8, '密码最小长度不得少于 8').max(64),
    passwordMinClasses: z.number().int().min(2, '至少需要 2 类字符').max(4),
    passwordMaxAgeDays: z.number().int().min(0).max(3650),
    lockoutThreshold: z.number().int().min(3).max(20),
    lockoutMinutes: z.number().int().min(1).max(1440),
    sessionIdleMinutes: z.number().int().min(5).max(720),
    sessionAbsoluteHours: z.number().int().min(1).max(72),
    requireSecondFactorForAdmins: z.boolean(),
  })
  .strict();
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

/** The policy a new deployment starts with (等保 2.0 level 3 minded). */
export const defaultSecurityPolicy: SecurityPolicy = {
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  requireSecondFactorForAdmins: true,
};

export const securityPolicyLabels: Record<keyof SecurityPolicy, string> = {
  passwordMinLength: '密码最小长度',
  passwordMinClasses: '密码至少包含的字符类别数',
  passwordMaxAgeDays: '密码有效期（天，0 为不限）',
  lockoutThreshold: '连续登录失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '会话空闲超时（分钟）',
  sessionAbsoluteHours: '会话最长时长（小时）',
  requireSecondFactorForAdmins: '管理员角色必须启用双因素认证',
};

/**
 * Whether the account must change its password before doing anything else: an administrator set
 * or reset it, or it is older than the policy's maximum age (0 = no limit).
 */
export function passwordChangeDue(
  account: { mustChangePassword: boolean; passwordChangedAt: Date },
  policy: Pick<SecurityPolicy, 'passwordMaxAgeDays'>,
  now: Date,
): boolean {
  if (account.mustChangePassword) return true;
  if (policy.passwordMaxAgeDays === 0) return false;
  return (
    now.getTime() - account.passwordChangedAt.getTime() >= policy.passwordMaxAgeDays * 86_400_000
  );
}

const weakPasswords = new Set([
  'password',
  'password1',
  'password123',
  'admin123',
  'admin@123',
  'qwerty123',
  '123456789',
  '1234567890',
  'abc123456',
  'a123456789',
  'p@ssw0rd',
  'passw0rd',
  'iloveyou',
  'woaini1314',
  '1qaz2wsx',
  '1qaz@wsx',
  'qwe123!@#',
]);

/**
 * Checks a password against the policy; returns the Chinese reasons it fails (empty when it passes).
 * Character classes: lower case, upper case, digits, other symbols.
 */
export function passwordProblems(
  password: string,
  policy: Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses'>,
  username?: string,
): string[] {
  const problems: string[] = [];
  if (password.length < policy.passwordMinLength) {
    problems.push(`密码长度不得少于 ${policy.passwordMinLength} 位`);
  }
  if (password.length > 128) problems.push('密码长度不得超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < policy.passwordMinClasses) {
    problems.push(
      `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类`,
    );
  }
  if (weakPasswords.has(password.toLowerCase())) problems.push('密码过于常见');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不得包含用户名');
  }
  if (/(.)\1{3,}/.test(password)) problems.push('密码不得包含 4 个及以上连续相同字符');
  return problems;
}
