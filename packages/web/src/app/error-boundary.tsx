import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n/i18n';

interface State {
  error: Error | null;
}

/** The last line of defence: anything the routes' error elements did not catch. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('error.pageCrashed')}
        subTitle={i18n.t('error.pageCrashedDetail')}
        extra={
          <Button type="primary" onClick={() => window.location.assign('/')}>
            {i18n.t('common.backHome')}
          </Button>
        }
      />
    );
  }
}
