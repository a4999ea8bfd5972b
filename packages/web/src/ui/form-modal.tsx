import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormModalProps<T> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  /** Form name; also prefixes the field ids (`name_field`), which e2e tests rely on. */
  name: string;
  onSubmit: (values: T) => void;
  onCancel: () => void;
  submitting?: boolean;
  okText?: ReactNode;
  width?: number;
  initialValues?: Partial<T>;
  children: ReactNode;
}

/** A modal whose body is a form: OK submits it, Enter submits it, closing discards it. */
export function FormModal<T>({
  open,
  title,
  form,
  name,
  onSubmit,
  onCancel,
  submitting,
  okText,
  width,
  initialValues,
  children,
}: FormModalProps<T>) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      okButtonProps={{ htmlType: 'submit', loading: submitting }}
      onCancel={onCancel}
      destroyOnHidden
      mask={{ closable: false }}
      modalRender={(dom) => (
        <Form<T>
          form={form}
          name={name}
          layout="vertical"
          initialValues={initialValues}
          clearOnDestroy
          onFinish={onSubmit}
          scrollToFirstError
        >
          {dom}
        </Form>
      )}
    >
      {children}
    </Modal>
  );
}
