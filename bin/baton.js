#!/usr/bin/env node
// `npx baton ...`: runs the TypeScript CLI (engine/cli/main.ts) through tsx, a runtime dependency, so
// the command needs no build step. tsx is registered in this process: no second Node to start.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../engine/cli/main.ts', import.meta.url).href);
