// The admin API as an OpenAPI 3.1 document, served at /openapi.json. Request schemas come from the
// same zod schemas the routes validate with, so the two cannot drift; a test checks routes and paths match.
import { z } from 'zod';
import { addFeedBody } from './admin.ts';
import { listStoriesQuery } from './admin-stories.ts';
import { addUserBody } from './admin-users.ts';

type JsonSchema = Record<string, unknown>;
interface Parameter { name: string; in: 'path' | 'query'; required?: boolean; description?: string; schema: JsonSchema }
interface MediaContent { [type: string]: { schema: JsonSchema } }
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  /** An old name kept working; clients should use the operation it points to. */
  deprecated?: boolean;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: MediaContent };
  responses: Record<string, { description: string; content?: MediaContent }>;
}
/** The subset of OpenAPI 3.1 feedfold's document uses. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'delete', Operation>>>;
  components: { securitySchemes: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema): MediaContent => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const schemaOf = (s: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io }) as JsonSchema;
  return rest;
};
const idParam: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const errors = { 400: problem('invalid request'), 401: problem('missing or wrong bearer token'), 404: problem('not found, or admin API disabled') };

function storyQueryParameters(): Parameter[] {
  const props = (schemaOf(listStoriesQuery).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props).map(([name, schema]) => ({ name, in: 'query', schema }));
}

const schemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; every error is answered this way.',
    properties: {
      type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
      invalid_params: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } } },
    },
    required: ['type', 'title', 'status'],
  },
  Feed: {
    type: 'object',
    description: 'A subscribed feed with its polling state.',
    properties: {
      id: { type: 'integer' }, url: { type: 'string' }, title: { type: ['string', 'null'] }, siteUrl: { type: ['string', 'null'] },
      folder: { type: ['string', 'null'] }, state: { type: 'string', enum: ['active', 'paused', 'failing', 'disabled'] },
      nextPollAt: { type: 'string', format: 'date-time' }, lastStatus: { type: ['integer', 'null'] },
      errorCount: { type: 'integer' }, lastError: { type: ['string', 'null'] }, itemCount: { type: 'integer' },
      lastParseNote: { type: ['string', 'null'], description: 'why the last document was not read cleanly (a charset its bytes contradict, ill-formed XML read leniently); null when it was' },
    },
    required: ['id', 'url', 'state'],
  },
  StoryMember: {
    type: 'object',
    properties: {
      itemId: { type: 'integer' }, title: { type: 'string' }, url: { type: ['string', 'null'] }, sourceTitle: { type: ['string', 'null'] },
      sourceUrl: { type: ['string', 'null'] }, language: { type: ['string', 'null'] },
      publishedAt: { type: ['string', 'null'], format: 'date-time' }, isCanonical: { type: 'boolean' },
    },
    required: ['itemId', 'title', 'isCanonical'],
  },
  Story: {
    type: 'object',
    description: 'One story: its canonical item and every copy (members).',
    properties: {
      id: { type: 'integer' }, title: { type: 'string' }, url: { type: ['string', 'null'] }, summary: { type: 'string' },
      firstPublishedAt: { type: ['string', 'null'], format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
      itemCount: { type: 'integer' }, languages: { type: 'array', items: { type: 'string' } }, members: { type: 'array', items: ref('StoryMember') },
    },
    required: ['id', 'title', 'itemCount', 'members'],
  },
};

const feedResponse = (description: string) => ({ description, content: json({ type: 'object', properties: { feed: ref('Feed'), created: { type: 'boolean' } } }) });
const storyResponse = (description: string) => ({ description, content: json({ type: 'object', properties: { story: ref('Story') } }) });
const opmlContent: MediaContent = { 'text/x-opml': { schema: { type: 'string' } }, 'application/xml': { schema: { type: 'string' } } };
const nameParam: Parameter = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const op = (operationId: string, summary: string, responses: Operation['responses'], extra: Partial<Operation> = {}): Operation => ({
  operationId, summary, tags: ['users'], parameters: [nameParam], responses: { ...responses, ...errors }, ...extra,
});

/** Reader accounts (docs/reader-apps.md): the `feedfold users` commands over HTTP. */
function userPaths(): OpenApiDocument['paths'] {
  const ok = (description: string) => ({ description, content: json({ type: 'object' }) });
  return {
    '/api/users': {
      get: { operationId: 'listUsers', summary: 'Every reader account with its subscription count', tags: ['users'], responses: { 200: ok('accounts'), ...errors } },
      post: {
        operationId: 'addUser', summary: 'Create a reader account', tags: ['users'], requestBody: { required: true, content: json(schemaOf(addUserBody)) },
        responses: { 201: ok('created'), 409: problem('name taken'), ...errors },
      },
    },
    '/api/users/{name}': { delete: op('removeUser', 'Delete the account with its subscriptions and state (feeds stay)', { 204: { description: 'deleted' } }) },
    '/api/users/{name}/password': {
      put: op('setUserPassword', "Set a new password (and Fever key); the account's app logins are revoked", { 204: { description: 'changed' } }, {
        requestBody: { required: true, content: json({ type: 'object', properties: { password: { type: 'string', minLength: 8 } }, required: ['password'] }) },
      }),
    },
    '/api/users/{name}/subscriptions': { get: op('listUserSubscriptions', "The account's subscriptions with its titles and folders", { 200: ok('subscriptions') }) },
    '/api/users/{name}/opml': {
      get: op('exportUserOpml', "The account's subscriptions as OPML", { 200: { description: 'OPML', content: { 'text/x-opml': { schema: { type: 'string' } } } } }),
      post: op('importUserOpml', 'Subscribe the account to every feed of an OPML file', { 201: ok('some added'), 200: ok('nothing new'), 413: problem('too large') }, {
        requestBody: { required: true, content: opmlContent },
      }),
    },
    '/api/users/{name}/tokens': {
      get: op('listUserTokens', "The account's live tokens (no secrets)", { 200: ok('tokens') }),
      delete: op('revokeUserTokens', "Revoke every app login and private feed URL of the account", { 200: ok('how many were revoked') }),
    },
    '/api/users/{name}/tokens/{id}': {
      delete: { ...op('revokeUserToken', 'Revoke one token', { 204: { description: 'revoked' } }), parameters: [nameParam, idParam] },
    },
    '/api/users/{name}/feed-tokens': { post: op('addUserFeedToken', 'A new private feed token: the RSS, Atom and JSON Feed URLs of the account', { 201: ok('urls') }) },
  };
}

