// The reader page: stories grouped by day, each with its source count, languages and copies in a
// <details> element, so it expands without JavaScript; laid out to fit a phone without horizontal scroll.
import { escapeXml, safeHref } from './escape.ts';
import type { StoryView } from './story-view.ts';

/** What the reader page shows besides its stories. */
export interface ReaderPageMeta {
  /** The time the page is rendered, to label today's and yesterday's stories. */
  now: Date;
  /** Link to the next (older) page, or null. */
  olderUrl: string | null;
  /** Link to the previous (newer) page, or null. */
  newerUrl: string | null;
}

const STYLE = `*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:.2rem 0}h2.day{font-size:1rem;color:#444;border-bottom:2px solid #333;margin:1.4rem 0 .2rem}
.story{border-bottom:1px solid #ddd;padding:.6rem 0}.story h3{font-size:1.1rem;margin:.2rem 0}.meta{color:#555;font-size:.85rem;margin:0}
.lang{font-size:.75rem;background:#eee;padding:0 .3rem;border-radius:3px}a{color:#0645ad}summary{cursor:pointer;color:#333;font-size:.9rem}
details ul{padding-left:1.2rem;margin:.3rem 0}nav{display:flex;justify-content:space-between;margin:1rem 0}`;

function dayOf(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : 'undated';
}

function dayLabel(day: string, now: Date): string {
  const today = dayOf(now);
  const yesterday = dayOf(new Date(now.getTime() - 86_400_000));
  if (day === today) return `Today, ${day}`;
  if (day === yesterday) return `Yesterday, ${day}`;
  return day === 'undated' ? 'Undated' : day;
}

function linkOrText(text: string, url: string | null): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeXml(href)}">${escapeXml(text)}</a>` : escapeXml(text);
}

/** One story as an <article>: title linking the original, meta line, first paragraph, copies. */
export function renderReaderStory(s: StoryView): string {
  const copies = s.members
    .map((m) => {
      const lang = m.language ? ` <span class="lang" lang="${escapeXml(m.language)}">${escapeXml(m.language)}</span>` : '';
      return `<li>${linkOrText(m.sourceTitle ?? m.title, m.url)}: ${escapeXml(m.title)}${lang}${m.isCanonical ? ' <em>original</em>' : ''}</li>`;
    })
    .join('');
  const when = s.firstPublishedAt
    ? `<time datetime="${s.firstPublishedAt.toISOString()}">${s.firstPublishedAt.toISOString().slice(11, 16)} UTC</time> · `
    : '';
  const sources = `<span class="sources">${s.itemCount} source${s.itemCount === 1 ? '' : 's'}</span>`;
  const languages = s.languages.length ? ` · <span class="languages">${s.languages.map(escapeXml).join(', ')}</span>` : '';
  return `<article class="story" data-story-id="${s.id}"><h3>${linkOrText(s.title, s.url)}</h3>
<p class="meta">${when}${sources}${languages}</p>
<p>${escapeXml(s.summary.split(/\n\s*\n/)[0] ?? '')}</p>
<details><summary>${s.members.length} cop${s.members.length === 1 ? 'y' : 'ies'}</summary><ul>${copies}</ul></details></article>`;
}

/** The whole reader page: stories (newest first) under one heading per day. */
export function renderReaderPage(stories: StoryView[], meta: ReaderPageMeta): string {
  const sections: string[] = [];
  let current = '';
  for (const s of stories) {
    const day = dayOf(s.firstPublishedAt);
    if (day !== current) {
      if (current) sections.push('</section>');
      sections.push(`<section class="day"><h2 class="day">${escapeXml(dayLabel(day, meta.now))}</h2>`);
      current = day;
    }
    sections.push(renderReaderStory(s));
  }
  if (current) sections.push('</section>');
  const body = stories.length ? sections.join('\n') : '<p class="empty">No stories yet.</p>';
  const nav = [meta.newerUrl ? `<a rel="prev" href="${escapeXml(meta.newerUrl)}">Newer</a>` : '<span></span>', meta.olderUrl ? `<a rel="next" href="${escapeXml(meta.olderUrl)}">Older</a>` : ''];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>feedfold</title>
<link rel="alternate" type="application/rss+xml" title="feedfold" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="feedfold" href="/feed.atom">
<link rel="alternate" type="application/feed+json" title="feedfold" href="/feed.json">
<style>${STYLE}</style></head>
<body><header><h1>feedfold</h1><p class="meta">One entry per story · <a href="/feed.xml">RSS</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a></p></header>
<main>${body}</main>
<nav>${nav.join('')}</nav></body></html>`;
}
