/**
 * An office's own voice pack: clips uploaded one by one, the manifest last and checked, then served
 * at /voice-packs/<id>/ for the displays, before the bundled packs.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_VOICE_PACKS_DIR } from '../../server/apps.js';
import { startApi, type ApiRig } from '../helpers/api.js';
import { memoryEngine, TEST_TMP } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const SOURCE = join(BUNDLED_VOICE_PACKS_DIR, 'vi-north-espeak');

describe('uploading a voice pack', () => {
  let rig: ApiRig;
  let dataDir: string;
  const office = testOffice();
  let manifest: { id: string; name: string; clips: Record<string, { file: string }> };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(TEST_TMP, 'luot-voice-'));
    await mkdir(join(dataDir, 'voice-packs')); // as main.ts makes it at start
    rig = await startApi(memoryEngine, [office], { env: { DATA_DIR: dataDir } });
    manifest = JSON.parse(await readFile(join(SOURCE, 'manifest.json'), 'utf8'));
  });
  afterAll(async () => {
    await rig.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = (packId: string, file: string, payload: Buffer | object, type = 'audio/ogg') =>
    rig.call(rig.admin, {
      method: 'PUT',
      url: `/api/admin/voice-packs/${packId}/${file}`,
      headers: { 'content-type': Buffer.isBuffer(payload) ? type : 'application/json' },
      payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    });

  it('refuses a manifest before its clips, then installs the pack whole and serves it', async () => {
    const mine = { ...manifest, id: 'phuong-thu-nghiem', name: 'Giọng chị Lan' };
    const early = await upload('phuong-thu-nghiem', 'manifest.json', mine);
    expect(early.statusCode).toBe(400);
    expect(JSON.stringify(early.json().error.details.problems)).toContain('has not been uploaded');
    expect(
      (
        await rig.call(
          { headers: {} },
          { method: 'GET', url: '/voice-packs/phuong-thu-nghiem/manifest.json' },
        )
      ).statusCode,
    ).toBe(404);

    for (const { file } of Object.values(manifest.clips)) {
      const res = await upload('phuong-thu-nghiem', file, await readFile(join(SOURCE, file)));
      expect(res.statusCode, res.body).toBe(200);
    }
    const done = await upload('phuong-thu-nghiem', 'manifest.json', mine);
    expect(done.statusCode, done.body).toBe(200);
    const served = await rig.call(
      { headers: {} },
      { method: 'GET', url: '/voice-packs/phuong-thu-nghiem/manifest.json' },
    );
    expect(served.statusCode).toBe(200);
    expect(served.json().name).toBe('Giọng chị Lan');
    const list = await rig.call(rig.admin, { method: 'GET', url: '/api/admin/voice-packs' });
    expect(list.json().packs).toEqual(
      expect.arrayContaining([
        { id: 'vi-north-espeak', source: 'bundled' },
        { id: 'phuong-thu-nghiem', source: 'office' },
      ]),
    );
    // The office uses it.
    const { id: _id, ...definition } = office;
    const put = await rig.call(rig.admin, {
      method: 'PUT',
      url: `/api/admin/offices/${office.id}`,
      payload: { ...definition, voice: { packId: 'phuong-thu-nghiem' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const view = await rig.call({ headers: {} }, { method: 'GET', url: `/api/offices/${office.id}` });
    expect(view.json().voice.packId).toBe('phuong-thu-nghiem');
  });

  it('refuses a manifest that lacks clips, unsafe names, a bundled id, and anyone but an admin', async () => {
    const clips = Object.fromEntries(Object.entries(manifest.clips).slice(0, 5));
    const partial = await upload('thieu-clip', 'manifest.json', { ...manifest, id: 'thieu-clip', clips });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json().error.details.problems)).toMatch(/missing|lacks|needs/i);
    expect((await upload('x', '..%2Fescape.ogg', Buffer.from('OggS'))).statusCode).toBe(400);
    expect((await upload('x', 'clip.exe', Buffer.from('MZ'))).statusCode).toBe(400);
    expect((await upload('vi-north-espeak', 'a.ogg', Buffer.from('OggS'))).statusCode).toBe(400);
    const big = await upload('x', 'big.ogg', Buffer.alloc(3 * 1024 * 1024));
    expect(big.statusCode).toBe(413);
    const supervisor = await rig.user('supervisor', [office.id]);
    const res = await rig.call(supervisor, {
      method: 'PUT',
      url: '/api/admin/voice-packs/x/a.ogg',
      headers: { 'content-type': 'audio/ogg' },
      payload: Buffer.from('OggS'),
    });
    expect(res.statusCode).toBe(403);
  });
});
