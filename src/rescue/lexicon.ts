/**
 * What the rescue detector looks for: data, not code (docs/rescue.md).
 *
 * A rescue here is the manager taking the rep's work or the rep's buyer for
 * themselves: saying it ("I'll call their VP"), offering it ("Want me to take
 * the call?"), planning it ("Action: I rewrite the proposal") or asking for the
 * deal to be handed over ("Send me the thread", "Leave it with me").
 *
 * Patterns are written in a small language (see pattern.ts): plain words; the
 * first word of a predicate matches any form of the verb; (a|b) alternatives,
 * a trailing ? for optional; <buyer>, <work>, <deal>, <meeting>, <doc>, <it>,
 * <lead>, <handover> for a noun phrase of that kind; <np> for any short noun
 * phrase; <boost> for "myself", "personally", "for you"…; * for a few words.
 */

export const CATEGORIES = {
  takeover: {
    title: 'Taking the deal over',
    reason: 'The deal moves today, but it stops being the rep’s: they learn that someone senior will catch it.',
    alternative: 'Ask: “What’s your next move?”',
  },
  buyer: {
    title: 'Going to the buyer yourself',
    reason: 'You step into the rep’s relationship with the buyer; next time the buyer will wait for you.',
    alternative: 'Ask: “Who on their side needs to hear from you, and what will you say?” Offer to role-play it.',
  },
  meeting: {
    title: 'Running the rep’s call or meeting',
    reason: 'The rep watches instead of doing, and the buyer learns who really decides.',
    alternative: 'Ask: “How do you want to run it?” Prepare it together, or sit in and stay quiet.',
  },
  work: {
    title: 'Doing the rep’s work',
    reason: 'Rewriting or building it yourself fixes this one and skips the rep’s learning.',
    alternative: 'Ask: “Which part are you least sure about?” Review their draft instead of rewriting it.',
  },
  handover: {
    title: 'Asking for the deal to be handed over',
    reason: '“Send it to me” moves ownership to you before the rep has thought it through.',
    alternative: 'Ask: “Walk me through it: what do you think is going on, and what will you do?”',
  },
  shield: {
    title: 'Shielding the rep from something new',
    reason: 'Absorbing the new or hard part yourself keeps the rep in old habits.',
    alternative: 'Ask: “Which part would you like to try first?” Learn it side by side.',
  },
  custom: {
    title: 'Rescue language your team listed',
    reason: 'It matches a phrase your settings or playbook mark as rescue language.',
    alternative: 'Ask: “What’s your next move?”',
  },
} as const;

export type Category = keyof typeof CATEGORIES;

/** Offers are rescues too; the reason says so. */
export const OFFER_PREFIX = 'Offering it is still taking it: ';

