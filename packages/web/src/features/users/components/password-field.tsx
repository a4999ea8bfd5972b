import { Button, Form, Input, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { generatePassword } from '../password';

/**
 * A password set by an administrator (initial or reset), with a button that fills in a generated
 * one. `formName` is the form's name, which prefixes the input's id for the label.
 */
export function PasswordField({
  form,
  formName,
  label,
  testId,
}: {
  form: FormInstance;
  formName: string;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={label}
      required
      htmlFor={`${formName}_password`}
      extra={t('user.initialPasswordHint')}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="password"
          noStyle
          rules={[{ required: true, message: t('common.required', { label }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid={testId} />
        </Form.Item>
        <Button onClick={() => form.setFieldValue('password', generatePassword())}>
          {t('user.generatePassword')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
