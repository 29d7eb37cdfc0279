/**
 * `npm start`'s first step: builds the dashboard when `dist/` is missing or older than the sources, so a fresh
 * clone serves a working page without a separate build command.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUT = 'dist/booking-reports.iife.js';
const SOURCES = ['src', 'index.html', 'widget.html', 'vite.config.ts', 'package-lock.json'];

function newestChange(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const builtAt = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.filter((path) => existsSync(path)).map(newestChange));
if (builtAt < sourcesAt) {
  console.info(
    builtAt ? 'Sources changed since the last build: building the dashboard…' : 'Building the dashboard…',
  );
  execSync('npm run build', { stdio: 'inherit' });
}
