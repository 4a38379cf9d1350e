// What the in-host activation entry (activationHost.ts) and its runner (activation.ts) share; no `vscode`.
export const ACTIVATION_MARKER = '[gemini-bench-activation]';
export const BENCH_IDS_ENV = 'GEMINI_BENCH_EXTENSION_IDS';

export interface ActivationRow {
  id: string;
  eager: boolean;
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
  /** From the host's performance marks: require() of the bundle alone, without waiting its turn. */
  requireMs?: number;
  /** From the host's performance marks: activate() called until its result settled. */
  activateMs?: number;
}

export interface PerfMark { name: string; startTime: number }

/** The extension's own time in the host, from VS Code's `code/extHost/*` performance marks. */
export function ownTimings(marks: PerfMark[], id: string): { requireMs?: number; activateMs?: number } {
  const at = (event: string) => marks.find((mark) => mark.name === `code/extHost/${event}/${id}`)?.startTime;
  const span = (from: string, to: string) => {
    const start = at(from);
    const end = at(to);
    return start === undefined || end === undefined ? undefined : end - start;
  };
  return { requireMs: span('willLoadExtensionCode', 'didLoadExtensionCode'), activateMs: span('willActivateExtension', 'didActivateExtension') };
}

/** Rows of the "Extension Activation Stats" table: | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By | */
export function parseActivationTable(text: string): ActivationRow[] {
  const at = text.indexOf('Extension Activation Stats');
  if (at < 0) return [];
  const rows: ActivationRow[] = [];
  for (const line of text.slice(at).split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 8 || !/^\d+$/.test(cells[3])) continue;
    rows.push({ id: cells[1], eager: cells[2] === 'true', loadCodeMs: Number(cells[3]), callActivateMs: Number(cells[4]), finishActivateMs: Number(cells[5]), event: cells[6] });
  }
  return rows;
}
