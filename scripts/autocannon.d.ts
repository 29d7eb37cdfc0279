/**
 * The part of autocannon's API the benchmarks use (the package ships no types). Names and shapes as in
 * autocannon's README: "Usage — API" and "Results".
 */
declare module 'autocannon' {
  /** A request of the sequence each connection loops over. */
  export interface AutocannonRequest {
    method?: string;
    /** Path and query. */
    path: string;
    headers?: Record<string, string>;
  }

  /** Options of a run. */
  export interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Worker threads firing the requests; the caller's thread stays free for an in-process server. */
    workers?: number;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
  }

  /** An hdr-histogram-percentiles-obj summary. */
  export interface AutocannonHistogram {
    average: number;
    mean: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  }

  /** What a finished run reports. */
  export interface AutocannonResult {
    /** Requests per second, sampled each second. */
    requests: AutocannonHistogram & { total: number };
    /** Response latency in milliseconds. */
    latency: AutocannonHistogram;
    /** Seconds. */
    duration: number;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
    /** Responses whose status was not 2xx. */
    non2xx: number;
    /** Responses whose status was 2xx. */
    '2xx': number;
    /** How many responses had each status code. */
    statusCodeStats: Record<string, { count: number }>;
  }

  /** Runs a load test; resolves when it is over. */
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
