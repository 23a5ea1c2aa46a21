/** The server's pages and static files: the built apps, their assets, the phone page, voice packs. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPS_DIR } from '../../server/apps.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { memoryEngine } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const anonymous = { headers: {} };

describe('pages and static files', () => {
  let rig: ApiRig;
  beforeAll(async () => {
    rig = await startApi(memoryEngine, [testOffice()]);
  });
  afterAll(() => rig.close());
  const get = (url: string) => rig.call(anonymous, { method: 'GET', url });

  it('serves each app’s page uncached, and its hashed assets for a year', async () => {
    expect((await get('/kiosk')).headers.location).toBe('/kiosk/');
    const page = await get('/kiosk/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<html lang="vi"');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    const js = await get(String(asset));
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/nope.js')).statusCode).toBe(404);
  });

  it('serves the phone page for any ticket id (the page asks the API)', async () => {
    const page = await get('/t/AAAAAAAAAAAAAAAAAAAAAA');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="vi"');
  });

  it('serves the bundled voice packs, and nothing outside them', async () => {
    const manifest = await get('/voice-packs/vi-north-espeak/manifest.json');
    expect(manifest.statusCode).toBe(200);
    const clips = (manifest.json() as { clips: Record<string, { file: string }> }).clips;
    const first = Object.values(clips)[0];
    const clip = await get(`/voice-packs/vi-north-espeak/${String(first?.file)}`);
    expect(clip.statusCode).toBe(200);
    expect(clip.rawPayload.subarray(0, 4).toString()).toBe('OggS');
    expect((await get('/voice-packs/../package.json')).statusCode).toBe(404);
    expect((await get('/voice-packs/%2e%2e/package.json')).statusCode).toBe(404);
  });

  it('says how to build when the apps are not built', async () => {
    const bare = await startApi(memoryEngine, [], { env: { APPS_DIR: join(DEFAULT_APPS_DIR, 'missing') } });
    try {
      const res = await bare.call(anonymous, { method: 'GET', url: '/kiosk/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('scripts/build-apps.ts');
    } finally {
      await bare.close();
    }
    expect((await readdir(DEFAULT_APPS_DIR)).length).toBeGreaterThan(0);
  });
});
