// The hostile inputs that froze or killed the process, each run in a worker thread under a budget that
// the old code missed by far (13 s to hours, or a heap exhausted) and the linear code meets with a wide margin.
import { describe, expect, it } from 'vitest';
import { runWithinBudget } from '../helpers/budget.ts';

const src = (path: string) => new URL(`../../src/${path}`, import.meta.url);
const BUDGET_MS = 2_000;

describe('hostile inputs to the pattern scans', () => {
  it.each([
    ['DOCTYPE with 40 "[ ] " pairs (2^40 backtracking before)', 'domain/feed/detect-format.ts', 'detectFeedFormat', '<!DOCTYPE x ' + '[ ] '.repeat(40)],
    ['a 480 KB page of "<body " (100 s before)', 'domain/extract/page-shape.ts', 'normalisePageShape', '<body '.repeat(80_000)],
    ['a 480 KB page of "<!doctype "', 'domain/extract/page-shape.ts', 'normalisePageShape', '<!doctype '.repeat(48_000)],
    ['a page nested 200 deep, then 400 KB of "<a "', 'domain/extract/nesting.ts', 'limitNesting', '<div>'.repeat(200) + '<a '.repeat(130_000)],
    ['a feed of 200 KB of CDATA sections without a comment (42 s before)', 'domain/feed/xml-scan.ts', 'splitVerbatim', '<![CDATA[x]]>'.repeat(16_000)],
    ['a 200 KB tag name in a feed', 'domain/feed/raw-constructs.ts', 'extractRawConstructs', '<rss><channel><item><title>x</title><a' + 'a'.repeat(200_000)],
    ['a 250 KB feed of "<rss\t" without a ">"', 'domain/feed/repair-xml.ts', 'repairXml', '<rss\t'.repeat(50_000)],
    ['a 40 KB paragraph of "a-a-a-…" (8 s for 20 KB before)', 'domain/fingerprint/clean-body.ts', 'selectBodyParagraphs', 'a-'.repeat(20_000)],
    ['a 100 KB title of spaces around a dash', 'domain/fingerprint/anchors.ts', 'stripTitleSuffix', `x${' '.repeat(50_000)}-${' '.repeat(50_000)}`],
  ])('%s ends within budget', async (_name, module, exportName, input) => {
    await expect(runWithinBudget(src(module), exportName, [input, 'rss'], BUDGET_MS)).resolves.toBeDefined();
  });

  it('a 3 MB feed of "&" is repaired within a 256 MB heap', async () => {
    const feed = '<rss version="2.0"><channel><item><title>' + '&'.repeat(3_000_000) + '</title></item></channel></rss>';
    const repaired = await runWithinBudget<string>(src('domain/feed/repair-xml.ts'), 'repairXml', [feed], BUDGET_MS * 5);
    expect(repaired.length).toBe(feed.length + 4 * 3_000_000);
  });

  it('a feed with "<!" and 100 KB before the next ">" is read within budget (sax: 53 s for 40 KB before)', async () => {
    for (const rest of ['<!'.repeat(50_000), 'x'.repeat(100_000)]) {
      const feed = `<rss version="2.0"><channel><title>t</title><item><title>a<!${rest}</title></item></channel></rss>`;
      await expect(runWithinBudget(src('domain/feed/parse-feed.ts'), 'parseFeed', [feed], BUDGET_MS * 5)).resolves.toBeDefined();
    }
  });

  it('reads a stray declaration as sax did (ignored, up to its ">"), an unclosed one as text', async () => {
    const { parseFeed } = await import('../../src/domain/feed/parse-feed.ts');
    const titles = async (title: string) => (await parseFeed(`<rss version="2.0"><channel><item><title>${title}</title></item></channel></rss>`)).items.map((i) => i.title);
    expect(await titles('a<!x "q>">b')).toEqual(['ab']);
    const { repairXml } = await import('../../src/domain/feed/repair-xml.ts');
    expect(repairXml('<rss><channel><item><title>a <!x> b <!<! c')).toBe('<rss version="2.0"><channel><item><title>a  b &lt;!&lt;! c');
  });

  it('keeps what the scans find on ordinary input', async () => {
    const { detectFeedFormat } = await import('../../src/domain/feed/detect-format.ts');
    expect(detectFeedFormat('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE rss [ <!ENTITY a "]>"> ]>\n<rss version="2.0">')).toEqual({ format: 'rss' });
    expect(detectFeedFormat('<!DOCTYPE html><html><body>')).toEqual({ notFeed: 'HTML page' });
    const { splitVerbatim } = await import('../../src/domain/feed/xml-scan.ts');
    expect(splitVerbatim('a<![CDATA[<!--]]>b<!--x-->c<![CDATA[y').map((p) => p.text)).toEqual(['a', '<![CDATA[<!--]]>', 'b', '<!--x-->', 'c', '<![CDATA[y']);
  });
});
