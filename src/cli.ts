// The `feedfold` command: one entry point for every process and tool.
import { parseArgs } from 'node:util';
import { loadConfig, settingDocs, type Config } from './config.ts';
import { ConfigError, describeError } from './errors.ts';
import type { Logger } from './log.ts';

// Each command loads only what it uses: a worker never loads the HTTP server, a parse never loads BullMQ
// (less memory per process, faster start-up).
const processes = () => import('./cli/processes.ts');
const feedCommands = () => import('./cli/feed-commands.ts');
const toolCommands = () => import('./cli/tool-commands.ts');
const logging = () => import('./log.ts');
const userCommands = () => import('./cli/user-commands.ts');

const USAGE = `usage: feedfold <command> [options]

  run [--once]              scheduler + workers + HTTP server in one process (--once: poll every feed, drain, print a summary, exit)
  serve                     the HTTP server only (merged feeds, reader page, admin API, health, metrics)
  scheduler                 the scheduler only
  worker                    poll and ingest workers only (run several to scale)
  migrate                   apply database migrations and exit
  feeds add URL… [--folder F] [--no-discover]
  feeds list [--json]
  feeds remove ID
  opml import FILE [--user NAME]
  opml export [--user NAME]
  users add NAME            add a reader account (password from a prompt, or stdin when piped)
  users list | passwd NAME | remove NAME
  users feed-url NAME       a new private feed URL for the account
  users revoke NAME         revoke the account's app logins and private feed URLs
  parse FILE…               parse feed files, one JSON line each
  extract FILE… [--url URL] extract article pages, one JSON line each
  fold                      fold JSON-line items from stdin, print {id, story, canonical}
  stories refresh           recompute every story's counts, languages and canonical item (interruptible;
                            old name: stories refold without --membership)
  stories refold --membership [--since DATE]
                            re-decide every item's story with the current code (interruptible, resumable)
  keys rebuild [--all]      rebuild the candidate index from stored signatures (the key window's items, or all)
  config                    print every setting with its value and meaning

Settings come from environment variables; see 'feedfold config'.`;

type Command = (args: string[], config: Config, log: Logger) => Promise<number>;

