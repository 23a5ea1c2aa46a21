/**
 * An office's own recorded voice pack (docs/voice.md): admins upload the clips one file at a time,
 * then the manifest. The manifest is checked (format, clips for its dialect's default settings,
 * every file it names present) before it is written, so a pack appears to displays only whole.
 * Files go to DATA_DIR/voice-packs/<packId>/, which /voice-packs/ serves before the bundled packs.
 *
 * On Redis deployments with several server processes, DATA_DIR/voice-packs must be a shared folder
 * (or the upload repeated on each node): see docs/voice.md.
 */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SLUG } from '../../shared/domain/ids.js';
import { withVoiceDefaults } from '../../shared/i18n/announcement.js';
import { isSafeClipFile, validateVoicePackManifest } from '../../shared/i18n/voice-pack.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { AppContext } from '../app.js';
import { BUNDLED_VOICE_PACKS_DIR } from '../apps.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

/** One clip is a second or two of audio; a whole sentence recorded in WAV stays far below this. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MANIFEST = 'manifest.json';
const AUDIO_TYPES = ['audio/ogg', 'audio/wav', 'audio/x-wav', 'audio/wave', 'application/octet-stream'];

const ParamsSchema = Type.Object({
  packId: Type.String({ pattern: SLUG.source, minLength: 1, maxLength: 64 }),
  file: Type.String({ minLength: 1, maxLength: 100 }),
});
const UploadReplySchema = Type.Object({ packId: Type.String(), file: Type.String(), bytes: Type.Integer() });
const PackListSchema = Type.Object({
  packs: Type.Array(
    Type.Object({ id: Type.String(), source: Type.Union([Type.Literal('bundled'), Type.Literal('office')]) }),
  ),
});

async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

async function packIds(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

export async function adminVoicePackRoutes(
  parent: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const app = typed(parent);
  const packsDir = resolve(opts.ctx.config.dataDir, 'voice-packs');
  // Audio arrives as raw bytes: this plugin's routes only (encapsulated).
  app.addContentTypeParser(
    AUDIO_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/admin/voice-packs',
    {
      ...guard('admin:offices'),
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Voice packs: the bundled placeholders and the ones uploaded here',
        response: { 200: PackListSchema, ...errors(...AUTH_ERRORS) },
      },
    },
    async () => {
      const office = await packIds(packsDir);
      const bundled = (await packIds(BUNDLED_VOICE_PACKS_DIR)).filter((id) => !office.includes(id));
      return {
        packs: [
          ...bundled.map((id) => ({ id, source: 'bundled' as const })),
          ...office.map((id) => ({ id, source: 'office' as const })),
        ],
      };
    },
  );

  app.put(
    '/api/admin/voice-packs/:packId/:file',
    {
      ...guard('admin:offices'),
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Upload one file of a voice pack (clips first, manifest.json last)',
        description:
          'A clip: `Content-Type: audio/ogg` or `audio/wav`, the raw file (≤ 2 MB). The manifest: ' +
          '`application/json`; it is checked (format, the clips its dialect needs, every file it names ' +
          'uploaded) and only then written, so displays see a pack only once it is whole. Then set the ' +
          'office’s `voice.packId`. docs/voice.md lists the clips to record.',
        params: ParamsSchema,
        response: { 200: UploadReplySchema, ...errors(...AUTH_ERRORS, 'INVALID_INPUT', 'PAYLOAD_TOO_LARGE') },
      },
    },
    async (req) => {
      const { packId, file } = req.params;
      if ((await packIds(BUNDLED_VOICE_PACKS_DIR)).includes(packId))
        throw new QueueError('INVALID_INPUT', {
          problems: [`${packId}: a bundled pack has this id; give your pack its own id`],
        });
      const dir = join(packsDir, packId);
      if (file === MANIFEST) {
        const manifest = req.body;
        if (typeof manifest !== 'object' || manifest === null || Buffer.isBuffer(manifest))
          throw new QueueError('INVALID_INPUT', { problems: ['manifest.json: send it as application/json'] });
        const dialect = (manifest as { dialect?: unknown }).dialect === 'south' ? 'south' : 'north';
        const problems = validateVoicePackManifest(manifest, withVoiceDefaults({ dialect })).map(
          (p) => `${p.path || 'manifest'}: ${p.message}`,
        );
        if ((manifest as { id?: unknown }).id !== packId)
          problems.push(`id: must be "${packId}", the pack's folder`);
        const clips = (manifest as { clips?: Record<string, { file?: unknown }> }).clips ?? {};
        for (const [clip, entry] of Object.entries(clips)) {
          const name = typeof entry.file === 'string' ? entry.file : '';
          const present =
            isSafeClipFile(name) && (await stat(join(dir, name)).catch(() => undefined))?.isFile();
          if (!present) problems.push(`clips.${clip}.file: "${name}" has not been uploaded`);
        }
        if (problems.length > 0) throw new QueueError('INVALID_INPUT', { problems });
        const data = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
        await mkdir(dir, { recursive: true });
        await writeAtomically(join(dir, MANIFEST), data);
        req.log.info({ packId }, 'voice pack manifest installed');
        return { packId, file, bytes: data.length };
      }
      if (!isSafeClipFile(file))
        throw new QueueError('INVALID_INPUT', {
          problems: [`${file}: a clip file name is ASCII letters, digits, - and _ with .ogg, .oga or .wav`],
        });
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw new QueueError('INVALID_INPUT', {
          problems: [`${file}: send the audio as audio/ogg or audio/wav`],
        });
      await mkdir(dir, { recursive: true });
      await writeAtomically(join(dir, file), req.body);
      return { packId, file, bytes: req.body.length };
    },
  );
}
