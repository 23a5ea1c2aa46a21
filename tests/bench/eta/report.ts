/**
 * From the runs' columns to the report: metrics per predictor and view, the gates of the issue
 * (met / not met with the measured value), and the printed tables.
 */
import {
  calibration,
  intervalMetrics,
  pointMetrics,
  relativeSquaredError,
  within,
  type Calibration,
  type IntervalMetrics,
  type PointMetrics,
} from './metrics.js';
import { BASELINE_IDS, ORACLE, ORACLE_MEDIAN, SHIPPED, SHIPPED_MEDIAN } from './predictors.js';
import { MMS_COUNTERS, MMS_SERVICE_MIN } from './scenarios.js';
import type { DisplayColumns, FlickerCounts, IssueColumns, PredColumns, RunOutput } from './runner.js';

export interface PredictorReport {
  /** At issue, over the tickets called today, by view. */
  views: Record<string, PointMetrics>;
  /** p10–p90 of the Monte Carlo, over the tickets called today (replay predictors only). */
  interval?: IntervalMetrics;
  /** P(not today) against "not called today", over every scored ticket (replay predictors only). */
  notToday?: Calibration;
  /** Share of scored tickets answered "not today" by the point prediction. */
  saidNotToday: number;
  /** Remaining wait of every waiting ticket at every display tick (called today). */
  display: PointMetrics;
  /** mms: relative squared error over the customers who had to wait (actual > 0). */
  relSq?: number;
}

export interface ScenarioReport {
  scenario: string;
  /**
   * mms: the textbook QL, (ahead + 1) ÷ (c·μ) with the TRUE μ, on the same customers: what this
   * run's sample gives a predictor whose expected relative squared error is exactly 1 − ρ (so the
   * distance from 0.05 that is sampling noise, not method).
   */
  textbookQlRelSq?: number;
  /** Display-only series (REPLAY_SHOWN): remaining-wait metrics on the display ticks. */
  displayOnly: Record<string, PointMetrics>;
  /** Per display series: refreshes, how many went up, how many changed by less than 2 min. */
  flicker: Record<string, FlickerCounts>;
  seeds: number[];
  testDays: number;
  tickets: number;
  notCalled: number;
  displayRows: number;
  predictors: Record<string, PredictorReport>;
}

export interface Gate {
  scenario: string;
  gate: string;
  target: string;
  value: string;
  met: boolean;
}

/** Concatenates the columns of several runs (seeds) of one scenario. */
export function poolIssue(runs: readonly RunOutput[]): IssueColumns {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  const out: IssueColumns = {
    day: [],
    service: [],
    priority: [],
    issuedMin: [],
    ahead: [],
    actual: [],
    served: [],
    preds: {},
  };
  for (const id of first.predictorIds)
    out.preds[id] = { point: [], notToday: [], p10: [], p90: [], pNotToday: [] };
  for (const r of runs) {
    const c = r.issue;
    append(out.day, c.day);
    append(out.service, c.service);
    append(out.priority, c.priority);
    append(out.issuedMin, c.issuedMin);
    append(out.ahead, c.ahead);
    append(out.actual, c.actual);
    append(out.served, c.served);
    for (const id of first.predictorIds) {
      const to = out.preds[id] as PredColumns;
      const from = c.preds[id] as PredColumns;
      append(to.point, from.point);
      append(to.notToday, from.notToday);
      append(to.p10, from.p10);
      append(to.p90, from.p90);
      append(to.pNotToday, from.pNotToday);
    }
  }
  return out;
}

export function poolDisplay(runs: readonly RunOutput[]): DisplayColumns {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  const out: DisplayColumns = { service: [], priority: [], atMin: [], actual: [], preds: {} };
  for (const id of first.displayIds) out.preds[id] = { point: [] };
  for (const r of runs) {
    const c = r.display;
    append(out.service, c.service);
    append(out.priority, c.priority);
    append(out.atMin, c.atMin);
    append(out.actual, c.actual);
    for (const id of first.displayIds) {
      const to = out.preds[id];
      if (to) append(to.point, c.preds[id]?.point ?? []);
    }
  }
  return out;
}

