export { check, type CheckOptions } from "./check.js";
export { excerpt, type ExcerptOptions } from "./excerpt.js";
export type { Check, CheckSource, FormattingEdit, ProposalViews } from "./model.js";
