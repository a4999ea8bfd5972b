import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Divider, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { documentCheckQuery } from '../api';
import { PublicFrame } from '../components/public-frame';

const CODE = /^[A-Za-z0-9]{12}$/;

/** 文书核验 (public): anyone holding a decision or certificate checks it by its code. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const initial = params.get('code')?.trim().toUpperCase() ?? '';
  const [code, setCode] = useState(CODE.test(initial) ? initial : '');
  const checked = useQuery(documentCheckQuery(code));

  return (
    <PublicFrame title={t('applications.verify.title')}>
      <Typography.Paragraph type="secondary">{t('applications.verify.hint')}</Typography.Paragraph>
      <Form<{ code: string }>
        name="verify"
        layout="inline"
        initialValues={{ code: initial }}
        onFinish={(values) => {
          const next = values.code.trim().toUpperCase();
          setCode(next);
          setParams({ code: next }, { replace: true });
        }}
      >
        <Form.Item
          name="code"
          label={t('applications.document.verificationCode')}
          rules={[
            { required: true, whitespace: true, message: t('applications.verify.codeRequired') },
            { pattern: CODE, message: t('applications.verify.codeInvalid') },
          ]}
        >
          <Input
            maxLength={12}
            style={{ width: 220, fontFamily: 'monospace', letterSpacing: 1 }}
            data-testid="verify-code"
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined />}
            loading={checked.isFetching}
            data-testid="verify-submit"
          >
            {t('applications.verify.submit')}
          </Button>
        </Form.Item>
      </Form>
      {code && (
        <>
          <Divider />
          {checked.isPending ? (
            <Skeleton active />
          ) : checked.isError ? (
            <Result
              status="error"
              title={t('applications.verify.notFound')}
              subTitle={
                isApiError(checked.error)
                  ? (checked.error.detail ?? checked.error.title)
                  : t('error.unexpected')
              }
              data-testid="verify-result"
            />
          ) : (
            <Result
              status={checked.data.valid ? 'success' : 'warning'}
              title={
                checked.data.valid
                  ? t('applications.verify.valid')
                  : t('applications.verify.invalid')
              }
              subTitle={checked.data.title}
              data-testid="verify-result"
              data-valid={String(checked.data.valid)}
            >
              <Descriptions
                bordered
                size="small"
                column={1}
                items={[
                  {
                    key: 'title',
                    label: t('applications.verify.docTitle'),
                    children: checked.data.title,
                  },
                  {
                    key: 'number',
                    label: t('applications.verify.documentNumber'),
                    children: checked.data.documentNumber,
                  },
                  {
                    key: 'decision',
                    label: t('applications.verify.decision'),
                    children: t(`applications.document.decision.${checked.data.decision}`),
                  },
                  {
                    key: 'matter',
                    label: t('applications.matterName'),
                    children: checked.data.matterName,
                  },
                  {
                    key: 'applicant',
                    label: t('applications.applicant'),
                    children: checked.data.applicantName,
                  },
                  {
                    key: 'issuer',
                    label: t('applications.verify.issuer'),
                    children: checked.data.issuerName,
                  },
                  {
                    key: 'issuedOn',
                    label: t('applications.verify.issuedOn'),
                    children: checked.data.issuedOn,
                  },
                ]}
              />
            </Result>
          )}
        </>
      )}
    </PublicFrame>
  );
}
