#!/usr/bin/env node
// 验印 Yanyin command line. The commands are TypeScript (bin/cli/); tsx compiles them on the fly, so the
// same source serves `npx yanyin`, `node bin/yanyin.mjs` and the tests, from any working directory.
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

const { run } = await import('./cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
