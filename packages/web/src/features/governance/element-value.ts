import { elementCodeSet, findDataElement, type CodeSet } from '@shequ/core';

/** How a value of an element is entered: from its code table, yes/no, a date, or free text. */
export type ValueInputKind =
  | { kind: 'code'; codeSet: CodeSet }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'number' }
  | { kind: 'text' };

export function valueInputOf(elementCode: string | undefined): ValueInputKind {
  const element = elementCode ? findDataElement(elementCode) : undefined;
  if (!element) return { kind: 'text' };
  switch (element.type) {
    case 'code': {
      const codeSet = elementCodeSet(element);
      return codeSet ? { kind: 'code', codeSet } : { kind: 'text' };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'date':
      return { kind: 'date' };
    case 'number':
      return { kind: 'number' };
    case 'text':
      return { kind: 'text' };
  }
}
