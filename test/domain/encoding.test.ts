import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { charsetFromContentType, charsetFromDocument, decodeText } from '../../src/domain/encoding.ts';

const RU = 'Путин провёл переговоры с Пезешкианом о положении в Сирии. Кремль сообщил о поддержке Дамаска.';
const FR = 'Le président s’est entretenu lundi avec son homologue: « soutien inconditionnel » à Damas, été, août.';

describe('decodeText', () => {
  it.each([
    ['UTF-8 BOM wins over a wrong header', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FR)]), 'text/xml; charset=iso-8859-1', 'xml', FR, 'bom'],
    ['charset from the HTTP header', iconv.encode(RU, 'windows-1251'), 'application/rss+xml; charset=windows-1251', 'xml', RU, 'header'],
    ['charset from the XML declaration', iconv.encode(`<?xml version="1.0" encoding="windows-1251"?><t>${RU}</t>`, 'windows-1251'), 'application/xml', 'xml', `<?xml version="1.0" encoding="windows-1251"?><t>${RU}</t>`, 'document'],
    ['charset from an HTML meta tag', iconv.encode(`<html><head><meta charset="iso-8859-1"></head><body>${FR.replace('’', "'")}</body></html>`, 'latin1'), 'text/html', 'html', `<html><head><meta charset="iso-8859-1"></head><body>${FR.replace('’', "'")}</body></html>`, 'document'],
    ['UTF-8 mislabelled as Latin-1 stays UTF-8', Buffer.from(FR), 'text/html; charset=ISO-8859-1', 'html', FR, 'default'],
    ['undeclared windows-1251 is sniffed', iconv.encode(`<rss><title>${RU} ${RU}</title></rss>`, 'windows-1251'), null, 'xml', `<rss><title>${RU} ${RU}</title></rss>`, 'sniffed'],
    ['JSON is UTF-8', Buffer.from(JSON.stringify({ title: RU })), 'application/json', 'json', JSON.stringify({ title: RU }), 'default'],
  ])('%s', (_name, bytes, contentType, kind, text, source) => {
    const out = decodeText(bytes, contentType, kind as 'xml' | 'html' | 'json');
    expect(out.text).toBe(text);
    expect(out.source).toBe(source);
  });
});

describe('charset declarations', () => {
  it.each([
    ['text/html; charset=UTF-8', 'utf-8'],
    ['text/xml;charset="windows-1251"', 'windows-1251'],
    ['application/json', null],
    [null, null],
  ])('Content-Type %j → %j', (ct, cs) => {
    expect(charsetFromContentType(ct)).toBe(cs);
  });

  it.each([
    ['<?xml version="1.0" encoding="KOI8-R"?><rss/>', 'xml', 'koi8-r'],
    ['<html><meta http-equiv="Content-Type" content="text/html; charset=gb2312">', 'html', 'gb2312'],
    ['<html><meta charset=utf-8>', 'html', 'utf-8'],
    ['<rss><meta charset="x"></rss>', 'xml', null],
  ])('%s (%s) → %j', (head, kind, cs) => {
    expect(charsetFromDocument(head, kind as 'xml' | 'html')).toBe(cs);
  });
});

const DOC = (decl: string): string => `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${FR}</title></channel></rss>`;
const BOM_BYTES: Record<string, number[]> = { 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], 'utf-32le': [0xff, 0xfe, 0, 0], 'utf-32be': [0, 0, 0xfe, 0xff] };

describe('decodeText: XML 1.0 appendix F', () => {
  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])('%s with a byte-order mark', (charset) => {
    const bytes = Buffer.concat([Buffer.from(BOM_BYTES[charset] ?? []), iconv.encode(DOC(' encoding="utf-16"'), charset)]);
    expect(decodeText(bytes, null, 'xml')).toMatchObject({ text: DOC(' encoding="utf-16"'), charset, source: 'bom' });
  });

  it.each([
    ['utf-16le', ' encoding="utf-16"'],
    ['utf-16be', ' encoding="UTF-16"'],
    ['utf-32le', ''],
    ['utf-32be', ' encoding="ucs-4"'],
  ])('%s without a byte-order mark, from the first bytes (declaration %j)', (charset, decl) => {
    expect(decodeText(iconv.encode(DOC(decl), charset), 'application/xml; charset=utf-8', 'xml')).toMatchObject({ text: DOC(decl), charset, source: 'bytes' });
  });

  it('UTF-16 without a BOM and without a declaration (first element at byte 0)', () => {
    const doc = `<rss><channel><title>${RU}</title></channel></rss>`;
    expect(decodeText(iconv.encode(doc, 'utf-16le'), null, 'xml').text).toBe(doc);
  });

  it.each([
    ['big5', '中文新聞標題：颱風來襲'],
    ['shift_jis', '日本語のニュース見出し'],
    ['euc-jp', '日本語のニュース見出し'],
    ['koi8-r', RU],
    ['windows-1252', FR],
    ['iso-8859-2', 'Zażółć gęślą jaźń'],
  ])('%s declared and agreeing with the bytes', (charset, title) => {
    const doc = `<?xml version="1.0" encoding="${charset}"?><rss><channel><title>${title}</title></channel></rss>`;
    expect(decodeText(iconv.encode(doc, charset), null, 'xml')).toMatchObject({ text: doc, charset, source: 'document' });
  });

  it('declared UTF-8 but windows-1252 bytes: read as windows-1252, with a note', () => {
    const doc = `<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Café été</title></channel></rss>`;
    const out = decodeText(iconv.encode(doc, 'windows-1252'), null, 'xml');
    expect(out.text).toBe(doc);
    expect(out.note).toMatch(/document declares utf-8 but the bytes are not valid in it/);
  });

  it('declared UTF-8 but big5 bytes: the sniffer finds big5', () => {
    const title = '颱風來襲，全台停班停課。氣象局發布海上陸上颱風警報，各地嚴防豪雨。'.repeat(3);
    const doc = `<?xml version="1.0" encoding="utf-8"?><rss><channel><title>${title}</title></channel></rss>`;
    expect(decodeText(iconv.encode(doc, 'big5'), null, 'xml')).toMatchObject({ text: doc, source: 'sniffed' });
  });

  it('a wrong header gives way to the declaration the bytes agree with', () => {
    const doc = `<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>${RU}</title></channel></rss>`;
    expect(decodeText(iconv.encode(doc, 'koi8-r'), 'text/xml; charset=utf-8', 'xml')).toMatchObject({ text: doc, charset: 'koi8-r', source: 'document' });
  });

  it('UTF-16 declared on 8-bit bytes is a wrong label: read as UTF-8', () => {
    const doc = `<?xml version="1.0" encoding="utf-16"?><rss><channel><title>${FR}</title></channel></rss>`;
    expect(decodeText(Buffer.from(doc), null, 'xml')).toMatchObject({ text: doc, charset: 'utf-8' });
  });

  it('a single-byte charset that is declared is trusted (every byte reads)', () => {
    const doc = `<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Caf\u00e9</title></channel></rss>`;
    expect(decodeText(iconv.encode(doc, 'latin1'), null, 'xml')).toMatchObject({ text: doc, charset: 'windows-1252', source: 'document' });
  });
});
