import * as oidc from 'openid-client';

import type { OidcIssuerConfig } from '../config';

/**
 * The issuers' OpenID configurations, discovered on first use rather than at start-up: the
 * service starts (and password sign-in works) while an issuer is unreachable, and an issuer
 * that was down is asked again at the next sign-in, since a failed discovery is not kept.
 */
export class OidcIssuers {
  private readonly discovered = new Map<number, Promise<oidc.Configuration>>();

  constructor(
    readonly issuers: OidcIssuerConfig[],
    /** The service's clock: ID token expiry is judged by it (tests move it). */
    private readonly clock: () => Date,
  ) {}

  find(number: number): OidcIssuerConfig | undefined {
    return this.issuers.find((issuer) => issuer.number === number);
  }

  byIssuer(issuer: string): OidcIssuerConfig | undefined {
    return this.issuers.find((candidate) => candidate.issuer === issuer);
  }

  configurationOf(issuer: OidcIssuerConfig): Promise<oidc.Configuration> {
    let configuration = this.discovered.get(issuer.number);
    if (!configuration) {
      configuration = this.discover(issuer);
      configuration.catch(() => this.discovered.delete(issuer.number));
      this.discovered.set(issuer.number, configuration);
    }
    return configuration;
  }

  private async discover(issuer: OidcIssuerConfig): Promise<oidc.Configuration> {
    const url = new URL(issuer.issuer);
    const configuration = await oidc.discovery(
      url,
      issuer.clientId,
      {
        client_secret: issuer.clientSecret,
        [oidc.clockSkew]: Math.round((this.clock().getTime() - Date.now()) / 1000),
      },
      oidc.ClientSecretPost(issuer.clientSecret),
      // Plain http only for an issuer on this machine (development and the tests' provider).
      isLoopback(url) ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    // The ID token's signature is checked against the issuer's published keys, not taken on
    // trust from the TLS connection the token came over (issue 16 asks for the signature).
    oidc.enableNonRepudiationChecks(configuration);
    return configuration;
  }
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
