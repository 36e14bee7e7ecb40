// WebSub announcements: a burst of story changes costs the hub one ping.
import { describe, expect, it } from 'vitest';
import { createHubAnnouncer } from '../../src/pipeline/announce.ts';
import { silentLogger } from '../../src/log.ts';

describe('createHubAnnouncer', () => {
  it('pings once per burst, with the merged feed topics', async () => {
    const calls: { url: string; body: string }[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      calls.push({ url, body: String(init.body) });
      return new Response(null, { status: 204 });
    };
    const a = createHubAnnouncer({ hubUrl: 'http://hub.example/', publicUrl: 'http://feeds.example', fetch, log: silentLogger(), debounceMs: 20 });
    for (let i = 0; i < 10; i++) a.announce();
    await new Promise((r) => setTimeout(r, 80));
    await a.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://hub.example/');
    expect(decodeURIComponent(calls[0]?.body ?? '')).toMatch(/hub\.mode=publish/);
    expect(decodeURIComponent(calls[0]?.body ?? '')).toMatch(/http:\/\/feeds\.example\/feed\.xml/);
    a.announce();
    await a.flush();
    expect(calls).toHaveLength(2);
  });
});
