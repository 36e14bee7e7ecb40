// The HTML body of one merged-feed entry: the canonical item's summary and "also reported by".
import { escapeXml, safeHref } from './escape.ts';
import { otherSources, type StoryView } from './story-view.ts';

function link(text: string, href: string | null): string {
  const safe = safeHref(href);
  return safe ? `<a href="${escapeXml(safe)}">${escapeXml(text)}</a>` : escapeXml(text);
}

/** Entry HTML built only from escaped text and checked links, so it needs no further sanitising. */
export function renderStoryHtml(story: StoryView): string {
  const paragraphs = story.summary
    .split(/\n\s*\n/)
    .filter(Boolean)
    .map((p) => `<p>${escapeXml(p)}</p>`);
  const others = otherSources(story);
  const list = others.length
    ? `<p>Also reported by:</p><ul>${others
        .map((m) => `<li>${link(m.sourceTitle ?? m.title, m.url)}${m.language ? ` (${escapeXml(m.language)})` : ''}</li>`)
        .join('')}</ul>`
    : '';
  return paragraphs.join('') + list;
}
