import type { DataElementView, SharingAgreementView } from '@shequ/core';
import { subjectOf } from '../governance/responsibility-matrix';

/** What the agreement form holds before it becomes a request body. */
export interface AgreementFormValues {
  clientRef?: string;
  purposeCode?: string;
  purpose?: string;
  elementCodes?: string[];
  regionCode?: string;
  /** YYYY-MM-DD */
  validFrom?: string;
  /** YYYY-MM-DD; empty: open-ended. */
  validTo?: string | null;
  rateLimitPerMinute?: number | null;
}

/**
 * The request body of a new agreement (checked against the contract before it is sent): an
 * empty end date means open-ended, the purpose code is lower-cased as the server expects.
 */
export function agreementBody(values: AgreementFormValues) {
  return {
    clientRef: values.clientRef ?? '',
    purposeCode: (values.purposeCode ?? '').trim().toLowerCase(),
    purpose: values.purpose ?? '',
    elementCodes: values.elementCodes ?? [],
    regionCode: values.regionCode ?? '',
    validFrom: values.validFrom ?? '',
    validTo: values.validTo || null,
    rateLimitPerMinute: values.rateLimitPerMinute ?? Number.NaN,
  };
}

/**
 * Where an agreement stands for a reader today: in force, not yet in force, expired, or ended by
 * the administrator. `today` is the China calendar date (YYYY-MM-DD).
 */
export type AgreementState = 'inForce' | 'notYet' | 'expired' | 'ended';

export function agreementState(
  agreement: Pick<SharingAgreementView, 'status' | 'validNow' | 'validFrom' | 'validTo'>,
  today: string,
): AgreementState {
  if (agreement.status === 'ended') return 'ended';
  if (agreement.validNow) return 'inForce';
  return agreement.validFrom > today ? 'notYet' : 'expired';
}

/** A node of the element picker: a subject (the person, a register) holding its elements. */
export interface ElementTreeNode {
  title: string;
  value: string;
  key: string;
  children?: ElementTreeNode[];
}

/**
 * The catalog as a tree for picking many elements: person attributes first, then each register
 * with its membership and fields, as the catalog page groups them; checking a register picks all
 * of it. Subject nodes have values that are no element code (`subject:…`).
 */
export function elementTree(
  elements: readonly Pick<DataElementView, 'code' | 'name'>[],
  labels: { person: string; register: (name: string) => string },
): ElementTreeNode[] {
  const groups = new Map<string, ElementTreeNode>();
  for (const element of elements) {
    const subject = subjectOf(element.code);
    const key = subject.kind === 'person' ? 'subject:person' : `subject:${subject.code}`;
    const group = groups.get(key) ?? {
      title: subject.kind === 'person' ? labels.person : labels.register(subject.name),
      value: key,
      key,
      children: [],
    };
    group.children!.push({ title: element.name, value: element.code, key: element.code });
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => Number(b.key === 'subject:person') - Number(a.key === 'subject:person'),
  );
}
