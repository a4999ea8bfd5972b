import { useQuery } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { regionDetailQuery } from '../api';

/** A region's name from its code (cached), the code itself until it loads or if it cannot. */
export function RegionName({ code }: { code: string }) {
  const detail = useQuery(regionDetailQuery(code));
  return (
    <Tooltip title={code}>
      <span>{detail.data?.region.name ?? code}</span>
    </Tooltip>
  );
}
