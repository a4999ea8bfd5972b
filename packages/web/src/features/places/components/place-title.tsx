import type { PlaceView } from '@shequ/core';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A tree node: the place's name and, in grey, how many people live there. */
export function PlaceTitle({ place }: { place: PlaceView }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'baseline', flexWrap: 'wrap' }}>
      <span style={{ whiteSpace: 'nowrap' }}>{place.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {t('place.residents', { count: place.residentCount })}
      </Typography.Text>
    </span>
  );
}
