import type { FastifyRequest } from 'fastify';

/** Query parameters that may carry a secret, whether or not we accept them there. */
const secretParameters = /([?&](?:access_token|token|api_key|apikey|bearer)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(secretParameters, '$1[REDACTED]');
}

/** The request as logged: no headers (they carry cookies and tokens) and a redacted URL. */
export function requestLogSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
