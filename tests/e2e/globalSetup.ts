/**
 * Builds the dashboard once before the end-to-end tests, when `dist/` is missing or older than the sources: the
 * tests drive the built files, as users get them.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What the three builds write; `ensure-build` looks at the first only. */
const OUTPUTS = [
  'dist/booking-reports.iife.js',
  'dist/booking-reports.js',
  'dist/widget.html',
  'dist/demo/index.html',
];

/** Vitest global setup: runs `scripts/ensure-build.mjs`, then the whole build if an output is still missing. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (OUTPUTS.some((output) => !existsSync(join(ROOT, output)))) {
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
}
