import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { flowKindValidators } from '../scripts/studio-build/flow-kind-validators-plugin.ts';

/** The engine (npm run dev) listens here; `vite dev` forwards the API, the sandbox and the socket to it. */
const engine = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // the flow editor validates as you type with the schemas built into code (no eval under the CSP)
  plugins: [flowKindValidators()],
  build: {
    outDir: '../dist/studio',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': engine,
      '/sandbox': engine,
      '/socket.io': { target: engine, ws: true },
    },
  },
});
