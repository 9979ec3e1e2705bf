// Learner-facing words shared by the page, `podlab run` and grading feedback: backend reasons in the lesson's
// language, checks as sentences.
export { checkSentence, checkSentenceParts, ruleText, type SentencePart } from './checks.ts';
export { baseLang, REASON_TEMPLATES, translateReason, type SentenceTemplate } from './reasons.ts';
export { reasonCodeText } from './policy.ts';
export { outcomeWord } from './outcomes.ts';
