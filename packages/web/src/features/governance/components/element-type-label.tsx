import { useTranslation } from 'react-i18next';
import { knownElementType } from '../labels';

/** 文本 / 代码 / 日期 / 数值 / 是否. */
export function ElementTypeLabel({ type }: { type: string }) {
  const { t } = useTranslation();
  const known = knownElementType(type);
  return <>{known ? t(`elementType.${known}`) : type}</>;
}
