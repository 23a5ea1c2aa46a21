/**
 * OFFICES_FILE: office definitions seeded (created or updated) at start, YAML or JSON.
 *
 * The file is either a list of offices or `{offices: [...]}`; each entry is what
 * `POST /api/admin/offices` takes, checked by the same parseOfficeConfig. Every problem is reported
 * with the file, the line where the document allows it, and the path inside the document
 * (`offices[2].services[0].numbering.width: must be a whole number 1–6`), so an administrator can
 * fix the file without a developer. A bad file stops start-up (main.ts: exit code 2, no stack).
 */
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { parseOfficeConfig } from '../shared/domain/office-config.js';
import type { OfficeConfig } from '../shared/domain/types.js';
import { isQueueError } from '../shared/protocol/errors.js';
import { ConfigError } from './config.js';
import type { TicketStore } from './store/types.js';

/** A file that cannot be read or does not hold valid offices; `problems` are one line each. */
export class OfficesFileError extends ConfigError {
  constructor(
    readonly file: string,
    readonly problems: string[],
    /** Unknown keys, shown after the problems: a typo often explains one ("dailycap"). */
    readonly warnings: string[] = [],
  ) {
    const head =
      problems.length === 1
        ? `invalid offices file ${file} (OFFICES_FILE):`
        : `invalid offices file ${file} (OFFICES_FILE), ${problems.length} problems:`;
    super([head, ...problems.map((p) => `  ${p}`), ...warnings.map((w) => `  (warning) ${w}`)].join('\n'));
    this.name = 'OfficesFileError';
  }
}

export interface OfficesFile {
  offices: OfficeConfig[];
  /** Keys the loader does not know (typos such as `dailycap`); not fatal, worth a log line. */
  warnings: string[];
}

type Format = 'yaml' | 'json';

