import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('keeps a path inside the app', () => {
    expect(safeRedirect('/users?page=2')).toBe('/users?page=2');
  });

  it('refuses links that leave the site', () => {
    expect(safeRedirect('//evil.example/x')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
  });

  it('does not loop back to the login page', () => {
    expect(safeRedirect('/login?expired=1')).toBe('/');
  });

  it('falls back to the dashboard without a target', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect('')).toBe('/');
  });
});
