import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { baseURL, DEMO_PASSWORD } from './browser';

/**
 * A signed-in API session outside the browser (cookies and the CSRF token kept by hand), for
 * setting up what a test needs but does not test: an account, a person.
 */
export class ApiSession {
  private cookies = new Map<string, string>();
  private csrfToken = '';

  private constructor() {}

  static async login(username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const session = new ApiSession();
    // the login itself needs the CSRF token the session endpoint hands out (cookie and header)
    session.csrfToken = (
      await session.call<{ csrfToken: string }>('GET', '/api/auth/session')
    ).csrfToken;
    const state = await session.call<{ csrfToken: string }>('POST', '/api/auth/login', {
      username,
      password,
    });
    session.csrfToken = state.csrfToken;
    return session;
  }

  async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${baseURL()}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await response.text();
    expect(response.ok, `${method} ${path} → ${response.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * Creates a department reviewer for a department type at a region (the demo seeds the county's
 * departments but only a 民政 reviewer) through the system administrator's API, and sets the
 * demo password on the first login as a new user must. Returns the username.
 */
export async function createDepartmentReviewer(
  typeCode: string,
  regionCode: string,
  displayName: string,
): Promise<string> {
  const admin = await ApiSession.login('sysadmin');
  const departments = await admin.call<{ items: { id: string; regionCode: string }[] }>(
    'GET',
    `/api/departments?regionCode=${regionCode}&typeCode=${typeCode}`,
  );
  const department = departments.items.find((d) => d.regionCode === regionCode);
  expect(department, `no ${typeCode} department at ${regionCode}`).toBeDefined();
  const username = `e2e.${typeCode.split('_')[0]}.${randomBytes(3).toString('hex')}`;
  // random; a dash every two characters: never four equal ones in a row (the policy refuses those)
  const initial = `Init#${randomBytes(4).toString('hex').match(/../g)!.join('-')}A1`;
  await admin.call('POST', '/api/users', {
    username,
    displayName,
    homeRegionCode: regionCode,
    password: initial,
    grants: [{ role: 'department_reviewer', regionCode, departmentId: department!.id }],
  });
  const first = await ApiSession.login(username, initial);
  await first.call('POST', '/api/me/password', {
    currentPassword: initial,
    newPassword: DEMO_PASSWORD,
  });
  return username;
}
