/**
 * The messages between a host page and the iframe widget. Config and nonce travel only by `postMessage` to an
 * exact origin, never in the URL; each side accepts messages only from the other window and an allowed origin.
 */
import type { ReportsOptions } from '../app/options';

/** Widget → host: the widget is ready for its config. */
export interface ReadyMessage {
  type: 'booking-reports:ready';
}
/** Host → widget: the options (without functions, which cannot be posted). */
export interface ConfigMessage {
  type: 'booking-reports:config';
  config: Omit<ReportsOptions, 'refreshNonce'>;
}
/** Widget → host: its content height in CSS pixels. */
export interface HeightMessage {
  type: 'booking-reports:height';
  height: number;
}
/** Widget → host: the nonce expired; please send a fresh one. */
export interface NonceRequestMessage {
  type: 'booking-reports:nonce-request';
}
/** Host → widget: a fresh nonce, or none when the host could not get one. */
export interface NonceMessage {
  type: 'booking-reports:nonce';
  nonce: string | null;
}

/** Any message of the protocol. */
export type WidgetMessage = ReadyMessage | ConfigMessage | HeightMessage | NonceRequestMessage | NonceMessage;

/** The message if `data` is one of the protocol's messages of the given type; otherwise `undefined`. */
export function readMessage<T extends WidgetMessage['type']>(
  data: unknown,
  type: T,
): Extract<WidgetMessage, { type: T }> | undefined {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type
    ? (data as Extract<WidgetMessage, { type: T }>)
    : undefined;
}

/** The origin of a URL relative to the current page; `undefined` for an unusable URL. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url, window.location.href).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
