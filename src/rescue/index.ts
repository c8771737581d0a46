/**
 * The rescue mirror (issue 5), for other commands to use: `show --json` and
 * `export` call rescueReport, the index stores each session's rescuePoint
 * figures, `stats` groups them with trendOfPoints, `playbook validate` calls
 * lintQuestions. Internal files are not part of this API; code on a fast path
 * (the index, `stats`) imports the one file it needs, so the detection lists
 * and the YAML library do not load with it.
 */
export { detectRescue, type Finding, type RescueOptions } from './detect.ts';
export { CATEGORIES, type Category } from './lexicon.ts';
export { handBack } from './rephrase.ts';
export { possibleRescues, pendingRescues, sessionRescueOptions, type LedgerItem, type OwnershipAnswer, type OwnershipRequest } from './ledger.ts';
export { rescueReport, adviceBeforeInquiry, type RescueReport, type LedgerLine, type LanguageLine, type AdviceBeforeInquiry, type SelfCheckLine } from './report.ts';
export { rescuePoint, rescueTrend, type RescuePoint, type RescueTrend, type RescueTotals, type RescueSeries } from './trend.ts';
export { rescueTotals, trendOfPoints } from './series.ts';
export { lintQuestions, judgeQuestion } from './question-lint.ts';
export { rescueSettings } from './settings.ts';
export { isManagerSelfCheck, MANAGER_SELF_CHECK } from './self-check.ts';
export { markFindings } from './format.ts';
