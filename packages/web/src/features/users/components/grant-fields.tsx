import { MinusCircleOutlined } from '@ant-design/icons';
import { roleRequiresDepartment, roles, type Role } from '@shequ/core';
import { Button, Flex, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/components/me-provider';
import { DepartmentSelect } from '../../departments/components/department-select';
import { RegionSearchSelect } from '../../regions/components/region-search-select';

/** Staff roles an administrator may grant; residents sign up through the resident portal. */
export const grantableRoles = roles.filter((role) => role !== 'resident');

interface GrantFieldsProps {
  /** Name prefix relative to the enclosing Form.List (`[0]`), or `[]` in a plain form. */
  name: (string | number)[];
  /** The same fields' absolute path (`['grants', 0]`), for watching their values. */
  path: (string | number)[];
  onRemove?: () => void;
}

/** One grant: a role over a region subtree, with a department when the role needs one. */
export function GrantFields({ name, path, onRemove }: GrantFieldsProps) {
  const { t } = useTranslation();
  const me = useMe();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>([...path, 'role'], form);
  const regionCode = Form.useWatch<string | undefined>([...path, 'regionCode'], form);
  const needsDepartment = role !== undefined && roleRequiresDepartment(role);
  const regionOptions = [
    ...new Map(
      me.grants.map((g) => [g.regionCode, { value: g.regionCode, label: g.regionName }]),
    ).values(),
  ];

  return (
    <Flex gap={8} align="flex-start" wrap>
      <Form.Item
        name={[...name, 'role']}
        rules={[{ required: true, message: t('user.roleRequired') }]}
        style={{ flex: '0 0 200px', marginBottom: 12 }}
      >
        <Select
          placeholder={t('user.role')}
          aria-label={t('user.role')}
          options={grantableRoles.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name={[...name, 'regionCode']}
        rules={[{ required: true, message: t('user.grantRegionRequired') }]}
        style={{ flex: '1 1 220px', marginBottom: 12, minWidth: 0 }}
      >
        <RegionSearchSelect defaultOptions={regionOptions} placeholder={t('user.grantRegion')} />
      </Form.Item>
      {needsDepartment && (
        <Form.Item
          name={[...name, 'departmentId']}
          rules={[{ required: true, message: t('user.departmentRequired') }]}
          style={{ flex: '0 0 200px', marginBottom: 12 }}
        >
          <DepartmentSelect regionCode={regionCode} />
        </Form.Item>
      )}
      {onRemove && (
        <Button
          type="text"
          icon={<MinusCircleOutlined />}
          aria-label={t('common.remove')}
          onClick={onRemove}
        />
      )}
    </Flex>
  );
}
