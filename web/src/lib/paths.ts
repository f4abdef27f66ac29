/** The app's own addresses, so links and routes cannot drift apart. */
export const paths = {
  home: '/',
  inspection: (id: string) => `/inspections/${encodeURIComponent(id)}`,
  recommendation: (id: string) => `/recommendations/${encodeURIComponent(id)}`,
  accessibility: '/accessibility',
  cookies: '/cookies',
  privacy: '/privacy',
} as const;
