// The reader page: stories grouped by day, each in its own language and writing direction, with its outlets
// on the story line, its lede, a link to its story page and its copies in a <details> element (no
// JavaScript); filters and paging are plain links; laid out to fit a phone without horizontal scroll.
import { storyOutlets } from '../outlet.ts';
import { langAttributes } from './direction.ts';
import { escapeXml, safeHref } from './escape.ts';
import { renderPageShell } from './page-shell.ts';
import { canonicalMember, type StoryView } from './story-view.ts';

/** Outlets named on a story's line before "and N more". */
export const OUTLETS_ON_LINE = 4;
/** The "sources ≥ N" filter links the reader page offers. */
export const MIN_SOURCES_CHOICES = [2, 3, 5] as const;

/** The filters in force, as query parameters (absent = not filtered). */
export interface ReaderFilters {
  language?: string | null;
  min_sources?: string | null;
  folder?: string | null;
  q?: string | null;
}

/** What the reader page shows besides its stories. */
export interface ReaderPageMeta {
  /** The time the page is rendered, to label today's and yesterday's stories. */
  now: Date;
  /** Link to the next (older) page, or null. */
  olderUrl: string | null;
  /** Link to the previous (newer) page, or null. */
  newerUrl: string | null;
  /** The filters in force. */
  filters?: ReaderFilters;
  /** Languages and folders to offer as filter links. */
  languages?: string[];
  folders?: string[];
}

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

/** The reader page's URL for a set of filters (page 1). */
export function readerUrl(filters: ReaderFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const qs = params.toString();
  return qs ? `/?${qs}` : '/';
}

/** One story as an <article>: title linking the original, outlets and languages, lede, story page, copies. */
export function renderReaderStory(s: StoryView): string {
  const canonical = canonicalMember(s);
  const lang = s.language ?? canonical?.language ?? null;
  const outlets = storyOutlets(s.members);
  const named = outlets
    .slice(0, OUTLETS_ON_LINE)
    .map((o) => `<bdi${langAttributes(o.language)}>${escapeXml(o.name)}</bdi>`)
    .join(', ');
  const more = outlets.length > OUTLETS_ON_LINE ? ` and ${outlets.length - OUTLETS_ON_LINE} more` : '';
  const copies = s.members
    .map((m) => {
      const language = m.language ? ` <span class="lang">${escapeXml(m.language)}</span>` : '';
      return `<li><bdi>${escapeXml(m.sourceTitle ?? '')}</bdi>: ${linkOrText(m.title, m.url)}${language}${m.isCanonical ? ' <em>original</em>' : ''}</li>`;
    })
    .join('');
  const when = s.firstPublishedAt
    ? `<time datetime="${s.firstPublishedAt.toISOString()}">${s.firstPublishedAt.toISOString().slice(11, 16)} UTC</time> · `
    : '';
  const sources = `<span class="sources">${outlets.length} source${outlets.length === 1 ? '' : 's'}</span>`;
  const languages = s.languages.length ? ` · <span class="languages">${s.languages.map(escapeXml).join(', ')}</span>` : '';
  return `<article class="story" data-story-id="${s.id}"${langAttributes(lang)}><h3>${linkOrText(s.title, s.url)}</h3>
<p class="outlets" dir="auto">${named}${more}</p>
<p class="meta" dir="ltr" lang="en">${when}${sources}${languages} · <a href="/stories/${s.id}">story page</a></p>
${s.summary ? `<p class="lede">${escapeXml(s.summary)}</p>` : ''}
<details><summary lang="en" dir="ltr">${s.members.length} cop${s.members.length === 1 ? 'y' : 'ies'}</summary><ul>${copies}</ul></details></article>`;
}

function filterLinks(label: string, key: keyof ReaderFilters, values: readonly string[], filters: ReaderFilters, text = (v: string) => v): string {
  if (values.length === 0) return '';
  const current = filters[key] ?? null;
  const link = (text: string, value: string | null) =>
    `<a href="${escapeXml(readerUrl({ ...filters, [key]: value }))}"${current === value ? ' aria-current="page"' : ''}>${escapeXml(text)}</a>`;
  return `<nav class="filters" aria-label="${escapeXml(label)}"><b>${escapeXml(label)}:</b> ${link('all', null)} ${values.map((v) => link(text(v), v)).join(' ')}</nav>`;
}

function renderFilters(meta: ReaderPageMeta): string {
  const filters = meta.filters ?? {};
  const hidden = Object.entries(filters)
    .filter(([k, v]) => k !== 'q' && v)
    .map(([k, v]) => `<input type="hidden" name="${escapeXml(k)}" value="${escapeXml(v as string)}">`)
    .join('');
  return [
    filterLinks('Language', 'language', meta.languages ?? [], filters),
    filterLinks('Sources', 'min_sources', MIN_SOURCES_CHOICES.map(String), filters, (v) => `≥ ${v}`),
    filterLinks('Folder', 'folder', meta.folders ?? [], filters),
    `<form class="search" action="/" method="get">${hidden}<input type="search" name="q" value="${escapeXml(filters.q ?? '')}" placeholder="Search headlines" aria-label="Search headlines"><button>Search</button></form>`,
  ].join('\n');
}

/** The whole reader page: filters, stories (newest first) under one heading per day, paging links. */
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
  return renderPageShell({
    title: 'feedfold',
    body: `<header><h1><a href="/">feedfold</a></h1><p class="meta">One entry per story · <a href="/feed.xml">RSS</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a></p>
${renderFilters(meta)}</header>
<main>${body}</main>
<nav class="pages">${nav.join('')}</nav>`,
  });
}
