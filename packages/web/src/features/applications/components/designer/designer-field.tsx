import { Col, Form } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';

const ProblemsContext = createContext<ReadonlyMap<string, readonly string[]>>(new Map());

/** Makes the designer's problems, by input key, available to every DesignerField below. */
export const DesignerProblemsProvider = ProblemsContext.Provider;

/** The messages of one input (`form.2.label`), empty when it has none. */
export function useProblems(key: string): readonly string[] {
  return useContext(ProblemsContext).get(key) ?? [];
}

/** How many messages the inputs under a key prefix have (`form.2.` — one field's inputs). */
export function useProblemCount(prefix: string): number {
  let count = 0;
  for (const [key, messages] of useContext(ProblemsContext)) {
    if (key.startsWith(prefix)) count += messages.length;
  }
  return count;
}

interface DesignerFieldProps {
  /** The problem key of the input (see matter-draft's problemKey). */
  problemKey: string;
  label?: ReactNode;
  extra?: ReactNode;
  required?: boolean;
  /** Grid columns out of 24. */
  span?: number;
  children: ReactNode;
}

/**
 * One input of the designer in its grid cell, marked with the problems found in it: the same
 * messages the server would answer with, shown as the person types.
 */
export function DesignerField({
  problemKey,
  label,
  extra,
  required,
  span = 24,
  children,
}: DesignerFieldProps) {
  const messages = useProblems(problemKey);
  return (
    <Col xs={24} md={span} data-problem-key={problemKey}>
      <Form.Item
        label={label}
        extra={extra}
        required={required}
        validateStatus={messages.length > 0 ? 'error' : undefined}
        help={
          messages.length > 0
            ? messages.map((message) => <div key={message}>{message}</div>)
            : undefined
        }
        style={{ marginBottom: 12 }}
      >
        {children}
      </Form.Item>
    </Col>
  );
}
