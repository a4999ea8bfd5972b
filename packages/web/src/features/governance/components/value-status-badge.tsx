import type { ElementValueView } from '@shequ/core';
import { Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisplayStatus } from '../value-status';
import { ValueProvenance } from './value-provenance';
import { ValueStatusTag } from './value-status-tag';

interface ValueStatusBadgeProps {
  elementCode: string;
  status: DisplayStatus;
  /** The recorded status and provenance; absent for a value never verified (stock). */
  value: ElementValueView | undefined;
  elementName: string;
  /** The verifying department type's short name, for a value without a row. */
  verifierName: string | null;
  /** After a value on the same line (spaced from it); false where it stands on its own. */
  inline?: boolean;
}

/**
 * The small status tag beside a governed value in the person view; hovering or clicking it shows
 * the value's provenance.
 */
export function ValueStatusBadge({
  elementCode,
  status,
  value,
  elementName,
  verifierName,
  inline = true,
}: ValueStatusBadgeProps) {
  const { t } = useTranslation();
  const content = value ? (
    <div style={{ maxWidth: 380 }}>
      <ValueProvenance value={value} />
    </div>
  ) : (
    <Typography.Paragraph style={{ maxWidth: 300, margin: 0 }}>
      {t('governance.value.stockHint', { verifier: verifierName ?? '—' })}
    </Typography.Paragraph>
  );
  return (
    <Popover
      title={
        value
          ? t('governance.value.popoverTitle', { name: elementName })
          : t('governance.value.stockTitle')
      }
      content={content}
      trigger={['hover', 'click']}
    >
      <span
        style={{ cursor: 'pointer', marginInlineStart: inline ? 8 : 0, display: 'inline-block' }}
        data-testid={`value-badge-${elementCode}`}
      >
        <ValueStatusTag status={status} small />
      </span>
    </Popover>
  );
}
