/**
 * Who may call what: for every route of every HTTP function, the status each kind of caller gets (contract §0.6).
 * `route-access.test.ts` calls every route as each caller against the functions started in the embedded profile,
 * and fails when a route of `functions/registry.ts` has no row here. Add your function's rows when you add routes.
 *
 * Callers: `anonymous` has no cookie; `user` is a USER who owns the resources a row's `request` creates;
 * `admin` is an ADMIN who does not own them; `anotherOwner` is a second USER, owner of nothing the row uses.
 * A row checks access only, so its request should be otherwise valid (or its expected statuses say why not).
 */
export const callerKinds = ['anonymous', 'user', 'admin', 'anotherOwner'] as const;
export type CallerKind = (typeof callerKinds)[number];

export interface AccessRequest {
  /** Concrete path, query included. */
  readonly path: string;
  readonly body?: unknown;
}

/** What a row's `request` can use to prepare its resources (e.g. create a memo as `user`). */
export interface AccessWorld {
  readonly base: string;
  readonly userIds: Readonly<Record<Exclude<CallerKind, 'anonymous'>, number>>;
  call(as: CallerKind, method: string, path: string, body?: unknown): Promise<Response>;
}

export interface AccessRow {
  readonly expect: Readonly<Record<CallerKind, number>>;
  /** Default: the route's path with every `{parameter}` set to 1, and no body. */
  readonly request?: (world: AccessWorld) => Promise<AccessRequest>;
}

const everyone = (status: number): Readonly<Record<CallerKind, number>> => ({ anonymous: status, user: status, admin: status, anotherOwner: status });
export const publicRoute = (status = 200) => everyone(status);
export const signedInRoute = (status = 200) => ({ anonymous: 401, user: status, admin: status, anotherOwner: status });
export const adminRoute = (status = 200) => ({ anonymous: 401, user: 403, admin: status, anotherOwner: 403 });
export const ownerRoute = (status = 200) => ({ anonymous: 401, user: status, admin: 403, anotherOwner: 403 });