/** Nouns by kind. Multi-word entries are matched as adjacent words. */
export const NOUNS = {
  buyer: [
    'vp', 'svp', 'evp', 'avp', 'cfo', 'ceo', 'cio', 'cto', 'coo', 'cro', 'cmo', 'ciso', 'cpo', 'founder', 'co-founder',
    'president', 'director', 'head', 'buyer', 'buyers', 'customer', 'customers', 'client', 'clients', 'prospect',
    'prospects', 'champion', 'champions', 'sponsor', 'decision-maker', 'decision-makers', 'decision maker',
    'economic buyer', 'procurement', 'purchasing', 'stakeholder', 'stakeholders', 'board', 'committee', 'exec',
    'execs', 'executive', 'executives', 'counterpart', 'gatekeeper', 'contact', 'chair',
  ],
  meeting: [
    'call', 'calls', 'meeting', 'meetings', 'demo', 'demos', 'negotiation', 'negotiations', 'presentation', 'pitch',
    'conversation', 'conversations', 'discussion', 'qbr', 'ebr', 'workshop', 'follow-up call', 'talking', 'negotiating',
    'selling', 'pitching', 'presenting', 'closing',
  ],
  doc: [
    'proposal', 'proposals', 'deck', 'slides', 'email', 'emails', 'e-mail', 'reply', 'response', 'quote', 'quotation',
    'pricing', 'price', 'discount', 'contract', 'terms', 'redlines', 'rfp', 'rfi', 'rfq', 'tender', 'business case',
    'roi', 'sow', 'order form', 'action plan', 'close plan', 'draft', 'message', 'follow-up', 'followup', 'one-pager',
    'executive summary', 'cover letter', 'section', 'paragraph', 'wording', 'messaging', 'slide', 'questionnaire',
    'questionnaires',
  ],
  deal: [
    'deal', 'deals', 'account', 'renewal', 'opportunity', 'opp', 'relationship', 'close', 'objection', 'objections',
    'thread', 'situation', 'mess', 'escalation', 'signature', 'po', 'purchase order', 'next step', 'next steps', 'ai',
    'paperwork', 'whole thing',
  ],
  /** Whole noun phrases that stand for "the rep's thing". */
  it: ['it', 'this', 'that', 'this one', 'that one', 'the rest', 'everything', 'the whole thing', 'things', 'this bit', 'that bit', 'this part', 'that part'],
  lead: ['lead', 'point', 'charge', 'control', 'wheel', 'reins', 'helm', 'ownership'],
  /** What a manager asks for when taking a deal over. */
  handover: [
    'thread', 'chain', 'emails', 'correspondence', 'number', 'contact', 'contacts', 'details', 'account', 'deal',
    'renewal', 'opportunity', 'relationship',
  ],
};

export type NounKind = keyof typeof NOUNS | 'work' | 'np' | 'person';

/** Composite kinds. */
export const KIND_GROUPS: Record<string, ReadonlyArray<keyof typeof NOUNS>> = {
  work: ['meeting', 'doc', 'deal'],
};

/** "myself", "for you"… : what turns a vague "I'll do it" into taking it over. */
export const BOOSTS = [
  'myself', 'personally', 'for you', 'for them', 'for him', 'for her', 'on your behalf', 'off your plate',
  'off your hands', 'instead of you',
];

