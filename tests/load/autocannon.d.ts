// autocannon ships no types; this declares the part of its programmatic API the load scripts use.
declare module 'autocannon' {
  interface RequestOptions {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /**
     * Called before each request; what it returns is sent. `context` belongs to the connection
     * and is emptied each time it starts the list of requests again.
     */
    setupRequest?: (request: RequestOptions, context: Record<string, unknown>) => RequestOptions;
    /** Called with each answer to this request, before the connection sends its next one. */
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, unknown>,
      headers: Record<string, string | string[]>,
    ) => void;
  }

  interface Options extends RequestOptions {
    /** Several: connection i goes to url[i % n]. */
    url: string | string[];
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    title?: string;
    requests?: RequestOptions[];
    /** A run before the measured one, left out of the result. */
    warmup?: { connections?: number; duration?: number };
  }

  /** Percentiles and summary of one histogram (latency in ms, requests per second, bytes). */
  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }

  interface Result {
    title?: string;
    url: string;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  /** An event emitter that is also a thenable for the result. */
  interface Instance extends PromiseLike<Result> {
    stop(): void;
    /** Each answer, right after its request's `onResponse`; `responseTime` in ms. */
    on(
      event: 'response',
      listener: (
        client: unknown,
        statusCode: number,
        resBytes: number,
        responseTime: number,
      ) => void,
    ): this;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
  export type { Histogram, Instance, Options, RequestOptions, Result };
}
