import { App, Button, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useRequestCode } from '../api';
import { CODE_RESEND_SECONDS, secondsLeft } from '../countdown';

/**
 * 获取验证码: checks the phone field, asks the server to text a code, then counts down the minute
 * before another may be asked. A 429 (asked again too soon) starts the countdown as well.
 */
export function SmsCodeButton({ form, phoneField }: { form: FormInstance; phoneField: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const requestCode = useRequestCode();
  const [until, setUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(until, now);

  useEffect(() => {
    if (until === undefined) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= until) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [until]);

  const wait = () => {
    const at = Date.now();
    setNow(at);
    setUntil(at + CODE_RESEND_SECONDS * 1000);
  };

  const ask = async () => {
    let phone: string;
    try {
      phone = ((await form.validateFields([phoneField])) as Record<string, string>)[phoneField]!;
    } catch {
      return;
    }
    requestCode.mutate(phone.trim(), {
      onSuccess: () => {
        wait();
        void message.success(t('applications.apply.codeSent'));
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'RATE_LIMITED') wait();
        onError(error, form);
      },
    });
  };

  return (
    <Button
      onClick={() => void ask()}
      disabled={left > 0}
      loading={requestCode.isPending}
      style={{ minWidth: 132 }}
      data-testid="apply-code-request"
    >
      {left > 0
        ? t('applications.apply.codeWait', { count: left })
        : t('applications.apply.getCode')}
    </Button>
  );
}
