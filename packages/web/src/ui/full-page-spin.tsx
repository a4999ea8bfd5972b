import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Centered spinner while the session or a lazy page loads. */
export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '50vh' }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