/** Said with the manager as subject (I'll…, let me…, want me to…, or an action the manager owns). */
export const PREDICATES: ReadonlyArray<{ category: Category; patterns: readonly string[]; support?: readonly string[] }> = [
  {
    category: 'buyer',
    patterns: [
      '(call|phone|ring|email|e-mail|ping|message|text|contact|chase|visit|meet|reach|call up|loop in) <buyer>',
      'reach out to <buyer>',
      'get (in touch|hold) (with|of) <buyer>',
      '(get|jump|hop) on (the|a) (phone|call|zoom|teams|video call|meet) with <buyer>',
      '(give|drop|shoot|send) <buyer> (a|an) (call|ring|buzz|shout|line|note|email|message|text|ping)',
      '(swing|stop|drop|pop) by <buyer>',
      '(write|get) back to <buyer>',
      'escalate (it|this|that)? to <buyer>',
      '(talk|bring|win) <buyer> (round|around|over)',
      '(lean on|put pressure on) <buyer>',
      '(put a|put in a) (good|quiet)? word (in)? with <buyer>',
      '(tell|inform|warn|update) <buyer> (about|that|of|on|we|it|the|our)',
      '(work|go after) <buyer>',
      'have (the|a) <meeting> with <buyer>',
      '(talk|speak|meet|sit down|follow up|negotiate|chat) with <buyer>',
      '(talk|speak|write|reply|respond|go back|escalate|go|pitch|present|reach out) to <buyer>',
      'have a word with <buyer>',
      'take <person>',
      '(make|place) the call to <buyer>',
      'make the call $',
      '(have|get) <doc> (over)? to <buyer>',
      'make contact with <buyer>',
      'call in a (favour|favor) with <buyer>',
      'reach out (myself|personally|directly)',
      '(call|ring|phone|email|text|ping|message|contact) (him|her|them) <boost>',
      'be the one (talking|speaking|dealing|negotiating) (to|with) <buyer>',
      'get in front of <buyer>',
      'get <buyer> on (the|a) (phone|call|line)',
      'go (over|above|around) <np> (head|heads)',
      'go around <buyer>',
      'be (the|their) (main|primary|single|only)? (point of contact|contact|point person|go-to|go-to person)',
      'be the (main|primary|single|only)? (point of contact|contact|point person|go-to|go-to person) (for|with) <buyer|deal>',
      '(get|convince|persuade|push) <buyer> to (sign|agree|commit|move|approve|close|buy)',
      '(work|use|tap|tap into|call on|lean on) my (contacts|network|relationships|connections|friends) (at|in|with|inside) <np>',
      // Pronouns with nothing after them: in a coaching talk, "them" is almost always the buyer.
      '(call|phone|ring|email|e-mail|ping|message|text|contact|chase|visit|meet) (him|her|them) $',
      '(give|drop|shoot|send) (him|her|them) (a|an) (call|ring|buzz|shout|line|note|email|message|text|ping)',
      '(put|place) (a|the) call (in)? (to|into) <buyer>',
      'reach out $',
    ],
  },
  {
    category: 'buyer',
    patterns: ['(set up|book|arrange|schedule|grab|find) (time|some time|a call|a meeting|a slot) with <buyer>'],
    // Setting up a meeting for the rep is an introduction.
    support: ['for you', 'for (him|her|them)', 'so you can'],
  },
  {
    category: 'meeting',
    patterns: [
      '(run|lead|take|do|present|host|chair|front|open|kick off) <meeting>',
      '(jump|hop|get) on <meeting|it>',
      'do the talking',
      'negotiate <deal|doc>',
      'negotiate',
      '(present|pitch) <doc|it>',
      'pitch <buyer>',
      'demo <it>',
      '(demo|present|pitch) <np> to <buyer>',
      '(hop|jump) on $',
      '(run|lead|take|do|handle|present) <np> of <meeting>',
      '(hop|jump) on with <buyer>',
      '(lead|present|front|chair) $',
      'do the (demo|pitch|presentation|negotiation|negotiating|closing)',
    ],
  },
  {
    category: 'work',
    patterns: [
      '(rewrite|re-write|redo|rework|redraft|rebuild|fix|edit|polish|redline|tidy up|clean up|tighten up|tweak|reword|rephrase|restructure|sharpen|improve|punch up|beef up) <work|it>',
      'work on <doc>',
      '(rewrite|re-write|redo|rework|redraft|rebuild|fix|edit|polish|tweak|reword|rephrase|restructure|sharpen|improve) <np> (in|on|of) <doc>',
      '(rewrite|redo|rework|redraft|fix|edit|polish|write|draft) <np> <boost>',
      '(draft|write|build|update|finish|craft) <doc>',
      '(prepare|prep) <doc|meeting>',
      '(write|finish|prepare|build|do) <it> <boost>',
      'put together <doc>',
      '(fill in|fill out|complete) <doc>',
      'fill <it|doc> (in|out)',
      'put <doc|it> together',
      'send <doc|it> (over)? to <buyer>',
      '(send|write|give|email) <buyer> <doc>',
      '(answer|respond to|reply to) <deal|buyer>',
      '(answer|respond to|reply to) (their|the|that|this|his|her) <doc>',
      '(answer|reply to|respond to) (it|them) $',
      '(have|take) a (go|crack|stab|pass) at <work|it|buyer>',
      'do <doc|deal>',
    ],
  },
  {
    category: 'takeover',
    patterns: [
      '(handle|manage|own|close|close out|save|rescue|salvage|sort out|sort|take care of|deal with|drive|chase) <work|buyer>',
      '(handle|close|save|rescue|salvage|sort out|sort|take care of|deal with|fix) <it>',
      '(wrap up|tie up|finish off|close off) <work|it>',
      '(knock|whip|lick|get|beat|pull) <work|it> into shape',
      '(own|run|lead|do|take) <it> <boost>',
      '(sort|close|smooth) <it> (out|over)',
      '(pull|bring|drag|get) <deal|it> back',
      'smooth over <np>',
      'take over',
      'take <deal>',
      'take <it> over',
      'take (the)? <lead>',
      'take (this|that) one',
      '(take|pick|run|handle|drive|carry) <it> (up|on)? from (here|there)',
      '(take|pick up|run|handle|drive) <work|buyer> from (here|there)',
      'take (it|this|that|this one|that one) $',
      '(handle|do|sort|fix|take care of) (it|this|that|this one) $',
      'pick up from (here|there)',
      'pick up <work|buyer>',
      'take <np> off (your|his|her|their) (plate|hands)',
      '(step|jump|swoop|dive|wade) in',
      'get involved',
      'get <deal|it> (over|across) the line',
      'get <work|buyer|it> (closed|signed|done|unstuck|back on track|sorted|fixed|moving)',
      '(quarterback|babysit|shepherd) <work|it>',
      'run with <it|deal>',
      'run point',
      'step into <work|buyer>',
      'be the one who (closes|calls|handles|takes)',
    ],
  },
  {
    category: 'shield',
    patterns: ['translate <np> for <np>'],
  },
];

