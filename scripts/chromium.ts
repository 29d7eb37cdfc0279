/**
 * Debian's Chromium, headless, for the end-to-end tests and the browser benchmark. Never a downloaded browser: the
 * machines that run these reach no browser download host. `CHROMIUM_PATH` points elsewhere when needed.
 */
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

// Background networking and updates are off: the machine's closed network would refuse them, many at a time.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium headless with a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
