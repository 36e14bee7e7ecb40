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
