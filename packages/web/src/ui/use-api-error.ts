import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldProblem } from '../api/problem';
import { i18n } from '../i18n/i18n';
import { markFields } from './form-errors';

/** Joins a title, a detail and leftover field messages into one line without repeating any. */
export function errorText(
  title: string,
  detail: string | undefined,
  rest: readonly FieldProblem[],
) {
  const parts = [...new Set([detail, ...rest.map((problem) => problem.message)])].filter(
    (part): part is string => Boolean(part) && part !== title,
  );
  if (parts.length === 0) return title;
  return i18n.t('error.withDetail', { title, detail: parts.join(i18n.t('error.separator')) });
}

/**
 * The one way a page reports a failed call: field errors go onto the form's fields, the title,
 * detail and anything left over into a message. An expired session is handled by the redirect.
 */
export function useApiErrorHandler() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (!isApiError(error)) {
        console.error(error);
        void message.error(t('error.unexpected'));
        return;
      }
      if (error.status === 401 && error.code === 'UNAUTHENTICATED') return;
      const rest = form ? markFields(form, error.fieldErrors) : error.fieldErrors;
      // A detail that only lists the field messages says nothing the marked fields do not.
      const detailRepeatsFields =
        rest.length < error.fieldErrors.length &&
        error.fieldErrors.every((problem) => error.detail?.includes(problem.message));
      const detail = detailRepeatsFields ? undefined : error.detail;
      void message.error({ content: errorText(error.title, detail, rest), duration: 5 });
    },
    [message, t],
  );
}

/** Reports problems found before sending (client-side validation) that no field could show. */
export function useFieldProblemNotice() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (unplaced: readonly FieldProblem[]) => {
      void message.warning(errorText(t('error.checkForm'), undefined, unplaced));
    },
    [message, t],
  );
}
