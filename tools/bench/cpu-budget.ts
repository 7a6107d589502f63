/**
 * The CPU budget of a request: CPU time each process of the path spent during a run, divided by the
 * requests it served (issue 18 item 1). Read from /proc (utime + stime, clock ticks), so it counts CPU
 * actually used and not wall time: it stays comparable when other work shares the machine, unlike req/s.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  comm: string;
  /** arguments joined by spaces (a Postgres backend: "postgres: user database host state") */
  cmdline: string;
}

/** Which processes make up each part of the path, e.g. { gateway: (p) => p.pid === gatewayPid }. */
export type ProcessGroups = Record<string, (process: ProcessInfo) => boolean>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.push({
        pid: Number(entry),
        comm: readFileSync(`/proc/${entry}/comm`, 'utf8').trim(),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim(),
      });
    } catch {
      // exited while listed
    }
  }
  return found;
}

function cpuMs(pid: number): number {
  try {
    // fields after the parenthesised comm: state is field 3, utime 14, stime 15
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU ms used so far by each group (and `bench`, this process: the load generator). */
export function cpuSnapshot(groups: ProcessGroups): Record<string, number> {
  const all = processes();
  const snapshot: Record<string, number> = {};
  for (const [name, member] of Object.entries(groups)) {
    snapshot[name] = all.filter(member).reduce((sum, p) => sum + cpuMs(p.pid), 0);
  }
  const own = process.cpuUsage();
  snapshot['bench'] = (own.user + own.system) / 1000;
  return snapshot;
}

/** µs of CPU per request by group between two snapshots, with the total. */
export function cpuPerRequest(
  before: Record<string, number>,
  after: Record<string, number>,
  requests: number,
): Record<string, number> {
  const perRequest: Record<string, number> = {};
  let total = 0;
  for (const name of Object.keys(after)) {
    const us = requests > 0 ? ((after[name]! - (before[name] ?? 0)) * 1000) / requests : 0;
    perRequest[name] = us;
    if (name !== 'bench') total += us;
  }
  perRequest['total (without bench)'] = total;
  return perRequest;
}

/** Postgres backends connected to one of these databases (their process title names the database). */
export function postgresOf(databases: readonly string[]): (p: ProcessInfo) => boolean {
  // "postgres: 15/main: <user> <database> <host>(<port>) <state>" (the cluster prefix only on Debian)
  return (p) => {
    const database = /^postgres: (?:\S+: )?\S+ (\S+) /.exec(p.cmdline)?.[1];
    return database !== undefined && databases.includes(database);
  };
}

/** The nats-server listening on this port (the bench's private one). */
export function natsServerOn(port: number): (p: ProcessInfo) => boolean {
  return (p) => p.comm === 'nats-server' && / -p (\d+)/.exec(p.cmdline)?.[1] === String(port);
}

export function printCpuTable(title: string, rows: Array<{ name: string; cpu: Record<string, number> }>): void {
  const groups = [...new Set(rows.flatMap((r) => Object.keys(r.cpu)))];
  console.log(`\n${title} (CPU µs per request, from /proc)`);
  console.log(`| what | ${groups.join(' | ')} |`);
  console.log(`|---|${groups.map(() => '---:').join('|')}|`);
  for (const r of rows) console.log(`| ${r.name} | ${groups.map((g) => (r.cpu[g] ?? 0).toFixed(0)).join(' | ')} |`);
}
