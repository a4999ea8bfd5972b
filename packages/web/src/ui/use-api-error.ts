import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldProblem } from '../api/problem';
import { markFields } from './form-errors';

/** Joins a title, a detail and leftover field messages into one line without repeating any. */
export function errorText(title: string, detail: string | undefined, rest: readonly FieldProblem[]) {
  const parts = [...new Set([detail, ...rest.map((problem) => problem.message)])].filter(
    (part): part is string => Boolean(part) && part !== title,
  );
  return parts.length === 0 ? title : `${title}：${parts.join('；')}`;
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
      void message.error({ content: errorText(error.title, error.detail, rest), duration: 5 });
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
