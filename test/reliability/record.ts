// The fault and security specs declare each scenario with the behaviour it proves; this records
// how each one ended, per test layer, in test-output/reliability/<layer>.json, for report.ts to
// turn into docs/RELIABILITY.md. Works in plain Node (UI specs) and inside the extension host
// (integration specs write the file themselves: the host runs on this machine).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TEST_OUTPUT } from '../harness/paths';

export const RELIABILITY_RESULTS = path.join(TEST_OUTPUT, 'reliability');

export type Layer = 'integration' | 'ui';
export type Area = 'fault' | 'security';

export interface Scenario {
  area: Area;
  /** What happens, e.g. "HTTP 429 with RetryInfo 1s, then an answer". */
  scenario: string;
  /** What the user (or the system) must see, e.g. "a retry countdown, then the answer". */
  expected: string;
}

export interface ReliabilityRow extends Scenario {
  layer: Layer;
  result: 'passed' | 'failed';
  /** First line of the failure. */
  error?: string;
  durationMs?: number;
}

export interface ReliabilityRun {
  layer: Layer;
  startedAt: string;
  finishedAt: string;
  /** VS Code version the layer ran in, when known. */
  vscodeVersion?: string;
  rows: ReliabilityRow[];
}

const SCENARIO = Symbol('reliability scenario');
const runs = new Map<Layer, ReliabilityRun>();
const suitesWithHook = new WeakSet<Mocha.Suite>();

/**
 * `it(...)` for one reliability scenario: the title says both what happens and what is expected,
 * and the outcome (also a timeout) lands in the layer's results file.
 */
export function scenario(layer: Layer, meta: Scenario, fn: (this: Mocha.Context) => Promise<void>, options: { vscodeVersion?: string } = {}): Mocha.Test {
  const test = it(`${meta.scenario} → ${meta.expected}`, fn);
  (test as unknown as Record<symbol, unknown>)[SCENARIO] = { layer, meta, vscodeVersion: options.vscodeVersion };
  if (test.parent) installHook(test.parent);
  return test;
}

/** An afterEach on the scenario's suite: it also sees tests that timed out or failed in a hook. */
function installHook(suite: Mocha.Suite): void {
  if (suitesWithHook.has(suite)) return;
  suitesWithHook.add(suite);
  suite.afterEach('record the reliability scenario', function () {
    const test = this.currentTest as (Mocha.Test & Record<symbol, unknown>) | undefined;
    const declared = test?.[SCENARIO] as { layer: Layer; meta: Scenario; vscodeVersion?: string } | undefined;
    if (!test || !declared) return;
    const passed = test.state === 'passed';
    const error = (test as unknown as { err?: Error }).err;
    record(declared.layer, {
      ...declared.meta, layer: declared.layer, result: passed ? 'passed' : 'failed', durationMs: test.duration,
      ...(passed ? {} : { error: String(error?.message ?? 'did not finish').split('\n')[0].slice(0, 300) }),
    }, declared.vscodeVersion);
  });
}

/** Adds a row; the first row a process records for a layer replaces that layer's older file. */
export function record(layer: Layer, row: ReliabilityRow, vscodeVersion?: string): void {
  const now = new Date().toISOString();
  const run = runs.get(layer) ?? { layer, startedAt: now, finishedAt: now, rows: [] };
  runs.set(layer, run);
  run.rows = run.rows.filter((r) => !(r.scenario === row.scenario && r.area === row.area));
  run.rows.push(row);
  run.finishedAt = now;
  if (vscodeVersion) run.vscodeVersion = vscodeVersion;
  mkdirSync(RELIABILITY_RESULTS, { recursive: true });
  writeFileSync(path.join(RELIABILITY_RESULTS, `${layer}.json`), JSON.stringify(run, null, 2));
}
