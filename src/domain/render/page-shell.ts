// The HTML page around the reader page and story pages: one style sheet, no scripts, phone-first.
import { escapeXml } from './escape.ts';

const STYLE = `*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere;color:#111}
h1{font-size:1.4rem;margin:.2rem 0}h1 a{color:inherit;text-decoration:none}h2.day{font-size:1rem;color:#444;border-bottom:2px solid #333;margin:1.4rem 0 .2rem}
.story{border-bottom:1px solid #ddd;padding:.6rem 0}.story h3{font-size:1.1rem;margin:.2rem 0}.meta{color:#555;font-size:.85rem;margin:0}
.lang{font-size:.75rem;background:#eee;padding:0 .3rem;border-radius:3px}a{color:#0645ad}summary{cursor:pointer;color:#333;font-size:.9rem}
details ul{padding-left:1.2rem;margin:.3rem 0}nav.pages{display:flex;justify-content:space-between;margin:1rem 0}
nav.filters{font-size:.85rem;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline}nav.filters b{font-weight:600}
nav.filters a[aria-current]{font-weight:700;color:#111;text-decoration:none}form.search{display:flex;gap:.3rem;margin:.4rem 0}
form.search input{flex:1;min-width:0;font:inherit;padding:.2rem .4rem}.outlets{font-size:.9rem;margin:.1rem 0}
ol.timeline{list-style:none;padding:0;margin:.5rem 0}ol.timeline li{border-inline-start:3px solid #bbb;padding:.2rem .6rem;margin:.4rem 0}
ol.timeline li.original{border-color:#2a7}.relation{font-size:.8rem;background:#eef;padding:0 .3rem;border-radius:3px}
.first{background:#f6f6f0;padding:.4rem .6rem;border-radius:4px}article.canonical p{margin:.5rem 0}
[dir=rtl]{text-align:right}`;

/** A complete HTML document: `<head>` with title, viewport, style and feed links, then the body. */
export function renderPageShell(opts: { title: string; body: string; lang?: string; head?: string }): string {
  return `<!doctype html>
<html lang="${escapeXml(opts.lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(opts.title)}</title>
<link rel="alternate" type="application/rss+xml" title="feedfold" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="feedfold" href="/feed.atom">
<link rel="alternate" type="application/feed+json" title="feedfold" href="/feed.json">${opts.head ?? ''}
<style>${STYLE}</style></head>
<body>${opts.body}</body></html>`;
}
