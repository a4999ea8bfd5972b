import type { ThemeConfig } from 'antd';

/** Government-portal palette: a deep blue for actions and navigation, the red of the emblem for the brand. */
export const brandRed = '#b3201f';
const navy = '#0b3a6e';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1456a8',
    colorLink: '#1456a8',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: {
      headerBg: navy,
      headerHeight: 60,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: '#f0f2f5',
      triggerBg: '#f5f7fa',
      triggerColor: navy,
    },
    Menu: { itemBg: '#ffffff' },
    Table: { headerBg: '#f5f7fa' },
  },
};