function flags(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

const commands: Record<string, Command> = {
  run: async (args, config, log) => {
    const { values } = flags(args, { once: { type: 'boolean' } });
    if (values.once) {
      console.log(JSON.stringify(await (await processes()).runOnce(config, log)));
      return 0;
    }
    await (await processes()).runProcess(config, log, { server: true, scheduler: true, workers: true }, { migrate: true });
    return 0;
  },
  serve: async (_a, config, log) => (await (await processes()).runProcess(config, log, { server: true, scheduler: false, workers: false }, { migrate: false }), 0),
  scheduler: async (_a, config, log) => (await (await processes()).runProcess(config, log, { server: false, scheduler: true, workers: false }, { migrate: false }), 0),
  worker: async (_a, config, log) => (await (await processes()).runProcess(config, log, { server: false, scheduler: false, workers: true }, { migrate: false }), 0),
  migrate: async (_a, config, log) => {
    const [{ openDatabase }, { migrateDatabase }] = await Promise.all([import('./db/client.ts'), import('./db/migrate.ts')]);
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, maxConnections: 1 });
    try {
      await migrateDatabase(database);
      const { rebuildKeysIfMissing } = await import('./pipeline/rebuild-keys.ts');
      await rebuildKeysIfMissing({ config, db: database.db, log, now: () => new Date() });
    } finally {
      await database.close();
    }
    log.info({ database: database.kind }, 'migrations applied');
    return 0;
  },
  feeds: async (args, config, log) => {
    const [sub, ...rest] = args;
    const { values, positionals } = flags(rest, { folder: { type: 'string' }, 'no-discover': { type: 'boolean' }, json: { type: 'boolean' } });
    const { feedsAdd, feedsList, feedsRemove } = await feedCommands();
    if (sub === 'add' && positionals.length) {
      return feedsAdd(config, log, positionals, { folder: typeof values.folder === 'string' ? values.folder : null, discover: !values['no-discover'] });
    }
    if (sub === 'list') return feedsList(config, values.json === true);
    if (sub === 'remove' && positionals[0] && /^\d+$/.test(positionals[0])) return feedsRemove(config, Number(positionals[0]));
    throw new ConfigError('usage: feedfold feeds add URL… | feeds list [--json] | feeds remove ID');
  },
  opml: async (args, config) => {
    const [sub, ...rest] = args;
    const { values, positionals } = flags(rest, { user: { type: 'string' } });
    const user = typeof values.user === 'string' ? values.user : null;
    const file = positionals[0];
    if (sub === 'import' && file) return user ? (await userCommands()).opmlImportForUser(config, file, user) : (await feedCommands()).opmlImport(config, file);
    if (sub === 'export') return user ? (await userCommands()).opmlExportForUser(config, user) : (await feedCommands()).opmlExport(config);
    throw new ConfigError('usage: feedfold opml import FILE [--user NAME] | opml export [--user NAME]');
  },
  users: async (args, config) => {
    const [sub, name] = args;
    const u = await userCommands();
    if (sub === 'list') return u.usersList(config);
    if (name && args.length === 2) {
      const byName = { add: u.usersAdd, passwd: u.usersPasswd, remove: u.usersRemove, 'feed-url': u.usersFeedUrl, revoke: u.usersRevoke }[sub ?? ''];
      if (byName) return byName(config, name);
    }
    throw new ConfigError('usage: feedfold users add NAME | list | passwd NAME | remove NAME | feed-url NAME | revoke NAME');
  },
  keys: async (args, config, log) => {
    const { values, positionals } = flags(args, { all: { type: 'boolean' } });
    if (positionals[0] !== 'rebuild') throw new ConfigError('usage: feedfold keys rebuild [--all]');
    const [{ withDatabase }, { rebuildKeys }] = await Promise.all([feedCommands(), import('./pipeline/rebuild-keys.ts')]);
    const done = await withDatabase(config, (database) =>
      rebuildKeys({ config, db: database.db, log, now: () => new Date() }, { all: values.all === true, progress: (n) => process.stderr.write(`\rkeys of ${n} items`) }));
    process.stderr.write('\n');
    console.log(`rebuilt the candidate keys of ${done} items`);
    return 0;
  },
  stories: async (args, config) => {
    const { values, positionals } = flags(args, { membership: { type: 'boolean' }, since: { type: 'string' } });
    const usage = 'usage: feedfold stories refresh | stories refold --membership [--since DATE]';
    const [sub, ...rest] = positionals;
    if ((sub !== 'refresh' && sub !== 'refold') || rest.length > 0) throw new ConfigError(usage);
    if (sub === 'refresh' && (values.membership || values.since !== undefined)) throw new ConfigError(usage);
    const storyCommands = await import('./cli/story-commands.ts');
    if (!values.membership) {
      if (values.since !== undefined) throw new ConfigError('--since goes with --membership');
      // `stories refold` alone is the first name of `stories refresh`, kept for scripts written against it.
      if (sub === 'refold') process.stderr.write('note: `stories refold` without --membership is `stories refresh` (recompute only)\n');
      return storyCommands.storiesRefresh(config);
    }
    const since = typeof values.since === 'string' ? new Date(values.since) : null;
    if (since && Number.isNaN(since.getTime())) throw new ConfigError(`--since: not a date: ${values.since}`);
    return storyCommands.storiesRefoldMembership(config, since);
  },
};

/** Commands that write only to stdout and stderr: no logger (pino) is loaded for them. */
const tools: Record<string, (args: string[], config: Config) => Promise<number>> = {
  parse: async (args) => (await toolCommands()).parseFiles(flags(args, {}).positionals),
  extract: async (args) => {
    const { values, positionals } = flags(args, { url: { type: 'string' } });
    return (await toolCommands()).extractFiles(positionals, typeof values.url === 'string' ? values.url : null);
  },
  fold: async () => (await toolCommands()).foldStdin(),
  config: async (_a, config) => {
    for (const [name, doc] of Object.entries(settingDocs)) console.log(`${name}\t${doc}`);
    console.log(`\ncurrent: ${JSON.stringify({ ...config, adminToken: config.adminToken ? '***' : null })}`);
    return 0;
  },
};

/** Run the command line; returns the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  const tool = name ? tools[name] : undefined;
  if ((!command && !tool) || name === '--help' || name === 'help') {
    console.error(USAGE);
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  let log: Logger | null = null;
  try {
    const config = loadConfig(env);
    if (tool) return await tool(args, config);
    log = (await logging()).createLogger(config);
    return await (command as Command)(args, config, log);
  } catch (err) {
    const message = err instanceof ConfigError ? err.message : describeError(err);
    // The stack's frames only: its first line repeats the message, which for a failed query carries every parameter.
    if (log && !(err instanceof ConfigError)) log.error({ error: message, stack: (err as Error).stack?.split('\n').filter((l) => l.startsWith('    at ')).join('\n') }, `${name} failed`);
    console.error(`feedfold ${name}: ${message}`);
    return err instanceof ConfigError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
  }
}
