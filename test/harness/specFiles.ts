// The compiled spec files (*.test.js) below a folder, in a stable order: what the UI runner and
// the in-host integration entry hand to mocha.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export function specFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...specFiles(full));
    else if (name.endsWith('.test.js')) found.push(full);
  }
  return found;
}
