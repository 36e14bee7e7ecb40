// The reader page at "/": today's stories with their sources, readable without JavaScript.
import type { Hono } from 'hono';
import { listStories } from '../db/story-reads.ts';
import { escapeXml, safeHref } from '../domain/render/escape.ts';
import type { StoryView } from '../domain/render/story-view.ts';
import type { ServerDeps } from './app.ts';
import { readFilter } from './feeds.ts';

function storyHtml(s: StoryView): string {
  const href = safeHref(s.url);
  const title = href ? `<a href="${escapeXml(href)}">${escapeXml(s.title)}</a>` : escapeXml(s.title);
  const copies = s.members
    .map((m) => {
      const h = safeHref(m.url);
      const label = escapeXml(m.sourceTitle ?? m.title);
      return `<li>${h ? `<a href="${escapeXml(h)}">${label}</a>` : label}${m.language ? ` <span class="lang">${escapeXml(m.language)}</span>` : ''}${m.isCanonical ? ' <em>original</em>' : ''}</li>`;
    })
    .join('');
  const when = s.firstPublishedAt ? `<time datetime="${s.firstPublishedAt.toISOString()}">${s.firstPublishedAt.toISOString().slice(0, 16).replace('T', ' ')}</time>` : '';
  return `<article class="story" data-story-id="${s.id}"><h2>${title}</h2>
<p class="meta">${when} · <span class="sources">${s.itemCount} source${s.itemCount === 1 ? '' : 's'}</span> · ${s.languages.map(escapeXml).join(', ')}</p>
<p>${escapeXml(s.summary.split(/\n\s*\n/)[0] ?? '')}</p>
<details><summary>${s.itemCount} cop${s.itemCount === 1 ? 'y' : 'ies'}</summary><ul>${copies}</ul></details></article>`;
}

/** Register "/" on the app. */
export function registerReaderPage(app: Hono, deps: ServerDeps): void {
  app.get('/', async (c) => {
    const filter = readFilter(c, deps.config.feedPageSize);
    const stories = await listStories(deps.db, filter);
    const body = stories.length ? stories.map(storyHtml).join('\n') : '<p class="empty">No stories yet.</p>';
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>feedfold</title>
<link rel="alternate" type="application/rss+xml" title="feedfold" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="feedfold" href="/feed.atom">
<link rel="alternate" type="application/feed+json" title="feedfold" href="/feed.json">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem}
.story{border-bottom:1px solid #ddd;padding:.6rem 0}.story h2{font-size:1.1rem;margin:.2rem 0}.meta{color:#555;font-size:.85rem;margin:0}
.lang{font-size:.75rem;background:#eee;padding:0 .3rem;border-radius:3px}a{color:#0645ad}</style></head>
<body><h1>feedfold</h1><p>One entry per story · <a href="/feed.xml">RSS</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a></p>
<main>${body}</main></body></html>`);
  });
}
