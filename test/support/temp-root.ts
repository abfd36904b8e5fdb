import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives the test run a temporary folder of its own (TMPDIR, which os.tmpdir()
 * and the processes the tests start read) and removes it afterwards: tests
 * create hundreds of dist/, data/ and cache folders, and a test that fails,
 * times out or forgets its cleanup would otherwise leave them behind.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'oscg-tests-'));
  // Open to every user as /tmp is (sticky, world-writable): tests run the build as another user,
  // and nginx's workers read an export from here.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