const stateAction = (action: 'pause' | 'resume'): Operation => ({
  operationId: `${action}Feed`, summary: action === 'pause' ? 'Stop polling a feed' : 'Poll a feed again (due at once, errors reset)', tags: ['feeds'],
  parameters: [idParam], responses: { 200: { description: 'new state', content: json({ type: 'object', properties: { state: { type: 'string' } } }) }, ...errors },
});

/** The OpenAPI 3.1 document of the admin API at `publicUrl`. */
export function buildOpenApi(publicUrl: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'feedfold admin API', version: '1', description: 'Subscriptions and stories. Every route needs `Authorization: Bearer $FEEDFOLD_ADMIN_TOKEN`.' },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    paths: {
      '/api/feeds': {
        get: { operationId: 'listFeeds', summary: 'Every feed, oldest first', tags: ['feeds'], responses: { 200: { description: 'feeds', content: json({ type: 'object', properties: { feeds: { type: 'array', items: ref('Feed') } } }) }, ...errors } },
        post: {
          operationId: 'addFeed', summary: 'Subscribe to a feed', tags: ['feeds'],
          description: 'Adds `url` as a feed. With `discover: true` the URL may be a web page: it is fetched and its feed found (link rel=alternate, then common paths); 422 when none is.',
          requestBody: { required: true, content: json(schemaOf(addFeedBody)) },
          responses: { 201: feedResponse('subscribed'), 200: feedResponse('already subscribed'), 422: problem('no feed found'), 503: problem('autodiscovery not available'), ...errors },
        },
      },
      '/api/feeds/{id}': {
        get: { operationId: 'getFeed', summary: 'One feed', tags: ['feeds'], parameters: [idParam], responses: { 200: feedResponse('the feed'), ...errors } },
        delete: { operationId: 'removeFeed', summary: 'Unsubscribe: delete the feed and its items (stories keep their ids)', tags: ['feeds'], parameters: [idParam], responses: { 204: { description: 'deleted' }, ...errors } },
      },
      '/api/feeds/{id}/pause': { post: stateAction('pause') },
      '/api/feeds/{id}/resume': { post: stateAction('resume') },
      '/api/opml': {
        get: { operationId: 'exportOpml', summary: 'Every feed as OPML 2.0, folders as nested outlines', tags: ['opml'], responses: { 200: { description: 'OPML', content: { 'text/x-opml': { schema: { type: 'string' } } } }, ...errors } },
        post: {
          operationId: 'importOpml', summary: 'Subscribe to every feed of an OPML file, keeping titles and folders', tags: ['opml'],
          description: `Body up to FEEDFOLD_ADMIN_MAX_BODY_BYTES (every admin API body: 413 past it). Feeds already subscribed are counted as existing; outlines without an http(s) URL are listed as invalid.`,
          requestBody: { required: true, content: opmlContent },
          responses: {
            201: { description: 'some feeds added', content: json({ type: 'object', properties: { added: { type: 'integer' }, existing: { type: 'integer' }, invalid: { type: 'array', items: { type: 'object' } } } }) },
            200: { description: 'nothing new' }, 413: problem('too large'), 415: problem('not OPML content type'), ...errors,
          },
        },
      },
      '/api/stories': {
        get: {
          operationId: 'listStories', summary: 'Live stories, newest first, with their members', tags: ['stories'], parameters: storyQueryParameters(),
          responses: { 200: { description: 'a page of stories', content: json({ type: 'object', properties: { stories: { type: 'array', items: ref('Story') }, next_offset: { type: ['integer', 'null'] } } }) }, ...errors },
        },
      },
      '/api/stories/{id}': {
        get: { operationId: 'getStory', summary: 'One story with every member; a merged story id answers with the story it was merged into', tags: ['stories'], parameters: [idParam], responses: { 200: storyResponse('the story'), ...errors } },
      },
      ...userPaths(),
      '/api/stories/{id}/refresh': {
        post: {
          operationId: 'refreshStory', summary: 'Recompute a story from its current members', tags: ['stories'], parameters: [idParam],
          description: 'Re-chooses the canonical item with the fold rules and recomputes title, item count, languages and first publication date from the members the story has now. Membership itself is not re-decided: no item leaves or joins (`feedfold stories refold --membership` re-decides it).',
          responses: { 200: storyResponse('the refreshed story, plus `previous_canonical_item_id`'), ...errors },
        },
      },
      '/api/stories/{id}/refold': {
        post: {
          operationId: 'refoldStory', deprecated: true, summary: 'Old name of POST /api/stories/{id}/refresh, kept for scripts', tags: ['stories'], parameters: [idParam],
          description: 'The same as `/api/stories/{id}/refresh`: recomputes, does not re-decide membership.',
          responses: { 200: storyResponse('the refreshed story, plus `previous_canonical_item_id`'), ...errors },
        },
      },
    },
  };
}
