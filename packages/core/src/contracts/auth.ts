import { z } from 'zod';
import { permissions, roles } from '../access';
import { regionLevels } from '../region';
import { text } from './common';

export const LoginBody = z
  .object({
    username: text('用户名', 64),
    password: z.string({ error: '密码必须是文本' }).min(1, '密码不能为空').max(128, '密码过长'),
  })
  .strict();

export const SecondFactorBody = z
  .object({ code: z.string().regex(/^\d{6}$/, '动态验证码应为 6 位数字') })
  .strict();

export const GrantView = z.object({
  id: z.string(),
  role: z.enum(roles),
  regionCode: z.string(),
  regionName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
});
export type GrantView = z.infer<typeof GrantView>;

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  grants: z.array(GrantView),
  activeGrantId: z.string().nullable(),
  currentRegion: z
    .object({ code: z.string(), name: z.string(), level: z.enum(regionLevels) })
    .nullable(),
  titleLine: z.string(),
  permissions: z.array(z.enum(permissions)),
  secondFactorEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** Where a login stands: done, waiting for the TOTP code, or waiting for TOTP to be set up. */
export const sessionStages = ['full', 'second_factor', 'second_factor_setup'] as const;
export type SessionStage = (typeof sessionStages)[number];

export const SessionState = z.object({
  stage: z.enum(sessionStages).nullable(),
  me: Me.nullable(),
  csrfToken: z.string(),
});
export type SessionState = z.infer<typeof SessionState>;

export const SwitchContextBody = z
  .object({
    grantId: z.uuid('授权编号格式不正确'),
    regionCode: z.string().regex(/^\d{2,15}$/, '区划代码格式不正确'),
  })
  .strict();

export const SecondFactorSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(128),
    newPassword: z.string().min(1, '请输入新密码').max(128, '密码过长'),
  })
  .strict();
