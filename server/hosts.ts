/**
 * Which addresses the server may listen on and which host names it answers for.
 *
 * A server bound to loopback is still reachable from any web page through DNS rebinding (a name that first points
 * at the attacker, then at 127.0.0.1), so the `Host` header is checked against an allowlist too: by default the
 * loopback names, or the site's own names (`--allowed-host`).
 */
import { isIP } from 'node:net';

/** The names a loopback server answers for when no `--allowed-host` is given. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Whether a listen address reaches this machine only: `localhost`, `127.0.0.0/8`, `::1`. */
export function isLoopbackAddress(address: string): boolean {
  const name = address
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** A host name as compared: lower case, no port, no brackets around IPv6, no trailing dot. */
export function normalizeHostName(value: string): string {
  let name = value.trim().toLowerCase();
  if (name.startsWith('[')) name = name.slice(1, name.indexOf(']') < 0 ? undefined : name.indexOf(']'));
  else if (/^[^:]*:\d*$/.test(name)) name = name.slice(0, name.indexOf(':'));
  return name.replace(/\.$/, '');
}

/** Whether the `Host` header names one of the allowed hosts (any port). */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (!header) return false;
  const name = normalizeHostName(header);
  return name !== '' && allowed.some((entry) => normalizeHostName(entry) === name);
}
