import type { Caller } from '../../kernel/access.ts';
import type { AppError } from '../../kernel/app-error.ts';
import type { Result } from '../../kernel/result.ts';
import { decodeAutosave, sendDestinations, type AutosaveCommand, type ReplyTopic, type SendDestination } from '../domain/autosave-messages.ts';
import type { ArticleDraftSaver, MemoEditor } from '../ports/autosave-use-cases.port.ts';

export interface AutosaveDeps {
  readonly articles: ArticleDraftSaver;
  readonly memos: MemoEditor;
}

export type ReplyBody = { readonly id: number } | { readonly id: number | null; readonly error: { readonly code: string; readonly message: string } };

/**
 * Where a reply goes (§3.2): a success to every connection of the same user subscribed to the topic (memo edits
 * are private, so never further); a failure only to the connection that sent the message.
 */
export interface AutosaveReply {
  readonly audience: 'user' | 'sender';
  readonly topic: ReplyTopic;
  readonly body: ReplyBody;
}

function run(deps: AutosaveDeps, caller: Caller, command: AutosaveCommand): Promise<Result<unknown, AppError>> {
  switch (command.kind) {
    case 'draft':
      return deps.articles.saveDraft(caller, { articleId: command.articleId, title: command.title, body: command.body, thumbnailUrl: command.thumbnailUrl });
    case 'memo':
      return deps.memos.updateMemo(caller, { memoId: command.memoId, title: command.title, content: command.content });
    case 'references':
      return deps.memos.replaceReferences(caller, { memoId: command.memoId, references: command.references });
  }
}

/**
 * Applies one autosave message from an editor: decodes it, calls the same use case as the HTTP routes (draft
 * save, memo update, reference replacement), and says what to answer and to whom. A failure changes nothing.
 */
export async function applyAutosave(deps: AutosaveDeps, caller: Caller, destination: SendDestination, body: string): Promise<AutosaveReply> {
  const topic = sendDestinations[destination];
  const failed = (id: number | null, error: AppError): AutosaveReply => ({ audience: 'sender', topic, body: { id, error: { code: error.code, message: error.message } } });
  const command = decodeAutosave(destination, body);
  if (!command.ok) return failed(command.error.id, command.error.error);
  const id = command.value.kind === 'draft' ? command.value.articleId : command.value.memoId;
  const outcome = await run(deps, caller, command.value);
  return outcome.ok ? { audience: 'user', topic, body: { id } } : failed(id, outcome.error);
}
