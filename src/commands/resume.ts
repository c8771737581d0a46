/** `repcoach resume [session]`: continue a paused or cut-off session where it stopped (the logic: run/resume.ts). */
import type { CommandContext } from '../config/context.ts';
import { resumeSession, type ResumeOptions } from '../run/resume.ts';
import { terminalFace } from './shared/terminal.ts';

export type { ResumeOptions };

export async function resume(ctx: CommandContext, opts: ResumeOptions): Promise<void> {
  await resumeSession(ctx, opts, () => terminalFace(ctx));
}
