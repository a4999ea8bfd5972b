import { App as AntApp, ConfigProvider } from 'antd';
import 'antd/dist/reset.css';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { appTheme } from './theme';

/** The only place that configures Ant Design: locale, theme, and the App context for messages. */
export function UiProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  dayjs.locale(english ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={appTheme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
