import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  define: {
    // Library builds run in browsers that have no `process`.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
});
