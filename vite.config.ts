/**
 * Three builds from one source:
 * - default mode: the host-page module, `dist/booking-reports.js` (ES) and `dist/booking-reports.iife.js` (global
 *   `BookingReports`), each self-contained with its CSS inlined (it is injected into the app's shadow root);
 * - `--mode widget`: the iframe widget, `dist/widget.html` with its assets;
 * - `--mode demo`: the standalone demo on generated data, `dist/demo/`, relative paths so any static host serves it.
 * `npm run build` runs all three, with NODE_ENV pinned to production: a caller's `NODE_ENV=test` (Vitest's global
 * setup builds for the end-to-end tests) would otherwise resolve development builds of the libraries, 2 kB larger.
 * `npm run demo` serves the demo in development.
 */
import { defineConfig } from 'vite';
import type { UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const shared: UserConfig = {
  plugins: [vue()],
  // dayjs's ES build: its plugins then share the core's bindings instead of CommonJS wrappers (0.4 KB less gzip).
  resolve: { alias: [{ find: /^dayjs(?=\/|$)/, replacement: 'dayjs/esm' }] },
  define: {
    // The bundles run in browsers, which have no `process`.
    'process.env.NODE_ENV': JSON.stringify('production'),
    // Every component uses `<script setup>`: Vue's Options API, devtools hooks and hydration details are dead weight.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
};

export default defineConfig(({ mode, command }) => {
  if (command === 'serve') return { plugins: shared.plugins, resolve: shared.resolve };
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
      // The host-page module has a 144 KB gzip budget (`npm run size`): Terser compresses about 6 KB better than the
      // default minifier here.
      minify: 'terser',
      terserOptions: {
        compress: { passes: 2 },
        // V8's explicit compile hint (Chrome 136+; to other engines a comment): most of the module runs within the
        // first second (mount, first render, then the chart), so V8 compiles all of it while the file streams in,
        // off the main thread, instead of each function on its first call on the main thread, where it delayed the
        // first numbers by tens of ms. It must be the file's first line.
        format: { comments: false, preamble: '//# allFunctionsCalledOnLoad' },
      },
      // No second pass of Rolldown's minifier over Terser's output: its compressor broke the ES build (every
      // request went out without its query string, so the dashboard showed all-time numbers under "Last 30 days").
      lib: {
        entry: 'src/entries/embed.ts',
        name: 'BookingReports',
        formats: ['es', 'iife'],
        fileName: (format) => (format === 'es' ? 'booking-reports.js' : 'booking-reports.iife.js'),
      },
    },
  };
});
