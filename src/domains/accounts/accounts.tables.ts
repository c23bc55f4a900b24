// Sessions and login attempts (migration 0014). Instants are ISO-8601 UTC strings.

export interface UserSessionTable {
  /** Random, 32 bytes base64url; the only thing the (encrypted) cookie carries. */
  id: string;
  user_id: string;
  created_at: string;
  /** Updated at most once a minute, so the idle timeout is exact to the minute. */
  last_seen_at: string;
  ended_at: string | null;
  /** `logout`, `password_change`, `disabled`, `idle`, `expired`, `replaced`. */
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
