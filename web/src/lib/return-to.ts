/**
 * Where to go after signing in. Only a path on this site is accepted: it must start with one
 * "/" (not "//" or "/\", which browsers read as another host), so a crafted sign-in link
 * cannot send someone elsewhere after they sign in (an open redirect).
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/')) return '/';
  if (value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Control characters and whitespace can smuggle a different host past the checks above.
  if (/\s/.test(value) || [...value].some((char) => char.charCodeAt(0) < 32 || char === '\u007f')) {
    return '/';
  }
  // Going back to a sign-in page after signing in would only loop.
  const pathname = value.split(/[?#]/)[0];
  if (pathname === '/sign-in' || pathname === '/signed-out') return '/';
  return value;
}
