import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/domain/feed/dates.ts';

describe('parseFeedDate', () => {
  it.each([
    ['RFC 822 GMT', 'Tue, 03 Jun 2003 09:39:21 GMT', '2003-06-03T09:39:21.000Z'],
    ['numeric zone', 'Wed, 22 Jan 2014 20:31:31 +0600', '2014-01-22T14:31:31.000Z'],
    ['numeric zone with colon', 'Wed, 22 Jan 2014 20:31:31 +06:00', '2014-01-22T14:31:31.000Z'],
    ['named zone EST', 'Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00.000Z'],
    ['named zone PDT', 'Mon, 06 May 2024 10:00:00 PDT', '2024-05-06T17:00:00.000Z'],
    ['named zone CET', 'Mon, 06 May 2024 10:00:00 CET', '2024-05-06T09:00:00.000Z'],
    ['named zone MSK', 'Mon, 06 May 2024 10:00:00 MSK', '2024-05-06T07:00:00.000Z'],
    ['GMT+2', 'Mon, 06 May 2024 10:00:00 GMT+2', '2024-05-06T08:00:00.000Z'],
    ['UTC-05:00', 'Mon, 06 May 2024 10:00:00 UTC-05:00', '2024-05-06T15:00:00.000Z'],
    ['missing weekday', '06 May 2024 10:00:00 +0000', '2024-05-06T10:00:00.000Z'],
    ['wrong weekday', 'Fri, 06 May 2024 10:00:00 GMT', '2024-05-06T10:00:00.000Z'],
    ['two-digit year', 'Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['two-digit year 19xx', '01 Jan 99 00:00 GMT', '1999-01-01T00:00:00.000Z'],
    ['no seconds', 'Mon, 6 May 2024 10:00 GMT', '2024-05-06T10:00:00.000Z'],
    ['no zone reads as UTC', 'Mon, 06 May 2024 10:00:00', '2024-05-06T10:00:00.000Z'],
    ['full month name', 'Monday, 06 September 2024 10:00:00 GMT', '2024-09-06T10:00:00.000Z'],
    ['month first with comma', 'May 6, 2024 10:00 PM', '2024-05-06T22:00:00.000Z'],
    ['JavaScript toString', 'Mon May 06 2024 10:00:00 GMT+0200 (Central European Summer Time)', '2024-05-06T08:00:00.000Z'],
    ['German month', '6. März 2024 10:00', '2024-03-06T10:00:00.000Z'],
    ['French month', 'lun., 06 févr. 2024 10:00:00 +0100', '2024-02-06T09:00:00.000Z'],
    ['Russian month', '6 мая 2024 10:00', '2024-05-06T10:00:00.000Z'],
    ['RFC 3339 Z', '2003-12-13T18:30:02Z', '2003-12-13T18:30:02.000Z'],
    ['RFC 3339 offset', '2012-07-16T08:48:01-07:00', '2012-07-16T15:48:01.000Z'],
    ['fractional seconds', '2024-05-06T10:00:00.123456+00:00', '2024-05-06T10:00:00.123Z'],
    ['space instead of T', '2024-05-06 10:00:00', '2024-05-06T10:00:00.000Z'],
    ['compact offset', '2024-05-06T10:00:00+0200', '2024-05-06T08:00:00.000Z'],
    ['date only', '2024-05-06', '2024-05-06T00:00:00.000Z'],
    ['year and month', '2024-05', '2024-05-01T00:00:00.000Z'],
    ['year only', '2024', '2024-01-01T00:00:00.000Z'],
    ['surrounding space', '  2024-05-06T10:00:00Z \n', '2024-05-06T10:00:00.000Z'],
  ])('%s: %s', (_name, input, expected) => {
    expect(parseFeedDate(input)?.toISOString()).toBe(expected);
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['words', 'yesterday'],
    ['month 13', '2024-13-01'],
    ['31 February', '31 Feb 2024 10:00:00 GMT'],
    ['hour 25', '2024-05-06T25:00:00Z'],
    ['unknown month', '06 Foo 2024 10:00:00 GMT'],
  ])('%s -> null', (_name, input) => {
    expect(parseFeedDate(input)).toBeNull();
  });
});
