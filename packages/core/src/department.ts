/**
 * Department types (条线部门) that verify data and handle services. Codes are the platform's own;
 * a city may add more. Names follow the usual county-level naming (…局/…委员会).
 */
export const departmentTypes = [
  { code: 'civil_affairs', shortName: '民政', name: '民政局' },
  { code: 'human_resources', shortName: '人社', name: '人力资源和社会保障局' },
  { code: 'health', shortName: '卫健', name: '卫生健康委员会' },
  { code: 'public_security', shortName: '公安', name: '公安局' },
  { code: 'disabled_federation', shortName: '残联', name: '残疾人联合会' },
  { code: 'justice', shortName: '司法', name: '司法局' },
  { code: 'education', shortName: '教育', name: '教育局' },
  { code: 'culture', shortName: '文化', name: '文化广电和旅游局' },
  { code: 'sports', shortName: '体育', name: '体育局' },
  { code: 'housing', shortName: '住建', name: '住房和城乡建设局' },
  { code: 'commerce', shortName: '商务', name: '商务局' },
  { code: 'medical_insurance', shortName: '医保', name: '医疗保障局' },
  { code: 'veterans_affairs', shortName: '退役军人事务', name: '退役军人事务局' },
  { code: 'organization', shortName: '组织部', name: '党委组织部' },
  { code: 'informatization', shortName: '信息化主管部门', name: '大数据管理局' },
] as const;

export type DepartmentTypeCode = (typeof departmentTypes)[number]['code'];

/** The usual name of a department unit: region name + type name (玄武区 + 民政局). */
export function departmentUnitName(regionName: string, typeCode: string): string {
  const type = departmentTypes.find((t) => t.code === typeCode);
  return `${regionName}${type?.name ?? ''}`;
}
