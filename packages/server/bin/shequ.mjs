#!/usr/bin/env node
// The shequ command: runs the TypeScript sources through tsx (see docs/adr/0001).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
