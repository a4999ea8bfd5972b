import { z } from 'zod';
import { RegionCode } from '../region';
import { text } from './common';

export const DepartmentType = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
});
export const DepartmentTypeList = z.object({ items: z.array(DepartmentType) });

export const Department = z.object({
  id: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
});
export type Department = z.infer<typeof Department>;
export const DepartmentList = z.object({ items: z.array(Department) });

export const DepartmentListQuery = z
  .object({ regionCode: RegionCode.optional(), typeCode: z.string().max(32).optional() })
  .strict();

export const CreateDepartmentBody = z
  .object({
    typeCode: z.string().regex(/^[a-z_]{2,32}$/, '部门类型代码格式不正确'),
    regionCode: RegionCode,
    name: text('部门名称', 60).optional(),
  })
  .strict();
