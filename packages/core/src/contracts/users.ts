import { z } from 'zod';
import { roles } from '../access';
import { RegionCode } from '../region';
import { PageQuery, text } from './common';
import { GrantView } from './auth';

export const userStatuses = ['active', 'disabled'] as const;

export const GrantInput = z
  .object({
    role: z.enum(roles, { error: '角色不存在' }),
    regionCode: RegionCode,
    departmentId: z.uuid('部门编号格式不正确').nullable().optional(),
  })
  .strict();
export type GrantInput = z.infer<typeof GrantInput>;

export const Phone = z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确');

export const CreateUserBody = z
  .object({
    username: z
      .string({ error: '用户名必须是文本' })
      .regex(
        /^[a-z][a-z0-9_.-]{2,31}$/,
        '用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母开头',
      ),
    displayName: text('姓名', 50),
    phone: Phone.nullable().optional(),
    homeRegionCode: RegionCode,
    password: z.string().min(1, '请设置初始密码').max(128, '密码过长'),
    grants: z.array(GrantInput).min(1, '至少授予一个角色').max(20),
  })
  .strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    displayName: text('姓名', 50).optional(),
    phone: Phone.nullable().optional(),
    status: z.enum(userStatuses).optional(),
  })
  .strict();

export const ResetPasswordBody = z
  .object({ password: z.string().min(1, '请设置新密码').max(128, '密码过长') })
  .strict();

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(50, '搜索词不得超过 50 个字符').optional(),
  role: z.enum(roles).optional(),
  regionCode: RegionCode.optional(),
  status: z.enum(userStatuses).optional(),
}).strict();

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  homeRegionCode: z.string(),
  homeRegionName: z.string(),
  status: z.enum(userStatuses),
  locked: z.boolean(),
  secondFactorEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(GrantView),
});
export type UserView = z.infer<typeof UserView>;
