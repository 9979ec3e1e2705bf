// Golden files: compare text people read with a checked-in file; write it when missing locally, `.changed` on mismatch.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Assert that `actual` equals the golden file at `goldenPath`.
 * Missing file: written (and the test passes) unless process.env.CI is set, where it fails.
 * Mismatch: `<goldenPath>.changed` gets the actual text and the test fails with a diff hint.
 */
export function assertGolden(actual: string, goldenPath: string): void {
  if (!existsSync(goldenPath)) {
    if (process.env.CI) assert.fail(`golden file ${goldenPath} is missing (CI does not write golden files)`);
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
    return;
  }
  const expected = readFileSync(goldenPath, 'utf8');
  if (actual === expected) return;
  const changed = `${goldenPath}.changed`;
  writeFileSync(changed, actual);
  assert.fail(
    `${goldenPath} differs from the actual output; see: diff ${goldenPath} ${changed} (if the change is right: mv ${changed} ${goldenPath})`,
  );
}
