import type { FieldCipher } from '../../crypto/field-cipher';

/** The sensitive values of a person, kept encrypted together in `person.pii`. */
export interface PiiValues {
  idNumber: string;
  phone: string | null;
  registeredAddress: string | null;
  currentAddress: string | null;
}

export const piiFields = ['idNumber', 'phone', 'registeredAddress', 'currentAddress'] as const;

/**
 * One AES-256-GCM envelope per person: one cipher operation instead of four keeps a
 * million-row import within budget, and the history can still tell which value changed by
 * opening the old and new envelopes.
 */
export function sealPii(cipher: FieldCipher, values: PiiValues): string {
  return cipher.encrypt(
    JSON.stringify([
      values.idNumber,
      values.phone,
      values.registeredAddress,
      values.currentAddress,
    ]),
  );
}

export function openPii(cipher: FieldCipher, stored: string): PiiValues {
  const parsed = JSON.parse(cipher.decrypt(stored)) as [
    string,
    string | null,
    string | null,
    string | null,
  ];
  return {
    idNumber: parsed[0],
    phone: parsed[1],
    registeredAddress: parsed[2],
    currentAddress: parsed[3],
  };
}

export function samePii(a: PiiValues, b: PiiValues): boolean {
  return piiFields.every((f) => a[f] === b[f]);
}

/** The blind index of a phone number: digits only. */
export function phoneIndexOf(cipher: FieldCipher, phone: string | null): string | null {
  return phone ? cipher.blindIndex(`tel:${phone.replace(/\D/g, '')}`) : null;
}

/** The blind index of a document number: upper-case, no spaces. */
export function documentIndexOf(cipher: FieldCipher, idNumber: string): string {
  return cipher.blindIndex(documentIndexInput(idNumber));
}

/** What the blind index of an ID number is computed over: the number without spaces, upper case. */
export function documentIndexInput(idNumber: string): string {
  return `doc:${idNumber.replace(/\s/g, '').toUpperCase()}`;
}
