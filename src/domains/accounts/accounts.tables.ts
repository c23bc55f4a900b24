// Sessions and login attempts (migration 0014). Instants are ISO-8601 UTC strings.

export interface UserSessionTable {
  /** Random, 32 bytes base64url; the only thing the (encrypted) cookie carries. */
  id: string;
  user_id: string;
  created_at: string;
  /** Updated at most once a minute, so the idle timeout is exact to the minute. */
  last_seen_at: string;
  ended_at: string | null;
  /** `logout`, `password_change`, `disabled`, `idle`, `expired`, `replaced`, `reauth_failed`. */
  end_reason: string | null;
  /** Client address and browser at sign-in, for the user's own list of sessions. */
  address: string;
  user_agent: string;
}

export interface LoginAttemptTable {
  id: string;
  at: string;
  /** HMAC of the normalised username as typed (existing or not). */
  username_key: string;
  address: string;
  /** 1 for a successful sign-in (which makes the address trusted for that account), 0 for a failure. */
  succeeded: number;
}

export interface AccountSessionTables {
  user_sessions: UserSessionTable;
  login_attempts: LoginAttemptTable;
}

// The second factor (migration 0043).

export interface UserTotpTable {
  user_id: string;
  /** The base32 secret, encrypted with encryptField. */
  secret_enc: string;
  created_at: string;
  /** Null while enrolling: the first code from the app is not yet confirmed. */
  enabled_at: string | null;
  /** The time step of the last accepted code; a code at or before it is refused (no replay). */
  last_step: number | null;
  /** Wrong codes of the account in the window that began at failures_since (any sign-in, any address). */
  failures: number;
  failures_since: string | null;
}

export interface UserRecoveryCodeTable {
  id: string;
  user_id: string;
  /** Keyed hash (hashApiToken) of the normalised code. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface LoginChallengeTable {
  /** Random; the only thing the cookie carries between the password and the code. */
  id: string;
  user_id: string;
  /** `verify` (the user has a second factor) or `enrol` (the user's role requires one and has none yet). */
  purpose: string;
  created_at: string;
  failures: number;
  address: string;
}

export interface AccountTotpTables {
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodeTable;
  login_challenges: LoginChallengeTable;
}