/** Rescues that carry their own first person: "leave it with me", "send me the thread". */
export const HANDOVERS: ReadonlyArray<{ category: Category; patterns: readonly string[] }> = [
  {
    category: 'takeover',
    patterns: [
      'leave <np> (with|to) me',
      'i have got this',
      'i have got this one',
      'i got this',
      'i have got it covered',
      'i (have)? got <buyer> $',
      'over to me',
      'escalate (it|this)? to me',
    ],
  },
  {
    category: 'handover',
    patterns: [
      '(send|forward|give|pass|get|hand) me <handover>',
      '(hand|pass|give|send|forward|turn|move|transfer|reassign|bring) <handover|it> (over)? to me',
      '(hand|pass|turn) over <handover|it> to me',
    ],
  },
  {
    category: 'meeting',
    patterns: [
      '(get|put|bring|pull) me (in|into|on|onto) <meeting>',
      '(get|put|bring|pull) me in on <meeting>',
      '(get|put) me in front of <buyer>',
      '(get|put) <buyer> in touch with me',
      '(set up|book|arrange|schedule) <meeting> with me and <buyer>',
      '(get|set up|book|arrange) me <meeting> with <buyer>',
    ],
  },
];

/**
 * The rep's thing said to be the manager's, in the passive or as a noun:
 * "the CFO call will be handled by me", "pricing is on me now", "their VP is
 * mine". Any tense but the past; their own first person, like HANDOVERS.
 */
export const OWNED_BY_ME: ReadonlyArray<{ category: Category; patterns: readonly string[] }> = [
  {
    category: 'takeover',
    patterns: [
      '(handled|run|led|done|rewritten|redone|reworked|taken|owned|covered|managed|closed|written|drafted|presented|negotiated|sorted|fixed|answered|chased|dealt with|looked after|taken care of|taken over|picked up|followed up|sorted out|called|phoned|rung|emailed) by me',
      '<work|buyer> (is|are|\'s|will be) (all)? (on|with|down to) me',
      '<work|buyer> (is|are|\'s|will be) (all)? mine',
      'consider <work|buyer> mine',
      '<work|buyer> * (go|goes|come|comes|run|runs|get routed|are routed) (through|via) me',
      '<buyer> (will)? (deal|deals|talk|talks|work|works|speak|speaks) (with|to) me (directly|only|now|from here|going forward|from now on)',
      '<work|buyer> (will|can|should) come from me',
      '<work|buyer> * (will|can|should) (go out|come out|be sent) (from|by|under) me',
    ],
  },
];

