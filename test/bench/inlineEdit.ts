// Benchmark (not a test): from the emulator's first SSE write to the first proposed line painted
// in the editor by Edit with Gemini (Ctrl+I), hop by hop, in the real workbench. Each run selects
// two lines, asks for an edit, waits for the proposal and rejects it. The first chunk carries the
// rationale and the first code line, so no hop waits for the model. Hops:
//   emulator writes its first SSE event (this process)
//   → our controller gets the first text event      (socket, SDK parse, engine: mostly not ours)
//   → the first complete code line is read          (ours: partial-JSON reader)
//   → the repaint starts / has its text             (ours: promise queue, line diff, editor text)
//   → VS Code applied the edit                      (VS Code: extension host ↔ renderer round trip)
//   → the decorations are set                       (ours)
// The extension's marks come from its log ("[inline-timing …]", epoch ms).
//
//   node out/test/bench/inlineEdit.js [--runs 15] [--no-write]
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chunks } from '../emulator';
import { openFile, runCommand, selectLines, waitForWorkbench } from '../harness/ui';
import { watchEmulatorWrites } from './latency';
import { fixed, median, quantile, startBenchBed, writeResults, writeSection } from './workbench';

const SOURCE = ['def total(items):', '    result = 0', '    for i in range(len(items)):', '        result = result + items[i]', '    return result', ''].join('\n');

function findLogs(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findLogs(full, found);
    else if (/Gemini.*\.log$/.test(name)) found.push(full);
  }
  return found;
}

function timingLines(root: string): number[][] {
  return findLogs(root).flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .map((line) => /\[inline-timing ([\d. ]+)\]/.exec(line)?.[1])
    .filter((marks): marks is string => !!marks)
    .map((marks) => marks.split(' ').map(Number));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
  const bed = await startBenchBed({ developmentBuild: true });
  const watch = watchEmulatorWrites();
  try {
    const page = bed.host.page;
    await waitForWorkbench(page);
    const workspaceFile = path.join(bed.server.workspace, 'bench_inline.py');
    mkdirSync(path.dirname(workspaceFile), { recursive: true });
    writeFileSync(workspaceFile, SOURCE);
    await runCommand(page, 'Gemini: Show Log');
    await openFile(page, 'bench_inline.py');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const firsts: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const json = JSON.stringify({ rationale: 'Iterates directly.', code: '    for item in items:\n        result += item' });
      const cut = json.indexOf('\\n') + 2;
      bed.emulator.enqueue({ kind: 'stream', chunkDelayMs: 10, chunks: [chunks.text(json.slice(0, cut)), chunks.text(json.slice(cut)), chunks.finish('STOP', { promptTokenCount: 100, candidatesTokenCount: 20 })] });
      await selectLines(page, 3, 4);
      await page.keyboard.press('Control+I');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible' });
      await input.fill('iterate directly');
      const before = watch.firsts.length;
      await page.keyboard.press('Enter');
      const accept = editor.locator('.codelens-decoration', { hasText: 'Accept (Tab)' }).first();
      await accept.waitFor({ state: 'visible', timeout: 30_000 });
      firsts.push(watch.firsts[before]);
      await page.keyboard.press('Escape');
      await accept.waitFor({ state: 'hidden', timeout: 30_000 });
    }
    // The log is written asynchronously: give it a moment, then read every mark.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const marks = timingLines(path.dirname(bed.server.userDataDir));
    if (marks.length < firsts.length) throw new Error(`found ${marks.length} timing lines for ${firsts.length} runs`);
    // The first run warms up (lazy modules, first decorations); it is left out.
    const measured = marks.slice(-firsts.length).slice(1).map((m, i) => ({ emulator: firsts[i + 1], firstText: m[0], line: m[1], start: m[2], requested: m[3], edited: m[4], painted: m[5] }));
    const hops = [
      { name: 'first SSE write → first text event in our controller', owner: 'socket + SDK + engine (engine ours, not split out)', values: measured.map((m) => m.firstText - m.emulator) },
      { name: 'first text → first code line read', owner: 'ours', values: measured.map((m) => m.line - m.firstText) },
      { name: 'line read → repaint text ready (queue, line diff, editor text)', owner: 'ours', values: measured.map((m) => m.requested - m.line) },
      { name: 'editor edit applied', owner: 'VS Code (extension host ↔ renderer)', values: measured.map((m) => m.edited - m.requested) },
      { name: 'decorations set', owner: 'ours', values: measured.map((m) => m.painted - m.edited) },
    ];
    const ours = measured.map((m) => (m.requested - m.firstText) + (m.painted - m.edited));
    const total = measured.map((m) => m.painted - m.emulator);
    const result = { vscodeVersion: bed.vscodeVersion, runs: measured.length, hops, ours, total };
    writeResults('inline-edit', result);
    const rows = hops.map((hop) => `| ${hop.name} | ${hop.owner} | ${fixed(median(hop.values), 2)} | ${fixed(quantile(hop.values, 0.9), 2)} |`).join('\n');
    const body = [
      '## Inline edit: first SSE byte → first proposed line painted',
      '',
      `\`node out/test/bench/inlineEdit.js --runs ${runs}\`: ${measured.length} Ctrl+I edits in the real workbench (VS Code ${bed.vscodeVersion}), the first run left out as warm-up. The first chunk holds the first code line, so no hop waits for the model.`,
      '',
      '| Hop | Whose | Median ms | p90 ms |',
      '| --- | --- | --- | --- |',
      rows,
      '',
      `**Our share** (reading the line, diffing, the editor text, decorations): median ${fixed(median(ours), 2)} ms, p90 ${fixed(quantile(ours, 0.9), 2)} ms — target ≤ 16 ms: ${median(ours) <= 16 ? 'met' : 'missed'}. The whole path from the first SSE write to the painted line: median ${fixed(median(total), 1)} ms.`,
    ].join('\n');
    console.log(body);
    if (!args.includes('--no-write')) writeSection('inline-edit', body);
  } finally {
    watch.restore();
    await bed.dispose();
  }
}

main().then(() => process.exit(0), (error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
