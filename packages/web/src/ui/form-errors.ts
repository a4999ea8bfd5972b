import type { FormInstance } from 'antd';
import { issuesToFieldProblems, placeFieldErrors, type FieldProblem } from '../api/problem';

/** Marks the fields named by the problems; returns those that name no field of the form. */
export function markFields(form: FormInstance, problems: readonly FieldProblem[]): FieldProblem[] {
  if (problems.length === 0) return [];
  const names = form.getFieldsError().map((field) => field.name);
  const { fields, unplaced } = placeFieldErrors(problems, names);
  form.setFields(fields);
  return unplaced;
}

interface SafeParser<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

/**
 * Checks form values against the shared contract before sending them, so the user sees the same
 * messages the server would give. Returns the parsed body, or undefined after marking the fields.
 */
export function validateForm<T>(
  form: FormInstance,
  schema: SafeParser<T>,
  values: unknown,
): { data: T } | { unplaced: FieldProblem[] } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data };
  return { unplaced: markFields(form, issuesToFieldProblems(result.error.issues)) };
}

/**
 * An antd rule that checks one field with a schema from the shared contracts, so a field is
 * marked as soon as it is left (username format, phone format) with the server's own message.
 * Empty values are left to the `required` rule.
 */
export function schemaRule(schema: SafeParser<unknown>) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message);
    },
  };
}