/** Appends `from` to `to` (a spread of 100 000+ arguments overflows the stack). */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

const pick = <T>(xs: readonly T[], idx: readonly number[]): T[] => idx.map((i) => xs[i] as T);

/** The views of the brief: all called, served only, priority, issued 10:00–11:00, per service. */
export function viewIndices(c: IssueColumns, services: readonly string[]): Record<string, number[]> {
  const called: number[] = [];
  c.actual.forEach((a, i) => {
    if (a !== null) called.push(i);
  });
  const views: Record<string, number[]> = {
    all: called,
    served: called.filter((i) => c.served[i] === true),
    priority: called.filter((i) => c.priority[i] === true),
    '10-11': called.filter((i) => (c.issuedMin[i] as number) >= 600 && (c.issuedMin[i] as number) < 660),
  };
  for (const s of services) views[s] = called.filter((i) => c.service[i] === s);
  return views;
}

export function scenarioReport(runs: readonly RunOutput[], services: readonly string[]): ScenarioReport {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  const issue = poolIssue(runs);
  const display = poolDisplay(runs);
  const views = viewIndices(issue, services);
  const all = views.all ?? [];
  const delayed = all.filter((i) => (issue.actual[i] as number) > 0);
  const dispIdx: number[] = [];
  display.actual.forEach((a, i) => {
    if (a !== null) dispIdx.push(i);
  });
  const dispActual = pick(display.actual, dispIdx) as number[];
  const predictors: Record<string, PredictorReport> = {};
  const isMms = first.settings.scenario === 'mms';
  for (const id of first.predictorIds) {
    const col = issue.preds[id] as PredColumns;
    // Only where this predictor was asked (the mms asks the replays at a sample of issues).
    const asked = (idx: readonly number[]): number[] => idx.filter((i) => col.point[i] !== null);
    const askedAll = asked(all);
    const askedIssued: number[] = [];
    col.point.forEach((p, i) => {
      if (p !== null) askedIssued.push(i);
    });
    const rep: PredictorReport = {
      views: {},
      saidNotToday: pick(col.notToday, askedIssued).filter(Boolean).length / Math.max(1, askedIssued.length),
      display: pointMetrics(pick(display.preds[id]?.point ?? [], dispIdx), dispActual),
    };
    for (const [name, idx] of Object.entries(views)) {
      const a = asked(idx);
      rep.views[name] = pointMetrics(pick(col.point, a) as number[], pick(issue.actual, a) as number[]);
    }
    if (askedAll.some((i) => col.p10[i] !== null || col.p90[i] !== null)) {
      rep.interval = intervalMetrics(
        pick(col.p10, askedAll),
        pick(col.p90, askedAll),
        pick(issue.actual, askedAll) as number[],
      );
      rep.notToday = calibration(
        pick(col.pNotToday, askedIssued).map((x) => x ?? 0),
        pick(issue.actual, askedIssued).map((a) => a === null),
      );
    }
    if (isMms) {
      const d = asked(delayed);
      rep.relSq = relativeSquaredError(pick(col.point, d) as number[], pick(issue.actual, d) as number[]);
    }
    predictors[id] = rep;
  }
  const displayOnly: Record<string, PointMetrics> = {};
  for (const id of first.displayIds.filter((x) => !first.predictorIds.includes(x)))
    displayOnly[id] = pointMetrics(pick(display.preds[id]?.point ?? [], dispIdx), dispActual);
  const flicker: Record<string, FlickerCounts> = {};
  for (const r of runs)
    for (const [id, c] of Object.entries(r.flicker)) {
      const to = (flicker[id] ??= { refreshes: 0, ups: 0, smallChanges: 0 });
      to.refreshes += c.refreshes;
      to.ups += c.ups;
      to.smallChanges += c.smallChanges;
    }
  const textbook = isMms
    ? relativeSquaredError(
        delayed.map((i) => (((issue.ahead[i] as number) + 1) * MMS_SERVICE_MIN) / MMS_COUNTERS),
        pick(issue.actual, delayed) as number[],
      )
    : undefined;
  return {
    scenario: first.settings.scenario,
    ...(textbook === undefined ? {} : { textbookQlRelSq: textbook }),
    displayOnly,
    flicker,
    seeds: runs.map((r) => r.settings.seed),
    testDays: runs.reduce((a, r) => a + r.days.filter((d) => d.test).length, 0),
    tickets: issue.actual.length,
    notCalled: issue.actual.filter((a) => a === null).length,
    displayRows: dispIdx.length,
    predictors,
  };
}

