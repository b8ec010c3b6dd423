#!/usr/bin/env node
// @ts-check
// `emulate` as users run it (`pnpm emulate`): the bundled command line, rebuilt
// first when its sources changed (see bundle.mjs). Where no bundle can be
// written (a read-only checkout), it runs from source through tsx instead.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { emulatorBundle, entryOf, freshBundle } from './bundle.mjs';

const argv = process.argv.slice(2);

/** @returns {Promise<{ run: (argv: readonly string[]) => Promise<number>, exitWhenFlushed: (code: number) => Promise<never> }>} */
async function loadCli() {
  let bundle;
  try {
    bundle = await freshBundle(emulatorBundle);
  } catch (error) {
    process.stderr.write(`note: running from source, slower (no bundle: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`);
    const { register } = await import('tsx/esm/api');
    register();
    return await import(new URL('../src/cli/main.ts', import.meta.url).href);
  }
  // `up --detach` starts a background emulator: start it now, on standby, so its
  // loading overlaps ours; it waits for the command line's orders (src/daemon/standby.ts).
  const standby = argv[0] === 'up' && (argv.includes('--detach') || argv.includes('-d')) ? startStandby(entryOf(bundle, 'daemon/daemon-main')) : undefined;
  const cli = await import(pathToFileURL(entryOf(bundle, 'cli/main')).href);
  return { run: (args) => cli.run(args, undefined, { standbyEmulator: standby }), exitWhenFlushed: cli.exitWhenFlushed };
}

/** @param {string} entry */
function startStandby(entry) {
  const child = spawn(process.execPath, [entry, '--standby'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { ...process.env, ECS_TWIN_DAEMON: '1' },
  });
  child.on('error', () => undefined);
  return child;
}

const cli = await loadCli();
// Not process.exit() at once: a piped stdout may still hold most of a large `status --json`.
await cli.exitWhenFlushed(await cli.run(argv));
