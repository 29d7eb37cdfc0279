/**
 * The mock Reports API for Node: tests start it with `.listen({ onUnhandledRequest: 'error' })` and override single
 * answers with `server.use(...)`.
 */
import { setupServer } from 'msw/node';
import type { SetupServer } from 'msw/node';
import { createReportsHandlers } from './handlers';
import type { MockSiteOptions } from './handlers';

/**
 * An msw server answering the Reports API over generated data. It does not listen until `.listen()` is called.
 *
 * @param options The site to pretend to be; see {@link MockSiteOptions}.
 */
export function createMockServer(options: MockSiteOptions = {}): SetupServer {
  return setupServer(...createReportsHandlers(options));
}
