import { describe, expect, it } from 'vitest';
import { readOpml, writeOpml, type OpmlFeed } from '../../src/domain/opml.ts';
import { LimitError, ParseError } from '../../src/errors.ts';

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Top level" type="rss" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>
    <outline text="News">
      <outline title="World &amp; More" text="ignored" type="rss" xmlUrl="https://b.example/rss"/>
      <outline text="Europe">
        <outline type="rss" xmlUrl="https://c.example/atom.xml"/>
      </outline>
    </outline>
    <outline text="Tagged" xmlUrl="https://d.example/feed" category="/Tech/Web"/>
  </body>
</opml>`;

describe('readOpml', () => {
  it('reads feeds with folders joined by "/" and tolerates missing titles', () => {
    expect(readOpml(OPML, 100)).toEqual([
      { url: 'https://a.example/feed', title: 'Top level', htmlUrl: 'https://a.example/', folder: null },
      { url: 'https://b.example/rss', title: 'World & More', htmlUrl: null, folder: 'News' },
      { url: 'https://c.example/atom.xml', title: null, htmlUrl: null, folder: 'News/Europe' },
      { url: 'https://d.example/feed', title: 'Tagged', htmlUrl: null, folder: 'Tech/Web' },
    ]);
  });

  it('takes as many feeds as the limit, and refuses one more whole, naming the setting', () => {
    const opml = (n: number) => writeOpml(Array.from({ length: n }, (_, i) => ({ url: `https://f${i}.example/rss`, title: null, htmlUrl: null, folder: null })), 'Many');
    expect(readOpml(opml(5), 5)).toHaveLength(5);
    expect(() => readOpml(opml(6), 5)).toThrow(LimitError);
    expect(() => readOpml(opml(6), 5)).toThrow(/6 feeds; one import takes at most 5 \(FEEDFOLD_OPML_MAX_FEEDS\)/);
  });

  it('rejects a document without a body', () => {
    expect(() => readOpml('<rss version="2.0"><channel/></rss>', 100)).toThrow(ParseError);
  });
});

describe('writeOpml', () => {
  it.each<[string, OpmlFeed[]]>([
    ['flat', [{ url: 'https://a.example/feed', title: 'A', htmlUrl: 'https://a.example/', folder: null }]],
    ['escaping', [{ url: 'https://a.example/feed?x=1&y=2', title: 'Q & A <"quoted">', htmlUrl: null, folder: 'R&D' }]],
    ['nested folders and no title', [
      { url: 'https://b.example/rss', title: 'B', htmlUrl: null, folder: 'News/World' },
      { url: 'https://c.example/rss', title: null, htmlUrl: null, folder: 'News/World' },
      { url: 'https://d.example/rss', title: 'D', htmlUrl: null, folder: 'News' },
    ]],
  ])('round-trips %s', (_name, feeds) => {
    const back = readOpml(writeOpml(feeds, 'Mine'), 100);
    const key = (f: OpmlFeed): string => f.url;
    expect([...back].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...feeds].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('writes the title in the head', () => {
    expect(writeOpml([], 'My <feeds>')).toContain('<title>My &lt;feeds&gt;</title>');
  });
});
