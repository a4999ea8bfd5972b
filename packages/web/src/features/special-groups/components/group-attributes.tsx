import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { describeAttributes } from '../attributes';

/** A membership's facts on one line each: 残疾等级：二级. */
export function GroupAttributes({
  groupCode,
  attributes,
  suffix,
}: {
  groupCode: string;
  attributes: Record<string, unknown>;
  /** Shown after a fact's value (the person view's status badge). */
  suffix?: (key: string) => ReactNode;
}) {
  const facts = describeAttributes(groupCode, attributes);
  if (facts.length === 0) return <>—</>;
  return (
    <div>
      {facts.map((fact) => (
        <div key={fact.key}>
          <Typography.Text type="secondary">{fact.label}：</Typography.Text>
          {fact.value}
          {suffix?.(fact.key)}
        </div>
      ))}
    </div>
  );
}