function formatOf(file: string, text: string): Format {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** "services[2].numbering.width" → ['services', 2, 'numbering', 'width'] */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * Where a path points in the document: the line of the deepest node that exists along it (a
 * missing key points at its parent). Undefined when the text was not parsed as a document.
 */
class Locator {
  constructor(
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter,
  ) {}

  line(segments: readonly (string | number)[]): number | undefined {
    if (!this.doc) return undefined;
    for (let n = segments.length; n >= 0; n--) {
      const node: unknown = n === 0 ? this.doc.contents : this.doc.getIn(segments.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return undefined;
  }
}

function parseText(file: string, text: string): { data: unknown; locator: Locator; problems: string[] } {
  const format = formatOf(file, text);
  const lines = new LineCounter();
  // YAML 1.2 (core schema): "07:30" and 2026-09-02 stay strings, duplicate keys are errors.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (format === 'json') {
    try {
      const data: unknown = JSON.parse(text);
      return { data, locator: new Locator(doc.errors.length === 0 ? doc : undefined, lines), problems: [] };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = /position (\d+)/.exec(message);
      const where = at ? lineCol(text, Number(at[1])) : undefined;
      const prefix = where ? `line ${where.line}, column ${where.col}: ` : '';
      return {
        data: undefined,
        locator: new Locator(undefined, lines),
        problems: [`${prefix}not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`],
      };
    }
  }
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 5).map((e) => {
      const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      const prefix = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      // The library's message repeats the position and may quote the source; keep its first line.
      const what = (e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '');
      return `${prefix}not valid YAML (${what})`;
    });
    return { data: undefined, locator: new Locator(undefined, lines), problems };
  }
  return {
    data: doc.toJS({ maxAliasCount: 100 }) as unknown,
    locator: new Locator(doc, lines),
    problems: [],
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Keys parseOfficeConfig reads, per level: anything else is most likely a typo ("dailycap") that
// would otherwise be ignored in silence. A warning, not an error, so that a field added to the
// office definition later does not stop start-up. The keys inside `voice` and `alerts` are not
// listed here: parseOfficeConfig refuses unknown ones itself ("alerts.waitMinute: is not an alert
// setting (use waitMinutes, idleMinutes, serviceFactor)").
const OFFICE_KEYS = [
  'id',
  'name',
  'timeZone',
  'sessions',
  'holidays',
  'policy',
  'services',
  'counters',
  'serviceGroups',
  'priorityAtKiosk',
  'voice',
  'notices',
  'alerts',
];
const SERVICE_KEYS = ['id', 'name', 'numbering', 'dailyCap', 'serviceMinutes', 'icon', 'groupId', 'outcomes'];
const NUMBERING_KEYS = ['prefix', 'start', 'width', 'end', 'wrap'];
const COUNTER_KEYS = ['id', 'number', 'name', 'services'];
const SESSION_KEYS = ['open', 'close', 'cutoff'];
const POLICY_KEYS = ['kind', 'priorityEvery', 'alphaPerMinute', 'priorityWeight'];

function unknownKeys(raw: unknown, known: readonly string[], path: string, out: string[]): void {
  if (!isObject(raw)) return;
  for (const key of Object.keys(raw)) {
    if (!known.includes(key))
      out.push(`${path}.${key}: unknown key (ignored); expected one of ${known.join(', ')}`);
  }
}

function officeWarnings(raw: unknown, at: string, out: string[]): void {
  if (!isObject(raw)) return;
  unknownKeys(raw, OFFICE_KEYS, at, out);
  unknownKeys(raw.policy, POLICY_KEYS, `${at}.policy`, out);
  if (isObject(raw.sessions)) {
    for (const [day, list] of Object.entries(raw.sessions)) {
      if (Array.isArray(list))
        list.forEach((s, i) => unknownKeys(s, SESSION_KEYS, `${at}.sessions.${day}[${i}]`, out));
    }
  }
  if (Array.isArray(raw.services)) {
    raw.services.forEach((s: unknown, i) => {
      const sp = `${at}.services[${i}]`;
      unknownKeys(s, SERVICE_KEYS, sp, out);
      if (isObject(s)) {
        unknownKeys(s.name, ['vi', 'en'], `${sp}.name`, out);
        unknownKeys(s.numbering, NUMBERING_KEYS, `${sp}.numbering`, out);
      }
    });
  }
  if (Array.isArray(raw.counters)) {
    raw.counters.forEach((c: unknown, i) => {
      const cp = `${at}.counters[${i}]`;
      unknownKeys(c, COUNTER_KEYS, cp, out);
      if (isObject(c) && Array.isArray(c.services)) {
        c.services.forEach((e: unknown, j) =>
          unknownKeys(e, ['serviceId', 'weight'], `${cp}.services[${j}]`, out),
        );
      }
    });
  }
}

/**
 * Parses the text of an offices file (`file` names it in messages and picks the format by its
 * extension: .yaml/.yml, .json, otherwise by content). Throws OfficesFileError with every problem.
 */
export function parseOfficesFile(text: string, file: string): OfficesFile {
  const parsed = parseText(file, text);
  const fail = (problems: string[]): never => {
    throw new OfficesFileError(file, problems);
  };
  if (parsed.problems.length > 0) fail(parsed.problems);
  const { data, locator } = parsed;
  const at = (docPath: (string | number)[], message: string): string => {
    const line = locator.line(docPath);
    return line === undefined ? message : `line ${line}: ${message}`;
  };

  let list: unknown[];
  let root: (string | number)[];
  if (Array.isArray(data)) {
    list = data;
    root = [];
  } else if (isObject(data) && 'offices' in data) {
    const extra = Object.keys(data).filter((k) => k !== 'offices');
    if (extra.length > 0) {
      fail([at([extra[0] as string], `${extra.join(', ')}: unknown top-level key (only "offices" is read)`)]);
    }
    if (!Array.isArray(data.offices))
      fail([at(['offices'], 'offices: must be a list of office definitions')]);
    list = data.offices as unknown[];
    root = ['offices'];
  } else {
    return fail([
      at([], 'the document must be a list of offices, or a mapping with one key "offices" holding that list'),
    ]);
  }
  if (list.length === 0) fail([at(root, 'offices: the list is empty (nothing to seed)')]);

  const offices: OfficeConfig[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((raw, i) => {
    const prefix = `offices[${i}]`;
    const docPath = (inner: string): (string | number)[] => [...root, i, ...pathSegments(inner)];
    officeWarnings(raw, prefix, warnings);
    try {
      const office = parseOfficeConfig(raw);
      const first = seen.get(office.id);
      if (first !== undefined) {
        problems.push(
          at(docPath('id'), `${prefix}.id: "${office.id}" is used twice (also offices[${first}])`),
        );
      } else {
        seen.set(office.id, i);
        offices.push(office);
      }
    } catch (err) {
      if (!isQueueError(err) || err.code !== 'INVALID_CONFIG') throw err;
      for (const problem of err.details.problems ?? [err.message]) {
        // "services[2].numbering.width: must be …" → "offices[1].services[2].numbering.width: must be …"
        const colon = problem.indexOf(': ');
        const inner = colon > 0 ? problem.slice(0, colon) : '';
        const what = colon > 0 ? problem.slice(colon + 2) : problem;
        const path = inner === '' || inner === 'office' ? prefix : `${prefix}.${inner}`;
        const segments = inner === 'office' ? '' : inner;
        problems.push(at(docPath(segments), `${path}: ${what}`));
      }
    }
  });
  const located = warnings.map((w) => {
    const path = w.slice(0, w.indexOf(': '));
    const line = locator.line([...root, ...pathSegments(path.replace(/^offices/, ''))]);
    return line === undefined ? w : `line ${line}: ${w}`;
  });
  if (problems.length > 0) throw new OfficesFileError(file, problems, located);
  return { offices, warnings: located };
}

/** Reads and parses OFFICES_FILE. Throws OfficesFileError (a ConfigError) naming the file. */
export async function loadOfficesFile(file: string): Promise<OfficesFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : (code ?? String(err));
    throw new OfficesFileError(file, [`cannot read the file: ${why}`]);
  }
  return parseOfficesFile(text.replace(/^\uFEFF/, ''), file);
}

export interface SeedLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SeedResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Creates or updates each office. An office whose stored definition is already the same is left
 * alone (no new configuration version), so restarting, or several processes starting on one Redis,
 * changes nothing.
 */
export async function seedOffices(
  store: TicketStore,
  file: OfficesFile,
  log?: SeedLogger,
): Promise<SeedResult> {
  const result: SeedResult = { created: [], updated: [], unchanged: [] };
  for (const warning of file.warnings) log?.warn({}, `offices file: ${warning}`);
  for (const office of file.offices) {
    const existing = await store.getOffice(office.id);
    if (existing && isDeepStrictEqual(existing, office)) {
      result.unchanged.push(office.id);
      continue;
    }
    await store.putOffice(office);
    (existing ? result.updated : result.created).push(office.id);
  }
  log?.info(result, 'offices seeded from OFFICES_FILE');
  return result;
}
