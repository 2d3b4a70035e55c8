// Renderer build: a static bundle served by Electron (file://) and by `serve`,
// hence relative asset paths. No external fonts or CDNs (the CSP forbids them).
// import.meta.dirname instead of node:path: the renderer tree takes no Node imports.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${root}/dist`,
    emptyOutDir: true,
    target: 'es2022',
  },
});
