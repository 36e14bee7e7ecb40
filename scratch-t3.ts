import { parseFeed } from './src/domain/feed/parse-feed.ts';
for (const doc of [
  '<rss version="2.0"><channel></channel></rss>',
  '<rss version="2.0"><channel><title>T</title></channel></rss>',
  '<rss version="2.0"><item><title>A</title><link>http://a/</link></item></rss>',
  '<feed xmlns="http://www.w3.org/2005/Atom"></feed>',
  '<RSS version="2.0"><CHANNEL><TITLE>T</TITLE><ITEM><TITLE>A</TITLE></ITEM></CHANNEL></RSS>',
  '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>http://a/</link></item><item><title>B',
  '<rss version="2.0"><channel><title>T</title><item><title>A</b></title></item></channel></rss>',
]) {
  try { const f = await parseFeed(doc); console.log('OK', f.title, f.items.length, f.items.map(i=>i.title)); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 150)); }
}