/**
 * Support, not rescue: said after a would-be rescue, in the same clause, these
 * keep the deal with the rep ("I'll call their CFO to introduce you").
 */
export const SUPPORT = [
  'introduce', 'intro', 'introduction', 'connect you', 'put you in touch', 'between you and', 'approve', 'sign off',
  'sign-off', 'you (will)? (lead|run|drive|own)', 'you do the talking', 'for you to (lead|run|own|take)', 'for (a)? review',
  'to review', 'so i can review', 'for (your)? (feedback|comments)',
  'for a (look|read|once-over|check|glance|second look|sense check)', 'so i can (look|check|have a look)',
  // Reading to understand while the rep keeps the plan (issue 13).
  'so i can (understand|see|read|follow|learn|get context|get up to speed|get a feel|catch up)',
  'to (understand|get context|get up to speed|catch up on)', 'your plan (stands|holds|is still)', 'you keep (running|owning|leading|driving) (it)?', 'you keep the (plan|lead)',
  'so i (have|know|understand|get) (the)? (background|context|picture|full picture|history|gist)', 'so i know what',
  // Doing it with the rep: "I'll hop on a call with you before you ring them".
  'with you', 'together',
];

/**
 * Words that make a meeting or a document the manager's own job, not the
 * rep's deal: "I'll run the forecast call", "I'll rewrite the onboarding guide".
 */
export const OWN_WORK = [
  'forecast', 'pipeline', 'team', "team's", 'internal', 'standup', 'stand-up', 'offsite', 'kickoff', 'hiring',
  'onboarding', 'commission', 'commissions', 'territory', 'interview', 'interviews', 'expense', 'expenses',
  'headcount', 'one-to-one', '1:1', 'training', 'all-hands', 'quarterly', 'weekly', 'monthly', 'recording', 'guide',
];

/** Practice for the rep's meeting, not the meeting: "a quick role-play of the pricing call". */
export const PRACTICE = ['role-play', 'roleplay', 'rehearsal', 'practice', 'debrief', 'recap', 'post-mortem', 'run-through', 'dry'];

/**
 * Chat spellings, read as their full words before any rule looks at them
 * ("ill call em" is "I will call them"). Each keeps the offsets of what was typed.
 */
export const CHAT_SPELLINGS: Record<string, readonly string[]> = {
  ill: ['i', 'will'], im: ['i', 'am'], ive: ['i', 'have'], dont: ['do', 'not'], didnt: ['did', 'not'],
  doesnt: ['does', 'not'], isnt: ['is', 'not'], wont: ['will', 'not'], cant: ['can', 'not'], wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'], couldnt: ['could', 'not'], havent: ['have', 'not'], wasnt: ['was', 'not'],
  youll: ['you', 'will'], youre: ['you', 'are'], theyll: ['they', 'will'], u: ['you'], ur: ['your'], ya: ['you'],
  w: ['with'], em: ['them'], gimme: ['give', 'me'], tmrw: ['tomorrow'], tmr: ['tomorrow'], tmrrw: ['tomorrow'],
  pls: ['please'], plz: ['please'], b4: ['before'], thru: ['through'], tho: ['though'],
};

/** After these, "ill" is the adjective ("she is ill"), not "I'll". */
export const ILL_ADJECTIVE_AFTER = ['is', 'am', 'are', 'was', 'were', 'be', 'been', 'feel', 'feels', 'felt', 'fell', 'very', 'so', 'seriously', 'got', 'off'];

/** Labels in a note that say who does a step: "owner: me", "DRI: me". */
export const OWNER_LABELS = ['owner', 'owners', 'dri', 'who', 'lead', 'point', 'assignee', 'assigned'];

/** Verbs of going somewhere to do it: "I'm flying out to close it". */
export const MOTION_VERBS = [
  'fly', 'flying', 'head', 'heading', 'go', 'come', 'coming', 'drive', 'driving', 'pop', 'popping', 'travel', 'travelling',
  'traveling', 'nip', 'nipping', 'swing', 'swinging', 'run', 'jump',
];

