import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../ui/page-container';
import { useMe } from '../../auth/components/me-provider';
import { SecondFactorSetup } from '../../auth/components/second-factor-setup';
import { ChangePasswordCard } from '../components/change-password-card';

/** 个人设置: who I am, my grants, my second factor and my password. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [rebinding, setRebinding] = useState(false);

  return (
    <PageContainer title={t('nav.profile')}>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('profile.mustChangePassword')} />
      )}
      <Card title={t('profile.account')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'username', label: t('user.username'), children: me.username },
            { key: 'name', label: t('user.displayName'), children: me.displayName },
            {
              key: 'grants',
              label: t('user.grants'),
              span: 2,
              children: (
                <Flex gap={4} wrap>
                  {me.grants.map((grant) => (
                    <Tag key={grant.id} color={grant.id === me.activeGrantId ? 'blue' : undefined}>
                      {t(`role.${grant.role}`)} · {grant.regionName}
                      {grant.departmentName ? ` · ${grant.departmentName}` : ''}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.secondFactor')} style={{ height: '100%' }}>
            {me.secondFactorEnabled && !rebinding ? (
              <Flex vertical gap={12} align="flex-start">
                <Space>
                  <CheckCircleFilled style={{ color: '#52c41a', fontSize: 20 }} />
                  <Typography.Text strong>{t('profile.secondFactorOn')}</Typography.Text>
                </Space>
                <Typography.Text type="secondary">
                  {t('profile.secondFactorOnHint')}
                </Typography.Text>
                <Typography.Link onClick={() => setRebinding(true)}>
                  {t('profile.rebind')}
                </Typography.Link>
              </Flex>
            ) : (
              <SecondFactorSetup onEnabled={() => setRebinding(false)} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <ChangePasswordCard />
        </Col>
      </Row>
    </PageContainer>
  );
}
