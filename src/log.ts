// Structured logs: JSON by default, pretty on a terminal. Context fields are snake_case
// (feed_id, item_id, story_id, job_id, url) so errors can be traced to what they concern.
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** Create the process logger from the settings. Logs go to stderr so command output on stdout stays clean. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stderr.isTTY === true);
  if (pretty) {
    return pino({
      level: config.logLevel,
      transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino({ level: config.logLevel }, pino.destination(2));
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
