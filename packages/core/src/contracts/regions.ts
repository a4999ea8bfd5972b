import { z } from 'zod';
import { RegionCode, regionChangeKinds, regionLevels } from '../region';
import { CalendarDate, text } from './common';

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
  path: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  childCount: z.number().int(),
});
export type Region = z.infer<typeof Region>;

export const RegionDetail = z.object({
  region: Region,
  ancestors: z.array(Region),
  children: z.array(Region),
  titleLine: z.string(),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionSearchQuery = z
  .object({
    q: text('搜索词', 50),
    level: z.enum(regionLevels).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const RegionSearchHit = Region.extend({ fullName: z.string() });
export const RegionSearchResult = z.object({ items: z.array(RegionSearchHit) });

export const RegionCodeParam = z.object({ code: RegionCode }).strict();

export const CreateGridBody = z
  .object({
    name: text('网格名称', 50),
    validFrom: CalendarDate.optional(),
  })
  .strict();

export const RegionChangeBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rename'),
      name: text('新名称', 50),
      effectiveDate: CalendarDate,
      reason: text('变更原因', 200),
    })
    .strict(),
  z
    .object({
      kind: z.literal('merge'),
      /** The region this one is merged into; this region is closed. */
      targetCode: RegionCode,
      effectiveDate: CalendarDate,
      reason: text('变更原因', 200),
    })
    .strict(),
  z
    .object({
      kind: z.literal('split'),
      into: z
        .array(z.object({ code: RegionCode, name: text('名称', 50) }).strict())
        .min(2, '拆分至少产生两个区域')
        .max(20),
      effectiveDate: CalendarDate,
      reason: text('变更原因', 200),
    })
    .strict(),
  z
    .object({
      kind: z.literal('abolish'),
      effectiveDate: CalendarDate,
      reason: text('变更原因', 200),
    })
    .strict(),
]);
export type RegionChangeBody = z.infer<typeof RegionChangeBody>;

export const RegionChange = z.object({
  id: z.string(),
  kind: z.enum(regionChangeKinds),
  regionCode: z.string(),
  effectiveDate: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  recordedAt: z.string(),
});
export const RegionChangeList = z.object({ items: z.array(RegionChange) });
