import type {
  AuditVerifyResult as AuditVerifyResultSchema,
  DepartmentType as DepartmentTypeSchema,
  RegionChange as RegionChangeSchema,
  RegionSearchHit as RegionSearchHitSchema,
} from '@shequ/core';

/** What a contract schema parses to; for the contracts that export no type of their own. */
export type Output<S extends { parse(input: unknown): unknown }> = ReturnType<S['parse']>;

export type RegionChange = Output<typeof RegionChangeSchema>;
export type RegionSearchHit = Output<typeof RegionSearchHitSchema>;
export type DepartmentType = Output<typeof DepartmentTypeSchema>;
export type AuditVerifyResult = Output<typeof AuditVerifyResultSchema>;
