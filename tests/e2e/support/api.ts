import { demoPassword } from './auth';

/** A signed-in session on the API from the test itself (as another person, or "meanwhile"). */
export interface ApiSession {
  request: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; body: T; etag: string | null }>;
}

export async function apiSignIn(
  baseUrl: string,
  email: string,
  password: string = demoPassword,
): Promise<ApiSession> {
  const signIn = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) throw new Error(`Signing in ${email} answered ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    request: async <T>(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        etag: response.headers.get('etag'),
      };
    },
  };
}
