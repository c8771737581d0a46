import { describe, expect, it } from 'vitest';
import { handBack } from '../src/rescue/rephrase.ts';

describe('handBack: the action with the rep as its subject', () => {
  it.each([
    ['Call their VP', 'Sam calls their VP'],
    // Issue 10: the rescue said again at the end is no part of the rep's step.
    ["I'll call their VP and sort the pricing, leave it with me", 'Sam calls their VP and sorts the pricing'],
    ['Send me the thread, I will sort it', 'Sam handles the thread'],
    ["cc me on the thread, I'll sort it", 'Sam handles the thread'],
    ["copy me in on the email and I'll handle it", 'Sam handles the email'],
    ["Forward me the redlines and I'll deal with them", 'Sam handles the redlines'],
    ["I'll rewrite the proposal tonight. I've got this", 'Sam rewrites the proposal tonight'],
    ["I'll call their VP myself", 'Sam calls their VP'],
    ['I will reach out to the CFO personally.', 'Sam reaches out to the CFO'],
    ['Let me rewrite the proposal for Sam', 'Sam rewrites the proposal'],
    ['Rewrite the proposal for you', 'Sam rewrites the proposal'],
    ['Take over the negotiation with procurement', 'Sam leads the negotiation with procurement'],
    ['Jump on the Acme call', 'Sam leads the Acme call'],
    ["I'm calling their CFO on Friday", 'Sam calls their CFO on Friday'],
    ['Me: reach out to Dana at Acme', 'Sam reaches out to Dana at Acme'],
    ['Fix the pricing page and send it to them', 'Sam fixes the pricing page and sends it to them'],
    ['Rewrite your email before it goes out', 'Sam rewrites their email before it goes out'],
    ['I’m going to just handle the renewal', 'Sam handles the renewal'],
    ['Do the demo', 'Sam does the demo'],
    ['Try to reach their CFO by Thursday', 'Sam tries to reach their CFO by Thursday'],
    ['I call the buyer, then email the champion', 'Sam calls the buyer, then emails the champion'],
    ['Take the pricing call off your plate', 'Sam takes the pricing call'],
    ['Pricing call with their CFO', 'Sam owns this: Pricing call with their CFO'],
    ['Leave it with me', 'Sam owns the next step'],
    // Issue 10: the hand-over preamble goes, and the step after it gets the rep as its subject.
    ["Leave it with me: I'll sort pricing with finance", 'Sam sorts pricing with finance'],
    ["Leave it with me, I'll call the CFO", 'Sam calls the CFO'],
    ['Leave this one with me - I will chase legal', 'Sam chases legal'],
    ['Leave it to me; let me talk to their VP.', 'Sam talks to their VP'],
    ['Hand it over to me and I’ll fix the proposal', 'Sam fixes the proposal'],
    ['Leave it with me to sort the contract', 'Sam sorts the contract'],
    ['Leave the pricing with me', 'Sam handles the pricing'],
    ['Let me handle pricing', 'Sam handles pricing'],
    ["I'll sort the contract", 'Sam sorts the contract'],
    ["Don't worry, I'll take care of the renewal", 'Sam takes care of the renewal'],
    ['Leave it with me: pricing for Acme', 'Sam owns this: pricing for Acme'],
  ])('%s → %s', (what, expected) => {
    expect(handBack(what, 'Sam')).toBe(expected);
  });

  it('uses the name as given, and never leaves an empty action', () => {
    expect(handBack('Ring their COO', 'Priya Shah')).toBe('Priya Shah rings their COO');
    expect(handBack('I will', 'Sam')).toBe('Sam owns the next step');
  });
});
