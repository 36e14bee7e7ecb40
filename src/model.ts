// Plain data types shared by every layer. No behaviour lives here.

/** Feed formats feedfold reads. */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One entry as a feed document states it, before normalisation. */
export interface ParsedItem {
  /** guid / id / JSON Feed id, as written; an RSS 1.0 item's rdf:about when it has no <guid>. */
  guid: string | null;
  /**
   * The guid is an RSS 1.0 rdf:about, which repeats the item's link: the item is keyed by its canonical link when it
   * has one (as RSS 1.0 items were before rdf:about was read, so stored items keep their keys, and a link's
   * tracking parameters, which rdf:about repeats, do not make a new item), by the rdf:about when it has none.
   */
  guidFromAbout?: boolean;
  link: string | null;
  title: string | null;
  /** Raw date string as found (pubDate, published, updated, dc:date, date_published). */
  published: string | null;
  author: string | null;
  /** Short text or HTML: description / summary / content_text. */
  summary: string | null;
  /** Full HTML body: content:encoded / content / content_html. */
  content: string | null;
  categories: string[];
  enclosures: { url: string; type: string | null; length: number | null }[];
}

/** A feed document as parsed. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site's home page (channel link / alternate link / home_page_url). */
  link: string | null;
  language: string | null;
  /** RSS <ttl> or sy:updatePeriod/sy:updateFrequency, in minutes, when given. */
  ttlMinutes: number | null;
  items: ParsedItem[];
  /** Set when the document was not well-formed and was read leniently anyway (feedparser's "bozo"): why. */
  recovered?: string;
}

/** An entry ready to store: absolute links, canonical URL, parsed date and a stable key. */
export interface NormalisedItem {
  /** Unique within the feed: guid, else canonical link, else a hash of title + date. */
  itemKey: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string | null;
  content: string | null;
  author: string | null;
  publishedAt: Date | null;
}

/** What the extractor finds in an article page. */
export interface Article {
  title: string | null;
  /** Main text, paragraphs separated by a blank line. */
  text: string;
  canonicalUrl: string | null;
  language: string | null;
  publishedAt: Date | null;
  author: string | null;
  image: string | null;
  /** Absolute http(s) links found inside the main content (attribution / source links among them). */
  links: string[];
}

/** Feed lifecycle states. */
export type FeedState = 'active' | 'paused' | 'failing' | 'disabled';
