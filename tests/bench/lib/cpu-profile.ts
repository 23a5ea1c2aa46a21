/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the time went: per area (a package,
 * a part of Node's core, a directory of ours, GC), the top functions by self time, and our own
 * functions by inclusive time (themselves and what they call). Shares are of the busy time (idle
 * samples left out).
 */
import { relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  busySeconds: number;
  areas: { area: string; share: number }[];
  top: { name: string; where: string; share: number }[];
  /** Our functions (server/, shared/), by inclusive time. */
  ours: { name: string; where: string; share: number }[];
}

function areaOf(frame: CallFrame, root: string): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'V8 / native (program)';
    return `native ${functionName || '(anonymous)'}`;
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `npm ${pkg[1]}`;
  if (url.startsWith('node:')) {
    const mod = url.slice(5).replace(/^internal\//, '');
    const first = mod.split('/')[0] ?? mod;
    return `node ${first.replace(/\.js$/, '')}`;
  }
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const rel = relative(root, path);
  if (!rel.startsWith('..')) return rel.split('/').slice(0, -1).join('/') || rel;
  return 'other';
}

function whereOf(frame: CallFrame, root: string): string {
  if (frame.url === '') return '';
  const path = frame.url.startsWith('file://') ? new URL(frame.url).pathname : frame.url;
  const rel = path.startsWith(root) ? relative(root, path) : path.replace(/^.*\/node_modules\//, '');
  return `${rel}:${frame.lineNumber + 1}`;
}

export function summarizeCpuProfile(profile: CpuProfile, root: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = (n: ProfileNode): boolean => n.callFrame.functionName === '(idle)';
  const busyHits = profile.nodes.reduce((a, n) => a + (idle(n) ? 0 : (n.hitCount ?? 0)), 0) || 1;
  const totalHits = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0) || 1;
  const busySeconds = ((profile.endTime - profile.startTime) / 1e6) * (busyHits / totalHits);

  const areas = new Map<string, number>();
  const fns = new Map<string, { name: string; where: string; hits: number }>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0 || idle(n)) continue;
    const area = areaOf(n.callFrame, root);
    areas.set(area, (areas.get(area) ?? 0) + hits);
    const where = whereOf(n.callFrame, root);
    const name = n.callFrame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const f = fns.get(key) ?? { name, where, hits: 0 };
    f.hits += hits;
    fns.set(key, f);
  }

  // Inclusive time of our own functions: each sample counts once per distinct function on its stack.
  const inclusive = new Map<string, { name: string; where: string; hits: number }>();
  const root0 = profile.nodes[0];
  const isOurs = (f: CallFrame): boolean => {
    const where = whereOf(f, root);
    return where.startsWith('server/') || where.startsWith('shared/');
  };
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id);
    if (!n || idle(n)) return 0;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${whereOf(n.callFrame, root)}`;
    const mine = isOurs(n.callFrame) && !onStack.has(key);
    if (mine) onStack.add(key);
    let hits = n.hitCount ?? 0;
    for (const c of n.children ?? []) hits += walk(c, onStack);
    if (mine) {
      onStack.delete(key);
      const f = inclusive.get(key) ?? {
        name: n.callFrame.functionName || '(anonymous)',
        where: whereOf(n.callFrame, root),
        hits: 0,
      };
      f.hits += hits;
      inclusive.set(key, f);
    }
    return hits;
  };
  if (root0) walk(root0.id, new Set());

  const share = (hits: number): number => (100 * hits) / busyHits;
  return {
    busySeconds,
    areas: [...areas]
      .map(([area, hits]) => ({ area, share: share(hits) }))
      .sort((a, b) => b.share - a.share)
      .slice(0, 30),
    top: [...fns.values()]
      .map((f) => ({ name: f.name, where: f.where, share: share(f.hits) }))
      .sort((a, b) => b.share - a.share)
      .slice(0, 40),
    ours: [...inclusive.values()]
      .map((f) => ({ name: f.name, where: f.where, share: share(f.hits) }))
      .sort((a, b) => b.share - a.share)
      .slice(0, 30),
  };
}
