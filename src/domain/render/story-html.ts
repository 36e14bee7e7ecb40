// The HTML body of one merged-feed entry: the canonical item's paragraphs from its lede on, then the other
// outlets that carried the story and a link to the story's page.
import { storyOutlets } from '../outlet.ts';
import { escapeXml, safeHref } from './escape.ts';
import { excerptParagraphs } from './story-text.ts';
import { canonicalMember, type StoryView } from './story-view.ts';

function link(text: string, href: string | null): string {
  const safe = safeHref(href);
  return safe ? `<a href="${escapeXml(safe)}">${escapeXml(text)}</a>` : escapeXml(text);
}

/** Paragraphs as `<p>` elements, lines inside a paragraph joined by `<br>`; all text escaped. */
export function renderParagraphs(paragraphs: readonly (readonly string[])[]): string {
  return paragraphs.map((lines) => `<p>${lines.map(escapeXml).join('<br>')}</p>`).join('');
}

/** Entry HTML built only from escaped text and checked links, so it needs no further sanitising. */
export function renderStoryHtml(story: StoryView, storyUrl: string | null = null): string {
  const { paragraphs, truncated } = excerptParagraphs(story.text ?? story.summary);
  const canonical = canonicalMember(story);
  const more = truncated && canonical ? `<p>${link(`Continue reading at ${canonical.sourceTitle ?? 'the source'}`, story.url)}</p>` : '';
  const outlets = storyOutlets(story.members).slice(1);
  const list = outlets.length
    ? `<p>Also reported by:</p><ul>${outlets
        .map((o) => `<li>${link(o.name, o.articleUrl ?? o.url)}${o.language ? ` (${escapeXml(o.language)})` : ''}</li>`)
        .join('')}</ul>`
    : '';
  const page = safeHref(storyUrl) ? `<p>${link('Every copy of this story', storyUrl)}</p>` : '';
  return renderParagraphs(paragraphs) + more + list + page;
}
