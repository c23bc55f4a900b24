// The format of the contact details people type into public forms (applications, messages, error reports,
// consultation comments): one phone number (a mobile, or a fixed line with its area code) and one e-mail
// address. Shared so that every form accepts and refuses the same things.
import { isMobileNumber } from "../pii";

/** One address only: no list separators, brackets or quotes (replies are e-mailed to it). */
const EMAIL_ADDRESS =
  /^[^\s@<>"(),;:[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** Area code and local number, with an optional extension: 0472-1234567, 01012345678-123. */
const FIXED_LINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** A phone number as typed, without spaces, brackets and the +86 / 86 country code; null when empty. */
export const normalisePhone = (raw: string | undefined | null): string | null =>
  raw?.replace(/[\s()（）]/g, "").replace(/^\+?86/, "") || null;

/** A normalised phone number (normalisePhone) that is a mobile number or a fixed line with area code. */
export const isPhoneNumber = (phone: string): boolean => isMobileNumber(phone) || FIXED_LINE.test(phone);

/** A single e-mail address (trimmed by the caller). */
export const isEmailAddress = (email: string): boolean => EMAIL_ADDRESS.test(email);
