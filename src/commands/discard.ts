/**
 * `repcoach discard <session>`: throw away a session that was never finished
 * (started by mistake, or a test): its journal and its rows in the index. A
 * finished session is refused (its note is a record: `repcoach delete` removes both).
 */
import type { CommandContext } from './context.ts';
import { removeSession, type DeleteOptions } from './delete.ts';

export async function discard(ctx: CommandContext, opts: DeleteOptions): Promise<void> {
  await removeSession(ctx, opts, 'discard');
}
