import { z } from 'zod';

/** application/problem+json body of every error response. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** A bounded single-line text: trimmed, non-empty, at most `max` characters. */
export function text(label: string, max: number) {
  return z
    .string({ error: `${label}必须是文本` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不得超过 ${max} 个字符`);
}

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从 1 开始').max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A page of items with the total count. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const Ok = z.object({ ok: z.literal(true) });

/** Calendar date, YYYY-MM-DD, kept as a string end to end. */
export const CalendarDate = z.iso.date('日期格式应为 YYYY-MM-DD');
