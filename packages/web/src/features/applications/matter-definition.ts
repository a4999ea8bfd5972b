import {
  defaultDataElements,
  elementCodeSet,
  findCodeSet,
  matterCategories,
  matterFieldTypes,
  matterLevels,
  rolePermissions,
  roles,
  stepKinds,
  type CodeSet,
  type MatterCategory,
  type Me,
} from '@shequ/core';
import { z } from 'zod';

/**
 * The parts of a matter definition (core's ServiceMatter, sent as an open record) that the web
 * shows and builds the intake form from, checked at the boundary like any other response.
 */
export const MatterDefinition = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(matterCategories),
  departmentType: z.string(),
  acceptLevel: z.enum(matterLevels),
  decideLevel: z.enum(matterLevels),
  conditions: z.array(z.string()),
  legalBasis: z.array(z.string()),
  materials: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      required: z.boolean(),
      form: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  form: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(matterFieldTypes),
      required: z.boolean(),
      codeSet: z.string().optional(),
      element: z.string().optional(),
      maxLength: z.number().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      help: z.string().optional(),
    }),
  ),
  timeLimitDays: z.number(),
  steps: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      kind: z.enum(stepKinds),
      level: z.enum(matterLevels),
      role: z.enum(roles),
      departmentType: z.string().optional(),
      countersign: z.array(z.string()).optional(),
      days: z.number(),
    }),
  ),
  fee: z.string(),
  online: z.boolean(),
  result: z.object({ kind: z.string(), title: z.string() }),
});
export type MatterDefinition = z.infer<typeof MatterDefinition>;
export type MatterFormField = MatterDefinition['form'][number];

/** The definition of a matter, or undefined when it is not one the client can show. */
export function parseMatterDefinition(definition: unknown): MatterDefinition | undefined {
  const parsed = MatterDefinition.safeParse(definition);
  if (!parsed.success) console.error('matter definition does not match', parsed.error.issues);
  return parsed.success ? parsed.data : undefined;
}

/** A code set by id: the national ones, and the platform's own that data elements use. */
export function matterCodeSet(id: string | undefined): CodeSet | undefined {
  if (!id) return undefined;
  const element = defaultDataElements.find((e) => e.codeSet === id);
  return findCodeSet(id) ?? (element && elementCodeSet(element));
}

/** Whether a summary's category is one the client has a label for. */
export const isMatterCategory = (category: string): category is MatterCategory =>
  (matterCategories as readonly string[]).includes(category);

/**
 * Whether the user manages the catalog of the city they are working in: `matter:manage` over the
 * whole city (a county's administrator reads the city's catalog but does not change it; the
 * server refuses it too).
 */
export function managesMatterCatalog(me: Me): boolean {
  const city = (me.currentRegion?.code ?? '').slice(0, 4);
  return me.grants.some(
    (g) =>
      rolePermissions[g.role].includes('matter:manage') &&
      g.regionCode.length <= 4 &&
      city.startsWith(g.regionCode),
  );
}
