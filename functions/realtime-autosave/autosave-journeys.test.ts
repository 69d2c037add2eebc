import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ArticleView } from '../../shared/blog/domain/article-views.ts';
import { ADMIN_EMAIL } from '../testing/platform-env.ts';
import { FRONTEND_ORIGIN, type ApiCaller } from '../testing/api-caller.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';
import { openEditor, type Editor, type EditorOptions } from './testing/editor.ts';

const ARTICLE = '/topic/articleResponse';
const MEMO = '/topic/memoResponse';
const REFERENCES = '/topic/memoResponse/updateReferences';
const THUMBNAIL = 'https://github.com/jinia91/blogimg/blob/main/img/a.png?raw=true';

/** A raw WebSocket handshake, to see the HTTP status a refused one gets (sockjs-client only reports "failed"). */
function handshake(base: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/000/abcdefgh/websocket`, { headers });
    ws.on('upgrade', () => reject(new Error('upgraded')));
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.on('error', () => {});
  });
}

/**
 * The editors' autosave channel against the running function (the dev host, as `npm start` runs it), driven by the
 * frontend's own client libraries: journey J4 steps 2–3, 7 and 9 and J6 steps 5, 7 and 10 (the STOMP parts), the
 * access rules of the handshake and of each message, and the fallback transports.
 */
describe.each(['embedded', 'services'] as const)('autosave over SockJS + STOMP (%s profile)', (profile) => {
  let blog: WholePlatform;
  let admin: ApiCaller;
  let writer: ApiCaller;
  let stranger: ApiCaller;
  const editors: Editor[] = [];

  beforeAll(async () => {
    blog = await startTestPlatform(profile);
    [admin, writer, stranger] = await Promise.all([blog.signIn(ADMIN_EMAIL), blog.signIn('writer@example.com'), blog.signIn('stranger@example.com')]);
  });
  afterAll(async () => {
    await Promise.allSettled(editors.map((editor) => editor.close()));
    await blog?.close();
  });

  const editorOf = async (caller: ApiCaller | undefined, options: Partial<EditorOptions> = {}): Promise<Editor> => {
    const editor = await openEditor(blog.host.url, { origin: FRONTEND_ORIGIN, ...(caller ? { cookie: caller.jar.headerFor('/ws') } : {}), ...options });
    editors.push(editor);
    return editor;
  };
  const body = async <T>(caller: ApiCaller, method: string, path: string, payload?: unknown): Promise<T> => {
    const { status, body: answer } = await caller.json<T>(method, path, payload);
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const draftOf = (id: number) => body<ArticleView>(admin, 'GET', `/api/v1/articles/${id}?expectedStatus=DRAFT`);
  const newMemo = async (owner: ApiCaller) => (await body<{ memoId: number }>(owner, 'POST', '/api/v1/memos', { parentFolderId: null })).memoId;

  it('J4.2 answers /ws/info publicly, uncached, with the CORS headers of the frontend origin', async () => {
    const response = await fetch(`${blog.host.url}/ws/info?t=1`, { headers: { origin: FRONTEND_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, max-age=0');
    const info = (await response.json()) as Record<string, unknown>;
    expect(info).toMatchObject({ websocket: true, origins: ['*:*'], cookie_needed: false });
    expect(Number.isInteger(info.entropy) && (info.entropy as number) >= 0).toBe(true);
  });

  it('J4.2 refuses the WebSocket without the access cookie (401) or from another origin (403), without upgrading', async () => {
    const cookie = admin.jar.headerFor('/ws');
    const anonymous = await handshake(blog.host.url, { origin: FRONTEND_ORIGIN });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await handshake(blog.host.url, { origin: 'https://evil.example', cookie })).status).toBe(403);
    expect((await handshake(blog.host.url, { origin: FRONTEND_ORIGIN, cookie: 'jiniaslog_access=forged' })).status).toBe(401);
    await expect(editorOf(undefined)).rejects.toThrow(/closed before CONNECTED/);
  });

  it('J4.2–3, 7, 9: an ADMIN autosaves the draft (fields swapped back), every tab of theirs hears it, a USER is refused', async () => {
    const { articleId: A } = await body<{ articleId: number }>(admin, 'POST', '/api/v1/articles');
    const [tab, otherTab, userTab] = await Promise.all([editorOf(admin), editorOf(admin), editorOf(writer)]);
    tab.send('/article/updateArticle', { type: 'UpdateArticle', articleId: String(A), content: 'Hello', title: '# Body', thumbnailUrl: '' });
    expect(await tab.next(ARTICLE)).toEqual({ id: A });
    expect(await otherTab.next(ARTICLE)).toEqual({ id: A });
    expect(await draftOf(A)).toMatchObject({ title: 'Hello', content: '# Body', thumbnailUrl: '', isPublished: false });

    userTab.send('/article/updateArticle', { type: 'UpdateArticle', articleId: String(A), content: 'Hijacked', title: 'x', thumbnailUrl: '' });
    expect(await userTab.next(ARTICLE)).toMatchObject({ id: A, error: { code: 'FORBIDDEN' } });
    expect((await draftOf(A)).title).toBe('Hello');

    // J4.7: after publishing, an autosave changes the draft copy only.
    tab.send('/article/updateArticle', { type: 'UpdateArticle', articleId: String(A), content: 'Hello', title: '# Body', thumbnailUrl: THUMBNAIL });
    expect(await tab.next(ARTICLE)).toEqual({ id: A });
    expect((await admin.json('PATCH', `/api/v1/articles/${A}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).status).toBe(200);
    tab.send('/article/updateArticle', { type: 'UpdateArticle', articleId: A, content: 'New', title: null, thumbnailUrl: null });
    expect(await tab.next(ARTICLE)).toEqual({ id: A });
    expect((await body<ArticleView>(admin, 'GET', `/api/v1/articles/${A}?expectedStatus=PUBLISHED`)).title).toBe('Hello');
    expect(await draftOf(A)).toMatchObject({ title: 'New', content: '# Body', thumbnailUrl: THUMBNAIL });

    // J4.9: a DELETED article takes no edits.
    expect((await admin.json('DELETE', `/api/v1/articles/${A}`)).status).toBe(200);
    tab.send('/article/updateArticle', { type: 'UpdateArticle', articleId: String(A), content: 'Zombie', title: '', thumbnailUrl: '' });
    expect(await tab.next(ARTICLE)).toMatchObject({ id: A, error: { code: 'STATE_CONFLICT' } });

    expect(otherTab.replies(ARTICLE)).toHaveLength(3); // the successes; failures go to the sender only
    expect(userTab.replies(ARTICLE)).toHaveLength(1);
  });

  it('J6.5, 7, 10: memo autosaves and references reach the owner only; another owner is refused NOT_OWNER', async () => {
    const [M1, M2] = [await newMemo(writer), await newMemo(writer)];
    const [tab, strangerTab] = await Promise.all([editorOf(writer), editorOf(stranger)]);
    tab.send('/memo/updateMemo', { type: 'UpdateMemo', id: String(M2), title: 'Beta', content: 'b' });
    expect(await tab.next(MEMO)).toEqual({ id: M2 });
    tab.send('/memo/updateMemo', { type: 'UpdateMemo', id: String(M1), title: 'Alpha', content: `see [[Beta]]<!-- reference: ${M2} -->` });
    expect(await tab.next(MEMO)).toEqual({ id: M1 });
    tab.send('/memo/updateReferences', { type: 'UpdateReferences', id: String(M1), references: [String(M2)] });
    expect(await tab.next(REFERENCES)).toEqual({ id: M1 });
    expect(await body(writer, 'GET', `/api/v1/memos/${M1}`)).toEqual({
      memoId: M1,
      title: 'Alpha',
      content: `see [[Beta]]<!-- reference: ${M2} -->`,
      references: [{ rootId: M1, referenceId: M2 }],
    });
    expect(await body(writer, 'GET', `/api/v1/memos/${M2}/referenced`)).toEqual({ referenceds: [{ id: M1, title: 'Alpha' }] });

    // J6.7: a two-way link and a self link are refused whole.
    tab.send('/memo/updateReferences', { type: 'UpdateReferences', id: String(M2), references: [M1] });
    expect(await tab.next(REFERENCES)).toMatchObject({ id: M2, error: { code: 'VALIDATION_FAILED' } });
    tab.send('/memo/updateReferences', { type: 'UpdateReferences', id: String(M1), references: [M1] });
    expect(await tab.next(REFERENCES)).toMatchObject({ id: M1, error: { code: 'VALIDATION_FAILED' } });
    expect(await body(writer, 'GET', `/api/v1/memos/${M2}/references`)).toEqual({ references: [] });

    // J6.10: another user can neither edit M1 nor link to it, and hears none of the owner's replies.
    strangerTab.send('/memo/updateMemo', { type: 'UpdateMemo', id: String(M1), title: 'Mine now', content: '' });
    expect(await strangerTab.next(MEMO)).toMatchObject({ id: M1, error: { code: 'NOT_OWNER' } });
    const V1 = await newMemo(stranger);
    strangerTab.send('/memo/updateReferences', { type: 'UpdateReferences', id: String(V1), references: [String(M1)] });
    expect(await strangerTab.next(REFERENCES)).toMatchObject({ id: V1, error: { code: 'NOT_OWNER' } });
    expect((await body<{ title: string }>(writer, 'GET', `/api/v1/memos/${M1}`)).title).toBe('Alpha');
    expect(strangerTab.replies(MEMO)).toHaveLength(1);
    expect(tab.replies(MEMO)).toHaveLength(2);
  });

  it('answers an invalid payload on the topic to the sender only, and the connection stays usable', async () => {
    const M = await newMemo(writer);
    const [tab, otherTab] = await Promise.all([editorOf(writer), editorOf(writer)]);
    tab.send('/memo/updateMemo', 'this is not JSON');
    expect(await tab.next(MEMO)).toMatchObject({ id: null, error: { code: 'VALIDATION_FAILED' } });
    tab.send('/memo/updateMemo', { type: 'UpdateMemo', id: '12a', title: 'x' });
    expect(await tab.next(MEMO)).toMatchObject({ id: null, error: { code: 'VALIDATION_FAILED' } });
    tab.send('/memo/updateMemo', { type: 'UpdateMemo', id: String(M), title: '   ', content: 'still here' });
    expect(await tab.next(MEMO)).toEqual({ id: M });
    expect(await otherTab.next(MEMO)).toEqual({ id: M });
    expect(otherTab.replies(MEMO)).toHaveLength(1);
    expect(await body(writer, 'GET', `/api/v1/memos/${M}`)).toMatchObject({ title: 'untitled', content: 'still here' });
    expect(tab.errors).toEqual([]);
  });

  it('answers a protocol fault with a STOMP ERROR and closes the connection', async () => {
    const tab = await editorOf(writer);
    tab.send('/app/memo/updateMemo', { id: '1' });
    await tab.closed();
    expect(tab.errors.map((frame) => frame.headers.message)).toEqual(['unknown destination /app/memo/updateMemo']);
  });

  it.each(['xhr-streaming', 'xhr-polling'] as const)('works over %s (proxies without WebSocket), with the same checks', async (transport) => {
    await expect(editorOf(undefined, { transport })).rejects.toThrow(/closed before CONNECTED/);
    await expect(editorOf(writer, { transport, origin: 'https://evil.example' })).rejects.toThrow(/closed before CONNECTED/);
    const M = await newMemo(writer);
    const [tab, websocketTab] = await Promise.all([editorOf(writer, { transport }), editorOf(writer)]);
    tab.send('/memo/updateMemo', { type: 'UpdateMemo', id: String(M), title: 'Over XHR', content: '한글 본문' });
    expect(await tab.next(MEMO)).toEqual({ id: M });
    expect(await websocketTab.next(MEMO)).toEqual({ id: M });
    tab.send('/memo/updateMemo', 'broken');
    expect(await tab.next(MEMO)).toMatchObject({ id: null, error: { code: 'VALIDATION_FAILED' } });
    expect(await body(writer, 'GET', `/api/v1/memos/${M}`)).toMatchObject({ title: 'Over XHR', content: '한글 본문' });
  });
});
