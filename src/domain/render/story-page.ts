// A page per story: the canonical item, then every copy as a timeline (outlet, language, time, link, how it
// relates to the original) and who reported it first, by how many minutes; as HTML and as JSON.
import { outletKey } from '../outlet.ts';
import { langAttributes } from './direction.ts';
import { escapeXml, languageTag, safeHref } from './escape.ts';
import { renderPageShell } from './page-shell.ts';
import { renderParagraphs } from './story-html.ts';
import { excerptParagraphs } from './story-text.ts';
import { canonicalMember, storyEntryId, storyPageUrl, type FeedMeta, type StoryMemberView, type StoryView } from './story-view.ts';

/** How a copy relates to the story's canonical item. */
export type CopyRelation = 'original' | 'links to the original' | 'translation' | 'same text' | 'same headline';

// How an item joined names the evidence it shared with some member; only attribution and URL evidence,
// and a headline-only match, say something about the copy itself whichever member it matched.
const RELATION_BY_METHOD: Record<string, CopyRelation> = {
  attribution: 'links to the original',
  url: 'links to the original',
  title: 'same headline',
};

/**
 * A copy's relation to the canonical item: the canonical item is the original; a copy in another language
 * is a translation; a copy that joined by its source link or URL links to the original; by its headline
 * alone, same headline; any other same-language copy folded on its text: same text.
 */
export function copyRelation(m: StoryMemberView, canonical: StoryMemberView | null): CopyRelation {
  if (m.isCanonical) return 'original';
  if (m.language && canonical?.language && m.language !== canonical.language) return 'translation';
  return RELATION_BY_METHOD[m.method ?? ''] ?? 'same text';
}

/** One row of a story's timeline. */
export interface TimelineEntry {
  member: StoryMemberView;
  outlet: string;
  relation: CopyRelation;
}

/** Every copy in order of publication (unknown times last, then by item id). */
export function storyTimeline(story: StoryView): TimelineEntry[] {
  const canonical = canonicalMember(story);
  return [...story.members]
    .sort((a, b) => (a.publishedAt?.getTime() ?? Infinity) - (b.publishedAt?.getTime() ?? Infinity) || a.itemId - b.itemId)
    .map((member) => ({ member, outlet: member.sourceTitle ?? outletKey(member) ?? 'unknown source', relation: copyRelation(member, canonical) }));
}

/** Who reported the story first, when, and how many whole minutes before the next outlet (null when no other outlet dated its copy). */
export function firstReport(story: StoryView): { outlet: string; at: Date; leadMinutes: number | null; nextOutlet: string | null } | null {
  const dated = storyTimeline(story).filter((e) => e.member.publishedAt);
  const first = dated[0];
  if (!first) return null;
  const firstKey = outletKey(first.member);
  const next = dated.find((e) => outletKey(e.member) !== firstKey);
  const at = first.member.publishedAt as Date;
  const leadMinutes = next ? Math.floor(((next.member.publishedAt as Date).getTime() - at.getTime()) / 60_000) : null;
  return { outlet: first.outlet, at, leadMinutes, nextOutlet: next?.outlet ?? null };
}

/** The story as JSON for `Accept: application/json`. */
export function storyPageJson(meta: Pick<FeedMeta, 'homeUrl' | 'installationId'>, story: StoryView): Record<string, unknown> {
  const first = firstReport(story);
  return {
    id: story.id,
    entry_id: storyEntryId(meta, story),
    url: storyPageUrl(meta, story),
    title: story.title,
    original_url: safeHref(story.url),
    language: story.language ?? canonicalMember(story)?.language ?? null,
    languages: story.languages,
    summary: story.summary,
    first_published_at: story.firstPublishedAt?.toISOString() ?? null,
    updated_at: story.updatedAt.toISOString(),
    first_reported_by: first ? { outlet: first.outlet, at: first.at.toISOString(), lead_minutes: first.leadMinutes, next_outlet: first.nextOutlet } : null,
    copies: storyTimeline(story).map((e) => ({
      item_id: e.member.itemId,
      outlet: e.outlet,
      title: e.member.title,
      url: safeHref(e.member.url),
      language: e.member.language,
      published_at: e.member.publishedAt?.toISOString() ?? null,
      relation: e.relation,
    })),
  };
}

const time = (d: Date | null) => (d ? `<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>` : 'undated');

function firstReportLine(story: StoryView): string {
  const first = firstReport(story);
  if (!first) return '';
  const lead =
    first.leadMinutes === null
      ? ''
      : `, ${first.leadMinutes} minute${first.leadMinutes === 1 ? '' : 's'} before the next (<bdi>${escapeXml(first.nextOutlet ?? '')}</bdi>)`;
  return `<p class="first">First reported by <bdi>${escapeXml(first.outlet)}</bdi> at ${time(first.at)}${lead}.</p>`;
}

/** The story page as HTML. */
export function renderStoryPage(meta: Pick<FeedMeta, 'homeUrl' | 'installationId'>, story: StoryView): string {
  const canonical = canonicalMember(story);
  const lang = story.language ?? canonical?.language ?? null;
  const href = safeHref(story.url);
  const { paragraphs, truncated } = excerptParagraphs(story.text ?? story.summary);
  const timeline = storyTimeline(story)
    .map((e) => {
      const link = safeHref(e.member.url);
      const title = `<span${langAttributes(e.member.language)}>${escapeXml(e.member.title)}</span>`;
      return `<li class="${e.relation === 'original' ? 'original' : 'copy'}"><b><bdi>${escapeXml(e.outlet)}</bdi></b> · ${time(e.member.publishedAt)}${
        e.member.language ? ` · <span class="lang">${escapeXml(e.member.language)}</span>` : ''
      } · <span class="relation">${e.relation}</span><br>${link ? `<a href="${escapeXml(link)}">${title}</a>` : title}</li>`;
    })
    .join('\n');
  const body = `<header><h1><a href="/">feedfold</a></h1></header>
<main><article class="canonical"${langAttributes(lang)}>
<h2>${href ? `<a href="${escapeXml(href)}">${escapeXml(story.title)}</a>` : escapeXml(story.title)}</h2>
<p class="meta" dir="auto">${canonical?.sourceTitle ? `<bdi>${escapeXml(canonical.sourceTitle)}</bdi> · ` : ''}${time(canonical?.publishedAt ?? story.firstPublishedAt)}</p>
${renderParagraphs(paragraphs)}${truncated && href ? `<p><a href="${escapeXml(href)}">Continue reading</a></p>` : ''}
</article>
${firstReportLine(story)}
<section><h2>Every copy (${story.members.length})</h2><ol class="timeline">
${timeline}
</ol></section></main>
<p class="meta">Entry id <code>${escapeXml(storyEntryId(meta, story))}</code></p>`;
  return renderPageShell({
    title: story.title,
    lang: languageTag(lang) ?? 'en',
    body,
    head: `\n<link rel="canonical" href="${escapeXml(storyPageUrl(meta, story))}">`,
  });
}
