import type { PersonFlag } from '@shequ/core';
import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { knownDerivedTag } from '../labels';

const flagCodes: readonly PersonFlag[] = ['birth_date_mismatch', 'sex_mismatch'];

interface PersonTagsProps {
  derivedTags: readonly string[];
  tags: readonly string[];
  flags: readonly string[];
}

/**
 * A person's tags: the derived ones (age bands, 独居老人) in blue, the typed ones in grey, and one
 * warning tag 待核实 when stated values disagree with the ID number.
 */
export function PersonTags({ derivedTags, tags, flags }: PersonTagsProps) {
  const { t } = useTranslation();
  const style = { marginInlineEnd: 0 };
  if (derivedTags.length + tags.length + flags.length === 0) return <>—</>;
  return (
    <Flex gap={4} wrap>
      {flags.length > 0 && (
        <Tooltip
          title={flags
            .map((flag) => {
              const known = flagCodes.find((code) => code === flag);
              return known ? t(`personFlag.${known}`) : flag;
            })
            .join(t('error.separator'))}
        >
          <Tag color="warning" style={style} data-testid="person-flag">
            {t('person.toVerify')}
          </Tag>
        </Tooltip>
      )}
      {derivedTags.map((tag) => {
        const known = knownDerivedTag(tag);
        return (
          <Tag key={tag} color="blue" style={style}>
            {known ? t(`derivedTag.${known}`) : tag}
          </Tag>
        );
      })}
      {tags.map((tag) => (
        <Tag key={tag} style={style}>
          {tag}
        </Tag>
      ))}
    </Flex>
  );
}