const f = (x: number | undefined, digits = 2): string =>
  x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
const pct = (x: number | undefined, digits = 1): string =>
  x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)} %`;

/** The best baseline by MAE over all called tickets. */
export function bestBaseline(rep: ScenarioReport): { id: string; mae: number } {
  let best = { id: '', mae: Number.POSITIVE_INFINITY };
  for (const id of BASELINE_IDS) {
    const mae = rep.predictors[id]?.views.all?.mae ?? Number.POSITIVE_INFINITY;
    if (mae < best.mae) best = { id, mae };
  }
  return best;
}

export function gates(rep: ScenarioReport): Gate[] {
  const out: Gate[] = [];
  const s = rep.scenario;
  const add = (gate: string, target: string, value: string, met: boolean): void => {
    out.push({ scenario: s, gate, target, value, met });
  };
  const P = rep.predictors;
  if (s === 'mms') {
    const ql = P.QL?.relSq ?? Number.NaN;
    add(
      'QL relative squared error',
      '0.045–0.056 (1 − ρ = 0.05)',
      `${f(ql, 4)} (textbook QL, true μ, same customers: ${f(rep.textbookQlRelSq, 4)})`,
      within(ql, 0.045, 0.056),
    );
    for (const id of ['LES', 'HOL']) {
      const v = P[id]?.relSq ?? Number.NaN;
      add(
        `${id} relative squared error`,
        '0.09–0.12',
        `${f(v, 4)} (${f(v / ql, 2)} × QL)`,
        within(v, 0.09, 0.12),
      );
    }
    return out;
  }
  // The brief's point (the deterministic pass), then the Monte Carlo median, which is what
  // describeWait shows citizens when the passes ran; each against the oracle's same kind of point.
  const points: [string, string, string][] = [
    [SHIPPED, ORACLE, ''],
    [SHIPPED_MEDIAN, ORACLE_MEDIAN, ' [median, as shown]'],
  ];
  for (const [sid, oid, tag] of points) {
    const shipped = P[sid];
    const sa = shipped?.views.all;
    const oa = P[oid]?.views.all;
    const best = bestBaseline(rep);
    const maeRatio = (sa?.mae ?? Number.NaN) / (oa?.mae ?? Number.NaN);
    const rmseRatio = (sa?.rmse ?? Number.NaN) / (oa?.rmse ?? Number.NaN);
    add(
      `MAE ≤ 1.2 × oracle${tag}`,
      '≤ 1.20',
      `${f(maeRatio)} (${f(sa?.mae)} vs ${f(oa?.mae)} min)`,
      maeRatio <= 1.2,
    );
    add(
      `RMSE ≤ 1.3 × oracle${tag}`,
      '≤ 1.30',
      `${f(rmseRatio)} (${f(sa?.rmse)} vs ${f(oa?.rmse)} min)`,
      rmseRatio <= 1.3,
    );
    const gain = 1 - (sa?.mae ?? Number.NaN) / best.mae;
    add(
      `MAE ≥ 25 % below the best baseline${tag}`,
      '≥ 25 %',
      `${pct(gain)} (best: ${best.id} ${f(best.mae)} min)`,
      gain >= 0.25,
    );
    const u10 = sa?.under10 ?? Number.NaN;
    add(`under10 ≤ 10 %${tag}`, '≤ 10 %', pct(u10), u10 <= 0.1);
    const bias = sa?.bias ?? Number.NaN;
    add(`bias within 0 … +3 min${tag}`, '0 … +3 min', `${f(bias)} min`, within(bias, 0, 3));
    if (tag === '') {
      const cov = shipped?.interval?.coverage ?? Number.NaN;
      add('p10–p90 coverage 75–85 %', '75–85 %', pct(cov), within(cov, 0.75, 0.85));
    }
    const d = shipped?.display.mae ?? Number.NaN;
    const dq = P.QL_EWMA?.display.mae ?? Number.NaN;
    add(
      `display remaining-wait MAE ≤ 50 % of QL_EWMA${tag}`,
      '≤ 0.50',
      `${f(d / dq)} (${f(d)} vs ${f(dq)} min)`,
      d / dq <= 0.5,
    );
  }
  return out;
}

function table(head: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (align[i] === 'l' ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => (align[i] === 'l' ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), sep, ...rows.map(line)].join('\n');
}

/** The main table of a scenario: rows = predictors, columns = the metrics at issue and on the display. */
export function mainTable(rep: ScenarioReport): string {
  const mms = rep.scenario === 'mms';
  const head = [
    'estimator',
    'MAE',
    'RMSE',
    'RMSE ÷ mean',
    'p90 |err|',
    '±5 min',
    'bias',
    'under10',
    'p10–p90 cov.',
    'width',
    'P(not today) Brier',
    'display MAE',
    ...(mms ? ['rel. sq. error (waited)'] : []),
  ];
  const rows = Object.entries(rep.predictors).map(([id, p]) => {
    const a = p.views.all;
    return [
      id,
      f(a?.mae),
      f(a?.rmse),
      f(a?.rmseOverMean),
      f(a?.p90AbsError, 1),
      pct(a?.within5, 0),
      f(a?.bias),
      pct(a?.under10),
      p.interval ? pct(p.interval.coverage, 0) : '',
      p.interval ? f(p.interval.meanWidth, 1) : '',
      p.notToday ? `${f(p.notToday.brier, 3)} (ref ${f(p.notToday.brierReference, 3)})` : '',
      f(p.display.mae),
      ...(mms ? [f(p.relSq, 4)] : []),
    ];
  });
  for (const [id, d] of Object.entries(rep.displayOnly)) {
    const row = head.map(() => '');
    row[0] = `${id} (display only)`;
    row[11] = f(d.mae);
    rows.push(row);
  }
  return table(
    head,
    rows,
    head.map((_, i) => (i === 0 ? 'l' : 'r')),
  );
}

/** How the shipped figure moves between display refreshes, raw and after smoothDisplay. */
export function flickerLine(rep: ScenarioReport): string {
  return Object.entries(rep.flicker)
    .map(
      ([id, c]) =>
        `${id}: ${c.refreshes} refreshes, ${pct(c.ups / c.refreshes)} went up, ${pct(c.smallChanges / c.refreshes)} changed by < 2 min`,
    )
    .join('; ');
}

/** MAE by view (at issue). */
export function viewTable(rep: ScenarioReport): string {
  const first = Object.values(rep.predictors)[0];
  const names = Object.keys(first?.views ?? {});
  const head = [
    'MAE by view',
    ...names.map((n) => `${n} (n ${first?.views[n]?.n ?? 0}, mean ${f(first?.views[n]?.meanActual, 1)})`),
  ];
  const rows = Object.entries(rep.predictors).map(([id, p]) => [id, ...names.map((n) => f(p.views[n]?.mae))]);
  return table(
    head,
    rows,
    head.map((_, i) => (i === 0 ? 'l' : 'r')),
  );
}

export function reliabilityTable(rep: ScenarioReport, id: string): string | undefined {
  const c = rep.predictors[id]?.notToday;
  if (!c) return undefined;
  const rows = c.bins
    .filter((b) => b.n > 0)
    .map((b) => [`${f(b.from, 1)}–${f(b.to, 1)}`, String(b.n), f(b.meanPredicted, 3), f(b.observed, 3)]);
  return table(['P(not today) bin', 'tickets', 'mean predicted', 'observed'], rows, ['l', 'r', 'r', 'r']);
}

export function gateTable(all: readonly Gate[]): string {
  return table(
    ['scenario', 'gate', 'target', 'measured', 'met'],
    all.map((g) => [g.scenario, g.gate, g.target, g.value, g.met ? 'met' : 'NOT MET']),
    ['l', 'l', 'l', 'l', 'l'],
  );
}

export { table as markdownTable };
