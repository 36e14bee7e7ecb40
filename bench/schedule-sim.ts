// One simulated day of polling, to choose the schedule's numbers: 200 feeds publishing at different
// rates (Poisson: every 5 min, hourly, daily, weekly), each document ~50 KB listing its 20 newest items,
// served with conditional GET (a 304 costs ~0 bytes). The real planNextPoll (src/domain/schedule.ts)
// against a fixed 15-minute poller: requests, bytes, and the delay from publication to the poll that saw it.
import { defaultScheduleSettings, estimatePublishSpan, planNextPoll, type PublishSpan, type ScheduleSettings } from '../src/domain/schedule.ts';

const DOC_BYTES = 50 * 1024;
const DOC_ITEMS = 20;
const DAY = 86_400;
/** Feeds are polled from day 0; day 1 is measured (day 0 warms the schedule up, day 2 catches late polls). */
const MEASURE_FROM = DAY;
const MEASURE_TO = 2 * DAY;
const FEED_CLASSES = [
  { name: 'busy (5 min)', count: 20, meanSeconds: 300 },
  { name: 'hourly', count: 60, meanSeconds: 3600 },
  { name: 'daily', count: 80, meanSeconds: DAY },
  { name: 'weekly', count: 40, meanSeconds: 7 * DAY },
];

interface SimFeed {
  cls: string;
  /** Publication times (s), ascending, from 70 days before the start to the end. */
  pubs: number[];
}

interface PollerStats {
  requests: number;
  bytes: number;
  delays: Map<string, number[]>;
}

/** Mulberry32: the same web on every run. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function buildWeb(random: () => number): SimFeed[] {
  const feeds: SimFeed[] = [];
  for (const cls of FEED_CLASSES) {
    for (let i = 0; i < cls.count; i++) {
      const pubs: number[] = [];
      for (let t = -70 * DAY; t < 3 * DAY; t += -Math.log(1 - random()) * cls.meanSeconds) pubs.push(t);
      feeds.push({ cls: cls.name, pubs });
    }
  }
  return feeds;
}

/** Index of the first publication after `t` (binary search). */
function countUpTo(pubs: number[], t: number): number {
  let lo = 0;
  let hi = pubs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pubs[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Poll one feed with `next(now, changed, dates)` choosing each wait; count requests, bytes and delays. */
function pollFeedSim(feed: SimFeed, start: number, next: (now: number, dates: number[] | null) => number, stats: PollerStats): void {
  // The first poll has no validators yet: it downloads the document.
  let seen = -1;
  for (let now = start; now < MEASURE_TO + DAY; ) {
    const upTo = countUpTo(feed.pubs, now);
    const changed = upTo > seen;
    if (seen < 0) seen = upTo;
    if (now >= MEASURE_FROM && now < MEASURE_TO) {
      stats.requests++;
      if (changed) stats.bytes += DOC_BYTES;
    }
    for (let i = seen; i < upTo; i++) {
      const pub = feed.pubs[i] as number;
      if (pub >= MEASURE_FROM && pub < MEASURE_TO) stats.delays.get(feed.cls)?.push(now - pub);
    }
    seen = upTo;
    now += next(now, changed ? feed.pubs.slice(Math.max(0, upTo - DOC_ITEMS), upTo) : null);
  }
}

function newStats(): PollerStats {
  return { requests: 0, bytes: 0, delays: new Map(FEED_CLASSES.map((c) => [c.name, []])) };
}

function simulateFixed(feeds: SimFeed[], intervalSeconds: number, random: () => number): PollerStats {
  const stats = newStats();
  for (const feed of feeds) pollFeedSim(feed, random() * intervalSeconds, () => intervalSeconds, stats);
  return stats;
}

function simulateAdaptive(feeds: SimFeed[], settings: ScheduleSettings, random: () => number): PollerStats {
  const stats = newStats();
  const epoch = Date.UTC(2026, 10, 1);
  const at = (s: number) => new Date(epoch + s * 1000);
  for (const feed of feeds) {
    let span: PublishSpan | null = null;
    const prev = { errorCount: 0, lastSuccessAt: null, createdAt: at(0) };
    pollFeedSim(feed, random() * 60, (now, dates) => {
      if (dates) span = estimatePublishSpan(dates.map(at), 0, span, at(now), settings);
      const plan = planNextPoll({ kind: 'ok', publishSpan: span }, prev, at(now), settings, random());
      return (plan.nextPollAt.getTime() - at(now).getTime()) / 1000;
    }, stats);
  }
  return stats;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : NaN;
}

function minutes(seconds: number): string {
  return seconds >= 5400 ? `${(seconds / 3600).toFixed(1)} h` : `${(seconds / 60).toFixed(1)} min`;
}

function row(name: string, s: PollerStats, base: PollerStats): string {
  const all = [...s.delays.values()].flat();
  const reqRatio = s.requests / base.requests;
  const byteRatio = s.bytes / base.bytes;
  const perClass = FEED_CLASSES.map((c) => minutes(median(s.delays.get(c.name) ?? [])));
  return `| ${name} | ${s.requests} | ${(s.bytes / 1024 / 1024).toFixed(0)} MB | ${reqRatio.toFixed(2)} | ${byteRatio.toFixed(2)} | **${(reqRatio * byteRatio).toFixed(2)}** | ${perClass.join(' | ')} | ${minutes(median(all))} |`;
}

/** Run the simulation and return the table. */
export async function runScheduleSim(): Promise<string> {
  const web = buildWeb(seededRandom(42));
  const fixed = simulateFixed(web, 900, seededRandom(7));
  // SIM_SWEEP=1 prints every floor × factor tried when the defaults were chosen.
  const variants: [string, Partial<ScheduleSettings>][] = process.env.SIM_SWEEP
    ? [300, 600, 900, 1200].flatMap((m) => [0.5, 1, 2].map((f): [string, Partial<ScheduleSettings>] => [`floor ${m / 60} min, factor ${f}`, { minIntervalSeconds: m, rateFactor: f }]))
    : [
        ['**feedfold** (floor 10 min, factor 1)', {}],
        ['floor 5 min, factor 1', { minIntervalSeconds: 300 }],
        ['floor 15 min, factor 1', { minIntervalSeconds: 900 }],
        ['floor 10 min, factor 2', { rateFactor: 2 }],
      ];
  const lines = [
    `One simulated day, ${web.length} feeds (${FEED_CLASSES.map((c) => `${c.count} ${c.name}`).join(', ')}), ${DOC_BYTES / 1024} KB documents, 304s free.`,
    'Delays: median minutes from publication to the poll that saw it, per feed class and overall (per publication).',
    '',
    `| poller | requests | bytes | requests ratio | bytes ratio | requests×bytes ratio | ${FEED_CLASSES.map((c) => c.name).join(' | ')} | overall |`,
    `|---|---|---|---|---|---|${FEED_CLASSES.map(() => '---|').join('')}---|`,
    row('fixed 15 min', fixed, fixed),
    ...variants.map(([name, o]) => row(name, simulateAdaptive(web, { ...defaultScheduleSettings, ...o }, seededRandom(7)), fixed)),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runScheduleSim());
}
