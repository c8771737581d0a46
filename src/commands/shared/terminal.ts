/** The terminal's face of a run, as run/ asks for it: the prompter and the few prompts around it. */
import type { CommandContext } from '../../config/context.ts';
import type { ResumeFace } from '../../run/resume.ts';

/** The terminal's prompter, loaded once a session is open. */
export async function terminalFace(ctx: CommandContext): Promise<ResumeFace> {
  const { askLine, createTerminalPrompter, describeAnswer } = await import('../../prompts/index.ts');
  return {
    prompter: (start) =>
      createTerminalPrompter({ colorLevel: ctx.color, output: ctx.stdout, now: ctx.now, newActionId: ctx.newId, names: { rep: start.rep.name, manager: start.manager } }),
    describeAnswer,
    askFolder: (m) => askLine(m, ctx.stderr),
  };
}
