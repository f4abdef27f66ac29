import { describe, expect, it } from 'vitest';

import { routeTests } from './route-test';

describe('routeTests', () => {
  const world = routeTests(['rpd']);
  // Read while vitest collects the file, before its beforeAll has made the world.
  const early = [() => world.testApp, () => world.as.rpd, () => world.ids].map((read) => {
    try {
      read();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  });

  it('refuses, clearly, to be read before its beforeAll has run', () => {
    for (const message of early)
      expect(message).toMatch(/not made yet: read it in a hook or a test/);
  });

  it('hands out the app, the people signed in and the ids once it has', async () => {
    const response = await world.as.rpd.get('/api/v1/action-plans').expect(200);
    expect(response.body.items).toHaveLength(1);
    expect(Object.keys(world.as)).toEqual(['rpd']);
    expect(world.recommendations).toHaveLength(28);
    expect(world.testApp.database.db).toBeDefined();
  });
});
