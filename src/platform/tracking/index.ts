// Tracking without an account, shared by every domain that takes submissions from the public
// (applications now, messages next): tracking code and secret, the human check on public forms, and the
// submitter's contact fields encrypted at rest. Domain-free: callers name their own kind and columns.
export {
  CODE_ALPHABET,
  hashTrackingSecret,
  newTracking,
  newTrackingCode,
  normaliseTrackingInput,
  randomCode,
  type TrackingKind,
  verifyTrackingSecret,
} from "./code";
export { type ContactFields, contactIndex, openContact, type SealedContact, sealContact } from "./contact";
export { isEmailAddress, isPhoneNumber, normalisePhone } from "./contact-format";
export { checkHumanAnswer, newHumanCheck, publicFormProblems } from "./human-check";
