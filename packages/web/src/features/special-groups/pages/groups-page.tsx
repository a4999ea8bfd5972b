import { specialGroups, type SpecialGroup } from '@shequ/core';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageContainer } from '../../../ui/page-container';
import { departmentTypeName } from '../attributes';

/** 重点人群: the registers, 关怀对象 beside 重点关注对象, each leading to its members. */
export function GroupsPage() {
  const { t } = useTranslation();
  const column = (category: SpecialGroup['category']) => (
    <Col xs={24} xl={12}>
      <Card
        title={t(`groupCategory.${category}`)}
        extra={
          <Typography.Text type="secondary">{t(`groupCategory.${category}Hint`)}</Typography.Text>
        }
      >
        <Row gutter={[12, 12]}>
          {specialGroups
            .filter((group) => group.category === category)
            .map((group) => (
              <Col key={group.code} xs={24} sm={12}>
                <Link to={`/groups/${group.code}`} data-testid={`group-${group.code}`}>
                  <Card hoverable size="small">
                    <Flex vertical gap={4}>
                      <Typography.Text strong>{group.name}</Typography.Text>
                      <Flex gap={4} wrap>
                        <Tag color="blue">
                          {t('specialGroup.verifier', {
                            department: departmentTypeName(group.verifyingDepartmentType),
                          })}
                        </Tag>
                        {group.hasAttentionLevel && (
                          <Tag color="volcano">{t('specialGroup.graded')}</Tag>
                        )}
                      </Flex>
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
        </Row>
      </Card>
    </Col>
  );
  return (
    <PageContainer title={t('nav.specialGroups')} description={t('specialGroup.pageDescription')}>
      <Row gutter={[16, 16]}>
        {column('care')}
        {column('attention')}
      </Row>
    </PageContainer>
  );
}
