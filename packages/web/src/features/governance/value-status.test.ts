import { valueStatuses } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { displayStatusOf, statusColors } from './value-status';

describe('displayStatusOf', () => {
  it('shows the recorded status when the value has one', () => {
    expect(displayStatusOf({ verifier: 'disabled_federation' }, { status: 'ruled' })).toBe('ruled');
    // a row outlives a later change of the catalog that leaves the element without a verifier
    expect(displayStatusOf({ verifier: null }, { status: 'verified' })).toBe('verified');
  });

  it('treats a governed value without a row as never verified stock', () => {
    expect(displayStatusOf({ verifier: 'public_security' }, undefined)).toBe('unverified');
  });

  it('shows nothing for elements nobody verifies, or that the catalog does not know', () => {
    expect(displayStatusOf({ verifier: null }, undefined)).toBeNull();
    expect(displayStatusOf(undefined, undefined)).toBeNull();
  });
});

describe('statusColors', () => {
  it('gives every status its own color', () => {
    const colors = [...valueStatuses, 'unverified' as const].map((s) => statusColors[s]);
    expect(new Set(colors).size).toBe(colors.length);
  });
});
