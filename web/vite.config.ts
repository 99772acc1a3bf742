import { defineConfig } from 'vite';

// The jar carries the app under META-INF/web/, which the local edge serves (edge/WebApp).
// Hashed files go to assets/ (cached immutable by the edge); index.html is never cached.
export default defineConfig({
  build: {
    outDir: 'target/classes/META-INF/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  // `npm run dev` proxies the API, the HLS files and the signed uploads to a running `make run`.
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
      '/stream': 'http://127.0.0.1:8080',
      '/uploads': 'http://127.0.0.1:8080',
    },
  },
});
