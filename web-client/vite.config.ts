import { defineConfig } from 'vite';

// Preact through esbuild's automatic JSX runtime: no framework plugin needed.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    target: 'es2020',
    // The preload polyfill is code the CSP would have to allow; every browser we serve preloads modules itself.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` against a running ./circles up (or GATEWAY=http://host:port).
    proxy: {
      '/api': process.env.GATEWAY ?? 'http://localhost:8080',
      '/dev': process.env.GATEWAY ?? 'http://localhost:8080',
      '/auth-config.json': process.env.GATEWAY ?? 'http://localhost:8080',
    },
  },
});
