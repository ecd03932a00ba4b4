import assert from 'node:assert/strict';
import { FetchError } from '../../src/net/index.js';

/** Resolves with the FetchError the promise rejects with (fails if it resolves or rejects with anything else). */
export async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}
