// CPU time of every process on the machine by role (the workbench in Chromium, VS Code's server,
// extension hosts, language servers…), from /proc: a benchmark takes one reading before and one
// after what it times, and `cpuByRole` says who spent the machine's cores meanwhile. Linux only;
// elsewhere a reading is empty and so is the answer.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks (utime + stime) per process, keyed by pid and command line. */
export type CpuReading = Map<string, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function readCpu(): CpuReading {
  const reading: CpuReading = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return reading;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // Fields after "pid (comm) ": state is [0], so utime and stime are [11] and [12].
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      reading.set(`${pid} ${command}`, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return reading;
}

/** Which part of a VS Code session a command line belongs to. */
export function roleOf(command: string): string {
  if (command.includes('tsserver')) return 'TypeScript server';
  if (/chrom(e|ium)/.test(command)) return 'workbench (Chromium)';
  if (command.includes('server-main')) return 'VS Code server';
  if (command.includes('--type=extensionHost')) return 'extension host';
  return 'other';
}

/** Milliseconds of CPU each role spent between two readings; roles that spent none are left out. */
export function cpuByRole(before: CpuReading, after: CpuReading): Record<string, number> {
  const roles: Record<string, number> = {};
  for (const [key, ticks] of after) {
    const spent = (ticks - (before.get(key) ?? 0)) * TICK_MS;
    if (spent <= 0) continue;
    const role = roleOf(key.slice(key.indexOf(' ') + 1));
    roles[role] = (roles[role] ?? 0) + spent;
  }
  return roles;
}
