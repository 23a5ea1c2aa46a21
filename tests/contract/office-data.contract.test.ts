/**
 * `saveOfficeData` / `loadOfficeData`: an office's own derived data (the wait-time estimator's
 * learned model) kept across restarts, on both engines: the last save wins, also when saves
 * overlap; bad keys, oversized values and unknown offices are refused and change nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_OFFICE_DATA_BYTES } from '../../server/store/types.js';
import type { OfficeConfig } from '../../shared/domain/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, reopenableStore, type ReopenableStore } from '../helpers/engines.js';
import { expectQueueError } from '../helpers/expect-error.js';
import { testOffice } from '../helpers/office.js';

describe.each(engines)('$name engine: office data', (engine) => {
  let reopenable: ReopenableStore;
  let office: OfficeConfig;
  const clock = new TestClock('2026-11-30T09:00');

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    reopenable = await reopenableStore(engine, clock.fn);
    office = testOffice();
    await reopenable.store.putOffice(office);
  });
  afterEach(async () => {
    await reopenable?.dispose();
  });

  const model = (n: number) => ({
    version: 'replay-1',
    services: { civ: { mu: Math.log(8), sigma: 0.6, n } },
    arrivals: { 'civ|n|mon|30': 12.5 },
    note: 'Hộ tịch – ưu tiên',
  });

  it('keeps what was saved, per office and key, across a restart', async () => {
    const other = testOffice();
    await reopenable.store.putOffice(other);
    expect(await reopenable.store.loadOfficeData(office.id, 'wait-model')).toBeUndefined();
    await reopenable.store.saveOfficeData(office.id, 'wait-model', model(1));
    await reopenable.store.saveOfficeData(office.id, 'wait-model', model(2));
    await reopenable.store.saveOfficeData(other.id, 'wait-model', model(7));
    expect(await reopenable.store.loadOfficeData(office.id, 'wait-model')).toEqual(model(2));
    expect(await reopenable.store.loadOfficeData(office.id, 'another-key')).toBeUndefined();

    await reopenable.restart();
    expect(await reopenable.store.loadOfficeData(office.id, 'wait-model')).toEqual(model(2));
    expect(await reopenable.store.loadOfficeData(other.id, 'wait-model')).toEqual(model(7));
  });

  it('keeps the last of overlapping saves', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        reopenable.store.saveOfficeData(office.id, 'wait-model', model(i)),
      ),
    );
    expect(await reopenable.store.loadOfficeData(office.id, 'wait-model')).toEqual(model(19));
  });

  it('refuses bad keys, values too large and unknown offices, keeping the value it had', async () => {
    await reopenable.store.saveOfficeData(office.id, 'wait-model', model(1));
    for (const key of ['', 'Wait Model', '../../etc', 'a'.repeat(65), 'x:y'])
      await expectQueueError(reopenable.store.saveOfficeData(office.id, key, model(2)), 'INVALID_INPUT');
    const huge = { blob: 'x'.repeat(MAX_OFFICE_DATA_BYTES) };
    await expectQueueError(reopenable.store.saveOfficeData(office.id, 'wait-model', huge), 'INVALID_INPUT');
    await expectQueueError(
      reopenable.store.saveOfficeData(office.id, 'wait-model', undefined),
      'INVALID_INPUT',
    );
    await expectQueueError(
      reopenable.store.saveOfficeData('no-such-office', 'wait-model', model(2)),
      'OFFICE_NOT_FOUND',
    );
    await expectQueueError(
      reopenable.store.loadOfficeData('no-such-office', 'wait-model'),
      'OFFICE_NOT_FOUND',
    );
    expect(await reopenable.store.loadOfficeData(office.id, 'wait-model')).toEqual(model(1));
  });
});
