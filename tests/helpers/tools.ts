/**
 * External programs some suites need (Debian packages). On a newcomer's machine a missing tool
 * skips its suites with one loud line saying what to install; in CI (CI=true) it fails the run.
 *
 * @example
 *   const chromium = requireTool('chromium', '/usr/bin/chromium', 'apt-get install chromium');
 *   describe.skipIf(!chromium)('kiosk', () => { … });
 */
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The path of a tool (an absolute path, or a command looked up on PATH), or `undefined` after one
 * loud warning. Throws in CI.
 */
export function requireTool(label: string, pathOrCommand: string, install: string): string | undefined {
  const found = pathOrCommand.startsWith('/')
    ? executable(pathOrCommand)
      ? pathOrCommand
      : undefined
    : onPath(pathOrCommand);
  if (found) return found;
  const line = `${label} not found (${pathOrCommand}): ${install} to run these tests`;
  if (process.env.CI === 'true') throw new Error(`${line} — required in CI`);
  console.warn(`\n!!! SKIPPING ${label.toUpperCase()} TESTS: ${line}\n`);
  return undefined;
}

/** Debian's Chromium, driven by playwright-core (no browser downloads on these machines). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
