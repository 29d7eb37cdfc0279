/**
 * Three builds from one source:
 * - default mode: the host-page module, `dist/booking-reports.js` (ES) and `dist/booking-reports.iife.js` (global
 *   `BookingReports`), each self-contained with its CSS inlined (it is injected into the app's shadow root);
 * - `--mode widget`: the iframe widget, `dist/widget.html` with its assets;
 * - `--mode demo`: the standalone demo on generated data, `dist/demo/`, relative paths so any static host serves it.
 * `npm run build` runs all three; `npm run demo` serves the demo in development.
 */
import { defineConfig } from 'vite';
import type { UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const shared: UserConfig = {
  plugins: [vue()],
  define: {
    // The bundles run in browsers, which have no `process`.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
};

export default defineConfig(({ mode, command }) => {
  if (command === 'serve') return { plugins: shared.plugins };
  if (mode === 'widget') {
    return {
      ...shared,
      base: './',
      publicDir: false,
      build: { outDir: 'dist', emptyOutDir: false, rollupOptions: { input: 'widget.html' } },
    };
  }
  if (mode === 'demo') {
    return {
      ...shared,
      base: './',
      build: { outDir: 'dist/demo', emptyOutDir: true, rollupOptions: { input: 'index.html' } },
    };
  }
  return {
    ...shared,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      copyPublicDir: false,
      // Vite leaves ES library output unminified by default; ours is a finished bundle, not a package to re-bundle.
      minify: true,
      lib: {
        entry: 'src/entries/embed.ts',
        name: 'BookingReports',
        formats: ['es', 'iife'],
        fileName: (format) => (format === 'es' ? 'booking-reports.js' : 'booking-reports.iife.js'),
      },
    },
  };
});
