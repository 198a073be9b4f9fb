#!/usr/bin/env node
// The `salesmatrix` command: registers tsx in this process and runs the TypeScript CLI, so there is
// no build step and no wrapper process — signals (Ctrl-C, SIGTERM) reach the service directly.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