export const routeAccessTable: Readonly<Record<string, Readonly<Record<string, AccessRow>>>> = {
  'docs-serve-api': {
    openApi: { expect: publicRoute() },
  },
  'auth-manage-session': {
    authorizationUrl: { expect: publicRoute(), request: async () => ({ path: '/api/v1/auth/GOOGLE/url' }) },
    // Anyone may try; without the PKCE cookie of the url route the login is refused before the provider is asked.
    login: { expect: publicRoute(400), request: async () => ({ path: '/api/v1/auth/GOOGLE/login', body: { code: 'some-code' } }) },
    // The refresh cookie is the credential here, not the access cookie the callers carry.
    refresh: { expect: publicRoute(401) },
    logout: { expect: publicRoute(200) },
  },
  // `user` owns the memo or folder each request makes afresh; an ADMIN owns nothing of it, so gets 403 like anyone else.
  'memo-save-memo': {
    createMemo: { expect: signedInRoute(201), request: async () => ({ path: '/api/v1/memos', body: { parentFolderId: null } }) },
    searchMemos: { expect: signedInRoute(), request: async () => ({ path: '/api/v1/memos?query=untitled' }) },
    readMemo: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}` }) },
    deleteMemo: { expect: ownerRoute(204), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}` }) },
    moveMemo: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}/parent`, body: { folderId: await folderOfUser(world) } }) },
    reorderMemo: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}/sequence`, body: { sequence: '0|i00000:' } }) },
    recommendMemos: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}/recommended?keyword=untitled` }) },
    readReferences: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}/references` }) },
    readBacklinks: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/memos/${await memoOfUser(world)}/referenced` }) },
    readFolderTree: { expect: signedInRoute(), request: async () => ({ path: '/api/v1/folders' }) },
    createFolder: { expect: signedInRoute(201), request: async () => ({ path: '/api/v1/folders', body: {} }) },
    renameFolder: { expect: ownerRoute(), request: async (world) => ({ path: '/api/v1/folders/1/name', body: { folderId: await folderOfUser(world), name: 'Work' } }) },
    moveFolder: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/folders/${await folderOfUser(world)}/parent`, body: { parentId: await folderOfUser(world) } }) },
    reorderFolder: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/folders/${await folderOfUser(world)}/sequence`, body: { sequence: '0|a00000:' } }) },
    deleteFolder: { expect: ownerRoute(), request: async (world) => ({ path: `/api/v1/folders/${await folderOfUser(world)}` }) },
  },
  // Public XML, generated on demand before the first generation; file 1 always exists (it holds the home page).
  'comment-add-comment': {
    listComments: { expect: publicRoute(), request: async () => ({ path: '/api/v1/comments?refId=1&refType=ARTICLE' }) },
    // No article is published here (the comment context learns of articles from events, which this test does not
    // feed): with an identity the comment reaches the existence check (404); without credentials nor session, 401.
    addComment: {
      expect: { anonymous: 401, user: 404, admin: 404, anotherOwner: 404 },
      request: async () => ({ path: '/api/v1/comments', body: { refId: 1, refType: 'ARTICLE', userName: null, password: null, parentId: null, content: 'hi' } }),
    },
    // Public: who may delete is decided per comment (author, password, ADMIN; see the comment contract tests).
    deleteComment: { expect: publicRoute(404), request: async () => ({ path: '/api/v1/comments/1', body: { password: null } }) },
  },
  // Signed-in callers pass; this table's JSON body is not the multipart upload the route wants, hence 400.
  'media-upload-image': { uploadImage: { expect: signedInRoute(400) } },
  // Draft reads are the ADMIN part of public routes; every write is ADMIN only. Each row makes its own article.
  'blog-read-articles': {
    listArticles: { expect: adminRoute(), request: async () => ({ path: '/api/v1/articles/simple?status=DRAFT&limit=10' }) },
    readArticle: { expect: adminRoute(), request: async (world) => ({ path: `/api/v1/articles/${await articleOfAdmin(world)}?expectedStatus=DRAFT` }) },
    topTags: { expect: publicRoute(), request: async () => ({ path: '/api/v1/tags/top?n=10' }) },
  },
  'blog-publish-post': {
    createArticle: { expect: adminRoute(201), request: async () => ({ path: '/api/v1/articles' }) },
    changeStatus: { expect: adminRoute(), request: async (world) => ({ path: `/api/v1/articles/${await articleOfAdmin(world)}`, body: { asIsStatus: 'DRAFT', toBeStatus: 'DELETED' } }) },
    saveDraft: { expect: adminRoute(), request: async (world) => ({ path: `/api/v1/articles/${await articleOfAdmin(world)}/draft`, body: { title: 'Hello' } }) },
    deleteArticle: { expect: adminRoute(), request: async (world) => ({ path: `/api/v1/articles/${await articleOfAdmin(world)}` }) },
    addTag: { expect: adminRoute(), request: async (world) => ({ path: `/api/v1/articles/${await articleOfAdmin(world)}/tags`, body: { tagName: 'kotlin' } }) },
    removeTag: { expect: adminRoute(), request: async (world) => ({ path: `/api/v1/articles/${await articleOfAdmin(world, 'kotlin')}/tags/kotlin` }) },
  },
  'seo-serve-feeds': { sitemap: { expect: publicRoute() }, sitemapFile: { expect: publicRoute() }, rss: { expect: publicRoute() }, atom: { expect: publicRoute() } },
  // SockJS at /ws (the upgrade itself and STOMP's per-message rules: functions/realtime-autosave tests). A plain GET
  // on the WebSocket URL is 400 once signed in; the XHR receivers open a fresh session each; `xhr_send` posts a
  // STOMP CONNECT into a session each signed-in caller opened first (sessions are per user, so each has its own).
  'realtime-autosave': {
    info: { expect: publicRoute() },
    websocket: { expect: signedInRoute(400) },
    xhrStreaming: { expect: signedInRoute(), request: async () => ({ path: `/ws/000/${freshSessionId()}/xhr_streaming` }) },
    xhrPolling: { expect: signedInRoute(), request: async () => ({ path: `/ws/000/${freshSessionId()}/xhr` }) },
    xhrSend: {
      expect: { anonymous: 401, user: 204, admin: 204, anotherOwner: 204 },
      request: async (world) => {
        const session = freshSessionId();
        for (const kind of ['user', 'admin', 'anotherOwner'] as const) await (await world.call(kind, 'POST', `/ws/000/${session}/xhr`)).text();
        return { path: `/ws/000/${session}/xhr_send`, body: ['CONNECT\naccept-version:1.2\n\n\u0000'] };
      },
    },
  },
};

/** A new memo of `user` (memo rows). */
async function memoOfUser(world: AccessWorld): Promise<number> {
  return ((await (await world.call('user', 'POST', '/api/v1/memos', {})).json()) as { memoId: number }).memoId;
}

/** A new folder of `user` (memo rows). */
async function folderOfUser(world: AccessWorld): Promise<number> {
  return ((await (await world.call('user', 'POST', '/api/v1/folders', {})).json()) as { folder: { id: number } }).folder.id;
}

/** A new DRAFT article made by `admin`, carrying `tagName` when given (blog rows). */
async function articleOfAdmin(world: AccessWorld, tagName?: string): Promise<number> {
  const { articleId } = (await (await world.call('admin', 'POST', '/api/v1/articles')).json()) as { articleId: number };
  if (tagName !== undefined) await world.call('admin', 'POST', `/api/v1/articles/${articleId}/tags`, { tagName });
  return articleId;
}

/** A SockJS session id nobody has used (sockjs-client makes 8 random characters). */
const freshSessionId = (): string => Math.random().toString(36).slice(2, 10);
