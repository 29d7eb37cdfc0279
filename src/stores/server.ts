/**
 * What the answering server offers beyond the booking plugin's three endpoints: read once from its REST namespace
 * index, as WordPress clients learn a server's routes. Until the index answered, and when it cannot be read (a real
 * site's lists none of ours, a security plugin may hide it), the dashboard offers only what every server has.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { ExtraEndpointName } from '../api/contract';
import type { ServerOffers } from '../api/types';
import { useServices } from '../app/services';

/** A server that offers nothing beyond the three endpoints. */
const NOTHING_MORE: ServerOffers = Object.freeze({ endpoints: [], filters: [] });

/** The server's offers, read at most once per dashboard. */
export const useServerStore = defineStore('server', () => {
  const { api } = useServices();
  const offers = shallowRef<ServerOffers>(NOTHING_MORE);
  const controller = new AbortController();
  let reading: Promise<void> | undefined;

  /**
   * Reads the namespace index, the first time only; resolves when it answered or failed. A failure is not an error
   * the user can act on, so it is not shown and not asked again: the dashboard stays as it is for a real site.
   */
  function read(): Promise<void> {
    reading ??= api.getServerOffers(controller.signal).then(
      (answer) => {
        offers.value = answer;
      },
      () => undefined,
    );
    return reading;
  }

  return {
    /** The filters every endpoint takes on this server, in the contract's order; none until the index answered. */
    filters: computed(() => offers.value.filters),
    /** Whether the server's index lists one of our backend's own endpoints. */
    offersEndpoint: (name: ExtraEndpointName): boolean => offers.value.endpoints.includes(name),
    read,
    /** Stops reading the index (the dashboard unmounts). */
    abort: () => controller.abort(),
  };
});
