import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import Provider from 'oidc-provider';

/** An account at the test issuer: `sub` and the claims it releases. */
export interface ProviderAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next sign-in at the provider is (the tests' stand-in for its login page). */
  signInAs(sub: string): void;
  /** Serve keys the ID tokens were not signed with (a wrongly signed token, to the client). */
  serveWrongKeys(wrong: boolean): void;
  /** Follows the browser's way from our sign-in redirect to our callback URL. */
  callbackFor(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

/** An RS256 key pair as JWKs: the private one to sign with, the public one to publish. */
function signingKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const named = { kid, use: 'sig', alg: 'RS256' };
  return {
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...named },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...named },
  };
}

/**
 * A real OpenID provider (oidc-provider) on loopback. With `interactive`, its own login and
 * consent pages ask (for the browser test); otherwise the login is the one given by signInAs.
 */
export async function startTestProvider(options: {
  accounts: ProviderAccount[];
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  interactive?: boolean;
  port?: number;
}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tracker';
  const clientSecret = 'a-client-secret-long-enough-for-hs256-0123456789';
  const key = signingKey('signing-key');
  // Same key id, other key: the client finds "the" key and the signature fails to verify.
  const otherKey = signingKey('signing-key');
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  let loginAs = options.accounts[0]?.sub ?? '';
  let wrongKeys = false;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [key.privateJwk] },
    // Claims in the ID token itself, as HMPPS Auth and Entra ID give them.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: {
      devInteractions: { enabled: Boolean(options.interactive) },
      rpInitiatedLogout: { enabled: true },
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ ...account }) };
    },
    ...(options.interactive
      ? {}
      : {
          interactions: {
            url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
          },
        }),
  });
  provider.proxy = false;
  const handle = provider.callback();

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      if (wrongKeys && req.url === '/jwks') {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.end(JSON.stringify({ keys: [otherKey.publicJwk] }));
        return;
      }
      if (!options.interactive && req.url?.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({
          accountId: loginAs,
          clientId: details.params.client_id,
        });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: loginAs }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      handle(req, res);
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (sub) => {
      loginAs = sub;
    },
    serveWrongKeys: (wrong) => {
      wrongKeys = wrong;
    },
    callbackFor: async (authorizationUrl) => {
      const cookies = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (url.origin !== issuer) return url;
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const setCookie of response.headers.getSetCookie()) {
          const [pair] = setCookie.split(';');
          const [name, ...value] = pair!.split('=');
          cookies.set(name!, value.join('='));
        }
        const location = response.headers.get('location');
        if (!location)
          throw new Error(
            `the provider answered ${response.status} without a redirect: ${await response.text()}`,
          );
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