/** Speaker labels in a transcript ("Rep: I'll call their CFO"): the rep's words are the rep's plan. */
export const REP_SPEAKERS = ['rep', 'ae', 'sdr', 'bdr', 'seller', 'salesperson', 'am', 'csm'];
/** Speaker labels that give the words back to the manager. */
export const MANAGER_SPEAKERS = ['manager', 'mgr', 'me', 'coach', 'lead', 'director', 'vp', 'head'];

/** Spoken fillers, dropped before the rules look ("um I'll uh call them"). */
export const FILLERS = ['um', 'umm', 'uh', 'uhh', 'uhm', 'erm', 'er', 'hmm', 'mm', 'ah'];

/** Said right after the work ("the reply to HR", "the form for IT"), these make it internal, not the rep's deal. */
export const INTERNAL_RECIPIENTS = ['hr', 'payroll', 'recruiting', 'recruiter', 'recruiters', 'ops', 'facilities', 'it'];

/** "The call is on me to book": arranging it, not taking it. */
export const LOGISTICS = ['book', 'schedule', 'reschedule', 'arrange', 'organise', 'organize', 'set', 'find', 'move', 'invite', 'sort'];

/** After "me to", these make the manager the one acting; others ("expect me to", "asked me to") do not. */
export const ME_TO_OWN = ['want', 'wants', 'like', 'need', 'needs', 'prefer', 'rather', 'for', 'let'];

/** Said after a clause, these end it for a pattern's `$`: "I'll call them tonight". */
export const CLAUSE_TAIL = [
  'today', 'tonight', 'tomorrow', 'now', 'first', 'asap', 'later', 'soon', 'instead', 'then', 'again', 'too', 'please',
  'myself', 'personally', 'directly', 'quickly', 'for', 'if', 'from', 'this', 'next', 'when', 'and', 'but', 'so',
];

/** Said before a would-be rescue in the same sentence, these name the reflex instead of acting on it. */
export const RESTRAINT = [
  'instinct', 'urge', 'urges', 'tempted', 'temptation', 'tempting', 'reflex', 'habit', 'resist', 'resisting',
  'resisted', 'refrain', 'avoid', 'avoiding', 'hold back', 'holding back', 'stop myself', 'catch myself', 'used to',
  'hold off', 'holding off', 'stay out of', 'staying out of', 'keep out of',
];

/**
 * After "if I…", these name what the rescue would cost, so it is not a plan:
 * "If I call their CFO, you lose the relationship".
 */
export const CONDITIONAL_DOUBT = [
  'lose', 'loses', 'never', 'undercut', 'undercuts', 'undermine', 'undermines', 'let us not', 'rely on me',
  'depend on me', 'wait for me', 'learn nothing', 'would you learn', 'would that', 'what then',
];

/** Said between "I" and the rescue, or just before a "me" phrase, these turn it down. */
export const DECLINE = ['not', 'never', 'no', 'instead of', 'rather than', 'without', 'no need to', 'no longer'];

/**
 * The general rule behind the lists: the manager as the subject of any action
 * aimed at someone clearly on the buyer's side ("I'll pick up the phone to
 * their CRO"). These say who is clearly on the buyer's side.
 */
