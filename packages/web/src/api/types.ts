import type {
  AuditVerifyResult as AuditVerifyResultSchema,
  DepartmentType as DepartmentTypeSchema,
  DuplicateGroup as DuplicateGroupSchema,
  GroupRegisterRow as GroupRegisterRowSchema,
  HistoryChange as HistoryChangeSchema,
  HouseholdMemberView as HouseholdMemberViewSchema,
  ImportRowView as ImportRowViewSchema,
  OrgUnitView as OrgUnitViewSchema,
  PersonHouseView as PersonHouseViewSchema,
  RegionChange as RegionChangeSchema,
  RegionSearchHit as RegionSearchHitSchema,
  UnmaskedValues as UnmaskedValuesSchema,
} from '@shequ/core';

/** What a contract schema parses to; for the contracts that export no type of their own. */
export type Output<S extends { parse(input: unknown): unknown }> = ReturnType<S['parse']>;

export type RegionChange = Output<typeof RegionChangeSchema>;
export type RegionSearchHit = Output<typeof RegionSearchHitSchema>;
export type DepartmentType = Output<typeof DepartmentTypeSchema>;
export type AuditVerifyResult = Output<typeof AuditVerifyResultSchema>;
export type HouseholdMemberView = Output<typeof HouseholdMemberViewSchema>;
export type PersonHouseView = Output<typeof PersonHouseViewSchema>;
export type HistoryChange = Output<typeof HistoryChangeSchema>;
export type UnmaskedValues = Output<typeof UnmaskedValuesSchema>;
export type DuplicateGroup = Output<typeof DuplicateGroupSchema>;
export type GroupRegisterRow = Output<typeof GroupRegisterRowSchema>;
export type ImportRowView = Output<typeof ImportRowViewSchema>;
export type OrgUnitView = Output<typeof OrgUnitViewSchema>;
