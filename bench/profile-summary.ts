// Summarise V8 CPU profiles (`node --cpu-prof`): self time by function and by source file, largest first.
// Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile… [--top N]
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per key, where key(node) names the bucket. */
export function selfTimes(profile: Profile, key: (n: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const k = key(node);
    out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

/** Inclusive time in ms per key: a sample counts once for every distinct key on its stack. */
export function totalTimes(profile: Profile, key: (n: ProfileNode) => string): Map<string, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return out;
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return `npm:${m[1]}`;
  return url.replace(/^file:\/\/.*?\/(src|workers|bench|bin)\//, '$1/').replace(/^node:/, 'node:');
}

function table(title: string, m: Map<string, number>, top: number, total: number): string {
  const rows = [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`## ${title}`, ...rows.map(([k, v]) => `${v.toFixed(0).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 30;
  for (const file of args) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
    const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
    const fn = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    const file_ = (n: ProfileNode) => shortUrl(n.callFrame.url);
    console.log(`# ${file}: ${total.toFixed(0)} ms sampled`);
    console.log(table('self time by file', selfTimes(profile, file_), top, total));
    console.log(table('self time by function', selfTimes(profile, fn), top, total));
    console.log(table('inclusive time by source file', totalTimes(profile, file_), top, total));
  }
}