export const BUYER_REACH = {
  /** Always the buyer's people, with "the", "a" or nothing before them. */
  external: ['customer', 'customers', 'client', 'clients', 'prospect', 'prospects', 'buyer', 'buyers', 'champion', 'economic buyer', 'decision-maker', 'decision-makers', 'decision maker', 'procurement'],
  /** The buyer's people only after "their", "Acme's", "your" ("their CFO", "their legal team"). */
  after: [
    'vp', 'svp', 'evp', 'avp', 'cfo', 'ceo', 'cio', 'cto', 'coo', 'cro', 'cmo', 'ciso', 'cpo', 'cdo', 'founder', 'president',
    'director', 'head', 'board', 'committee', 'exec', 'execs', 'executive', 'executives', 'chair', 'gm', 'lead', 'team',
    'legal', 'lawyers', 'counsel', 'finance', 'security', 'people', 'side', 'office', 'folks', 'boss', 'contact', 'sponsor',
    'champion', 'stakeholder', 'stakeholders', 'procurement', 'purchasing', 'buyer', 'buyers',
  ],
  /** Verbs that aim at the buyer without taking the deal over: thinking, waiting, role-play, presence. */
  benign: [
    'think', 'know', 'wonder', 'check', 'learn', 'read', 'review', 'look', 'listen', 'watch', 'wait', 'introduce', 'connect',
    'approve', 'support', 'help', 'thank', 'coach', 'play', 'pretend', 'imagine', 'be', 'find', 'let', 'tell', 'show', 'share',
    'brief', 'sit', 'join', 'stay', 'keep', 'prep', 'prepare', 'research', 'observe', 'shadow', 'note', 'remember', 'worry',
    'hope', 'trust', 'see', 'hear', 'understand', 'consider', 'mention', 'flag', 'cc', 'copy', 'say', 'feel',
  ],
  /** Said in the same clause, these make it the rep's meeting or a shared one. */
  support: ['for you', 'with you', 'together', 'you and', 'alongside you', 'for you and'],
};

// ---------------------------------------------------------------------------
// Words the subject search reads (detect.ts)

/** Adverbs that may stand between the subject and the verb ("I'll just call…"). */
export const ADVERBS_LIST: readonly string[] = [
  'just', 'also', 'then', 'personally', 'directly', 'quickly', 'simply', 'really', 'actually', 'probably',
  'definitely', 'happily', 'gladly', 'certainly', 'first', 'now', 'still', 'always', 'only', 'even', 'right',
  'immediately', 'straight', 'myself', 'happy', 'glad', 'maybe', 'perhaps', 'possibly', 'totally', 'easily',
];

/** Other people as subjects. */
export const SUBJECTS_LIST: readonly string[] = ['we', 'they', 'he', 'she', 'someone', 'somebody', 'everyone', 'everybody', 'nobody', 'anyone', 'us'];

/** "ask Sam to call…", "get finance to sign off…": the word before "to" is the subject of what follows. */
export const INFINITIVE_SUBJECTS_LIST: readonly string[] = [
  'you', 'him', 'her', 'them', 'us', 'team', 'finance', 'legal', 'someone', 'everyone', 'rep', 'reps', 'sdr', 'se',
  'colleague', 'colleagues', 'ops', 'marketing', 'partner',
];

/** Before "you", these make it an object ("call you", "with you"). */
export const TAKES_YOU_LIST: readonly string[] = [
  'call', 'tell', 'send', 'give', 'show', 'ask', 'introduce', 'email', 'ping', 'help', 'let', 'see', 'thank', 'invite',
  'update', 'brief', 'coach', 'remind', 'join', 'meet', 'text', 'message', 'get', 'put', 'bring', 'want', 'need',
  'expect', 'with', 'to', 'for', 'at', 'from', 'by', 'of', 'about', 'than', 'like', 'after', 'before', 'back', 'trust',
  'support', 'leave', 'hear', 'pay', 'connect', 'walk', 'talk',
];

/** "Would it be OK if I…", "would it help if I…": an offer. */
export const OFFER_IF_LIST: readonly string[] = ['ok', 'okay', 'alright', 'fine', 'help', 'mind'];

/** "Happy to take the next call": an offer with the "I'm" left out. */
export const OFFER_WORDS_LIST: readonly string[] = ['happy', 'glad', 'keen', 'willing'];

/** Verbs of speech: quoted words after them are reported, not said now. */
export const SPEECH_LIST: readonly string[] = ['said', 'say', 'says', 'saying', 'told', 'tell', 'telling', 'wrote', 'heard', 'hear', 'asked', 'replied', 'called'];
