import { randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor, Deps, Executor } from "../../deps";
import { decryptField, encryptField, hashApiToken } from "../../platform/crypto";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { formatShanghai } from "../../platform/time";
import {
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  verifyTotp,
} from "../../platform/totp";
import { lockForUpdate } from "../../platform/workflow/locked-step";
import { recordAudit } from "../audit";
import { reauthenticate } from "./accounts.reauth";
import * as repo from "./accounts.repo";
import { actorOf, type CurrentUser, presentUser } from "./accounts.service";
import { openSession, type SessionClient } from "./accounts.sessions";

/*
 * The staff second factor (docs/security.md, "Second factor"). After the password, a user with an enabled
 * TOTP secret, or one whose role requires it (config.totpRequiredRoles), gets a login challenge instead of a
 * session: a row whose id is the only thing the cookie carries. The challenge lives CHALLENGE_MINUTES and
 * allows MAX_CHALLENGE_FAILURES wrong codes, counted in the row (replaying an older cookie resets nothing);
 * then the password is asked again, under the login throttle. Each code is accepted once (last_step). A
 * recovery code works once in place of a code. An administrator of the user's organisation can reset the
 * second factor (the user enrols again at the next sign-in); every step is audited.
 */

export const CHALLENGE_MINUTES = 10;
export const MAX_CHALLENGE_FAILURES = 5;
/**
 * Wrong codes of one account, over every sign-in and address, within loginLockMinutes, before its code step
 * pauses until the window ends: a right password starts a new challenge, but not a fresh allowance of guesses
 * (a million codes at 10 a window is a guess a century).
 */
export const MAX_ACCOUNT_CODE_FAILURES = 10;
const ISSUER_FALLBACK = "政务公开平台";

export type ChallengePurpose = "verify" | "enrol";

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** Unused recovery codes. */
  recoveryLeft: number;
  /** The user's roles require a second factor (config.totpRequiredRoles). */
  required: boolean;
}

const secretKey = (deps: Pick<Deps, "config">) => deps.config.secretKey;
const hashCode = (deps: Pick<Deps, "config">, code: string) =>
  hashApiToken(secretKey(deps), `recovery:${code}`);

export const totpRequiredFor = (deps: Pick<Deps, "config">, roles: readonly string[]): boolean =>
  roles.some((r) => deps.config.totpRequiredRoles.includes(r));

export async function totpStatus(deps: Deps, user: Pick<CurrentUser, "id" | "roles">): Promise<TotpStatus> {
  const db = deps.db.kysely;
  const row = await db.selectFrom("user_totp").selectAll().where("user_id", "=", user.id).executeTakeFirst();
  const left = await db
    .selectFrom("user_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return {
    enabled: !!row?.enabled_at,
    enabledAt: row?.enabled_at ?? null,
    recoveryLeft: Number(left.n),
    required: totpRequiredFor(deps, user.roles),
  };
}

/** The ids of users (of a list) with an enabled second factor, for the account list. */
export async function usersWithTotp(deps: Pick<Deps, "db">, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await deps.db.kysely
    .selectFrom("user_totp")
    .select("user_id")
    .where("user_id", "in", userIds)
    .where("enabled_at", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * What follows a correct password: a session at once, or a challenge (its id for the cookie) when the user has
 * a second factor (`verify`) or must enrol one (`enrol`).
 */
export async function afterPassword(
  deps: Deps,
  user: CurrentUser,
  client: SessionClient,
): Promise<{ session: string } | { challenge: string; purpose: ChallengePurpose }> {
  const status = await totpStatus(deps, user);
  if (!status.enabled && !status.required)
    return { session: await openSession(deps.db.kysely, deps.clock, user.id, client) };
  const purpose: ChallengePurpose = status.enabled ? "verify" : "enrol";
  const id = randomBytes(32).toString("base64url");
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    // Challenges of anyone older than their lifetime go; one user has at most a few open at a time.
    await trx
      .deleteFrom("login_challenges")
      .where("created_at", "<", new Date(now.getTime() - CHALLENGE_MINUTES * 60_000).toISOString())
      .execute();
    await trx
      .insertInto("login_challenges")
      .values({
        id,
        user_id: user.id,
        purpose,
        created_at: now.toISOString(),
        failures: 0,
        address: client.address.slice(0, 100),
      })
      .execute();
  });
  return { challenge: id, purpose };
}

const challengeGone = () =>
  new AppError("totp_challenge_expired", 401, "验证已超时或失败次数过多，请重新输入用户名和密码。");

async function loadChallenge(deps: Deps, trx: Transaction<Database>, id: string) {
  const q = await lockForUpdate(
    deps.db.dialect,
    trx.selectFrom("login_challenges").selectAll().where("id", "=", id),
    () =>
      trx
        .updateTable("login_challenges")
        .set((eb) => ({ failures: eb.ref("failures") }))
        .where("id", "=", id)
        .execute(),
  );
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const age = deps.clock.now().getTime() - new Date(row.created_at).getTime();
  if (age > CHALLENGE_MINUTES * 60_000 || row.failures >= MAX_CHALLENGE_FAILURES) {
    await trx.deleteFrom("login_challenges").where("id", "=", id).execute();
    return undefined;
  }
  return row;
}

/** The user a live challenge belongs to (for the code page), or undefined when it is gone. */
export async function challengeUser(
  deps: Deps,
  id: string,
): Promise<{ user: CurrentUser; purpose: ChallengePurpose } | undefined> {
  const row = await deps.db.kysely
    .selectFrom("login_challenges")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const age = deps.clock.now().getTime() - new Date(row.created_at).getTime();
  if (age > CHALLENGE_MINUTES * 60_000 || row.failures >= MAX_CHALLENGE_FAILURES) return undefined;
  const found = await repo.findUserById(deps.db.kysely, row.user_id);
  if (!found || found.disabled) return undefined;
  const user = await presentUser(deps, found);
  return user && { user, purpose: row.purpose as ChallengePurpose };
}

const wrongCode = (left: number) =>
  new AppError("totp_invalid", 401, `验证码不正确或已使用过，还可以再试 ${left} 次。`, [
    { field: "code", code: "totp_invalid", message: `验证码不正确或已使用过，还可以再试 ${left} 次。` },
  ]);

async function failChallenge(
  deps: Deps,
  trx: Transaction<Database>,
  row: { id: string; failures: number; user_id: string },
  user: CurrentUser,
): Promise<AppError> {
  const failures = row.failures + 1;
  if (failures >= MAX_CHALLENGE_FAILURES)
    await trx.deleteFrom("login_challenges").where("id", "=", row.id).execute();
  else await trx.updateTable("login_challenges").set({ failures }).where("id", "=", row.id).execute();
  await recordAudit(trx, deps.clock, actorOf(user), {
    action: "auth.totp_failed",
    entityType: "user",
    entityId: user.id,
    summary: { failures },
  });
  return failures >= MAX_CHALLENGE_FAILURES ? challengeGone() : wrongCode(MAX_CHALLENGE_FAILURES - failures);
}

/**
 * Checks a code (or a recovery code) for a `verify` challenge and opens the session: one transaction that
 * locks the challenge, so two requests with the same cookie cannot both pass, and a code used once is refused.
 */
export async function verifyChallenge(
  deps: Deps,
  challengeId: string,
  typed: string,
  client: SessionClient,
): Promise<{ session: string; user: CurrentUser; recoveryUsed: boolean }> {
  // The user is read first (presentUser reads outside any transaction); the locked challenge must still be theirs.
  const pending = await challengeUser(deps, challengeId);
  if (pending?.purpose !== "verify") throw challengeGone();
  const { user } = pending;
  // A wrong code is counted and audited: that write must commit, so the refusal is returned, not thrown.
  const outcome = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await loadChallenge(deps, trx, challengeId);
    if (row?.purpose !== "verify" || row.user_id !== user.id) return { error: challengeGone() };
    // The secret's row is locked too: two challenges of one user with the same code, one wins (last_step).
    const totp = await lockTotpRow(deps, trx, user.id);
    if (!totp?.enabled_at) return { error: challengeGone() };
    const now = deps.clock.now();
    const windowMs = deps.config.loginLockMinutes * 60_000;
    const inWindow =
      totp.failures_since && now.getTime() - new Date(totp.failures_since).getTime() < windowMs;
    if (inWindow && totp.failures >= MAX_ACCOUNT_CODE_FAILURES) {
      const until = new Date(new Date(totp.failures_since!).getTime() + windowMs);
      return {
        error: new AppError(
          "totp_throttled",
          429,
          `验证码错误次数过多，请于 ${formatShanghai(until.toISOString())} 后再试，或联系本单位系统管理员。`,
        ),
      };
    }
    let recoveryUsed = false;
    const step = verifyTotp(decryptField(secretKey(deps), totp.secret_enc), typed, now, totp.last_step);
    if (step !== undefined) {
      await trx
        .updateTable("user_totp")
        .set({ last_step: step, failures: 0, failures_since: null })
        .where("user_id", "=", user.id)
        .execute();
    } else {
      const code = normaliseRecoveryCode(typed);
      const used = code
        ? await trx
            .updateTable("user_recovery_codes")
            .set({ used_at: now.toISOString() })
            .where("user_id", "=", user.id)
            .where("code_hash", "=", hashCode(deps, code))
            .where("used_at", "is", null)
            .executeTakeFirst()
        : undefined;
      if (!used || Number(used.numUpdatedRows) !== 1) {
        await trx
          .updateTable("user_totp")
          .set(
            inWindow ? { failures: totp.failures + 1 } : { failures: 1, failures_since: now.toISOString() },
          )
          .where("user_id", "=", user.id)
          .execute();
        return { error: await failChallenge(deps, trx, row, user) };
      }
      await trx
        .updateTable("user_totp")
        .set({ failures: 0, failures_since: null })
        .where("user_id", "=", user.id)
        .execute();
      recoveryUsed = true;
    }
    await trx.deleteFrom("login_challenges").where("id", "=", row.id).execute();
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: recoveryUsed ? "auth.recovery_code_used" : "auth.totp_verified",
      entityType: "user",
      entityId: user.id,
      summary: { ip: client.address },
    });
    const session = await openSession(trx, deps.clock, user.id, client);
    return { session, user, recoveryUsed };
  });
  if ("error" in outcome) throw outcome.error;
  return outcome;
}

/** The pending secret of an enrolling user (made on first call, kept until confirmed), and its otpauth URI. */
export async function enrolmentSecret(
  deps: Deps,
  user: CurrentUser,
  issuer: string,
): Promise<{ secret: string; uri: string }> {
  const db = deps.db.kysely;
  const existing = await db
    .selectFrom("user_totp")
    .selectAll()
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (existing?.enabled_at)
    throw new AppError(
      "totp_already_enabled",
      409,
      "已启用双因素认证；如需更换手机，请先停用或请管理员重置。",
    );
  let secret: string;
  if (existing) secret = decryptField(secretKey(deps), existing.secret_enc);
  else {
    secret = newTotpSecret();
    await db
      .insertInto("user_totp")
      .values({
        user_id: user.id,
        secret_enc: encryptField(secretKey(deps), secret),
        created_at: deps.clock.now().toISOString(),
        enabled_at: null,
        last_step: null,
        failures: 0,
        failures_since: null,
      })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
    // Two tabs enrolling at once: the row that won is the secret both show.
    const row = await db
      .selectFrom("user_totp")
      .select("secret_enc")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    secret = decryptField(secretKey(deps), row.secret_enc);
  }
  return { secret, uri: otpauthUri(issuer || ISSUER_FALLBACK, user.username, secret) };
}

async function writeRecoveryCodes(deps: Deps, trx: Executor, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const at = deps.clock.now().toISOString();
  await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("user_recovery_codes")
    .values(
      codes.map((c) => ({
        id: newId(),
        user_id: userId,
        code_hash: hashCode(deps, c),
        created_at: at,
        used_at: null,
      })),
    )
    .execute();
  return codes;
}

/**
 * Confirms enrolment with the first code from the app: enables the factor and returns the ten recovery codes
 * (shown once). Locks the user's row, so two confirmations cannot both write codes.
 */
export async function confirmEnrolment(deps: Deps, user: CurrentUser, typed: string): Promise<string[]> {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await lockTotpRow(deps, trx, user.id);
    if (!row)
      throw new AppError("totp_not_enrolling", 409, "请先打开启用双因素认证的页面，用手机扫描二维码。");
    if (row.enabled_at) throw new AppError("totp_already_enabled", 409, "已启用双因素认证。");
    const now = deps.clock.now();
    const step = verifyTotp(decryptField(secretKey(deps), row.secret_enc), typed, now, null);
    if (step === undefined)
      throw new AppError(
        "totp_invalid",
        400,
        "验证码不正确：请输入手机验证器中当前显示的6位数字，并确认手机时间准确。",
        [
          {
            field: "code",
            code: "totp_invalid",
            message: "验证码不正确：请输入手机验证器中当前显示的6位数字。",
          },
        ],
      );
    await trx
      .updateTable("user_totp")
      .set({ enabled_at: now.toISOString(), last_step: step })
      .where("user_id", "=", user.id)
      .execute();
    const codes = await writeRecoveryCodes(deps, trx, user.id);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "auth.totp_enabled",
      entityType: "user",
      entityId: user.id,
      summary: { recovery_codes: codes.length },
    });
    return codes;
  });
}

/** The signed-in user turns the factor on from their security page: their password again, then the code. */
export async function enableOwnTotp(
  deps: Deps,
  user: CurrentUser,
  typed: string,
  password: string | undefined,
  address?: string,
): Promise<string[]> {
  await reauthenticate(deps, user, password, "启用双因素认证", address);
  return confirmEnrolment(deps, user, typed);
}

/** Enrolment finished inside a login challenge: confirms the code, ends the challenge and opens the session. */
export async function confirmEnrolmentChallenge(
  deps: Deps,
  challengeId: string,
  typed: string,
  client: SessionClient,
): Promise<{ session: string; user: CurrentUser; codes: string[] }> {
  const found = await challengeUser(deps, challengeId);
  if (found?.purpose !== "enrol") throw challengeGone();
  const codes = await confirmEnrolment(deps, found.user, typed);
  const session = await deps.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom("login_challenges").where("id", "=", challengeId).execute();
    return openSession(trx, deps.clock, found.user.id, client);
  });
  return { session, user: found.user, codes };
}

/** New recovery codes for a signed-in user, the old ones void; needs the password and a current code. */
export async function regenerateRecoveryCodes(
  deps: Deps,
  user: CurrentUser,
  typed: string,
  password: string | undefined,
  address?: string,
): Promise<string[]> {
  await reauthenticate(deps, user, password, "重新生成恢复码", address);
  return deps.db.kysely.transaction().execute(async (trx) => {
    await checkCurrentCode(deps, trx, user, typed);
    const codes = await writeRecoveryCodes(deps, trx, user.id);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "auth.recovery_codes_renewed",
      entityType: "user",
      entityId: user.id,
      summary: { recovery_codes: codes.length },
    });
    return codes;
  });
}

/** The user's TOTP row, locked for the rest of the transaction. */
async function lockTotpRow(deps: Deps, trx: Transaction<Database>, userId: string) {
  const q = await lockForUpdate(
    deps.db.dialect,
    trx.selectFrom("user_totp").selectAll().where("user_id", "=", userId),
    () =>
      trx
        .updateTable("user_totp")
        .set((eb) => ({ created_at: eb.ref("created_at") }))
        .where("user_id", "=", userId)
        .execute(),
  );
  return q.executeTakeFirst();
}

async function checkCurrentCode(deps: Deps, trx: Transaction<Database>, user: CurrentUser, typed: string) {
  const row = await lockTotpRow(deps, trx, user.id);
  if (!row?.enabled_at) throw new AppError("totp_not_enabled", 409, "尚未启用双因素认证。");
  const step = verifyTotp(
    decryptField(secretKey(deps), row.secret_enc),
    typed,
    deps.clock.now(),
    row.last_step,
  );
  if (step === undefined)
    throw new AppError("totp_invalid", 400, "验证码不正确或已使用过。", [
      {
        field: "code",
        code: "totp_invalid",
        message: "验证码不正确或已使用过：请输入手机验证器中当前显示的6位数字。",
      },
    ]);
  await trx.updateTable("user_totp").set({ last_step: step }).where("user_id", "=", user.id).execute();
}

/** The user turns their own second factor off (password and a current code); refused when their role requires it. */
export async function disableOwnTotp(
  deps: Deps,
  user: CurrentUser,
  typed: string,
  password: string | undefined,
  address?: string,
): Promise<void> {
  if (totpRequiredFor(deps, user.roles))
    throw new AppError(
      "totp_required",
      409,
      "您的角色必须使用双因素认证，不能停用；更换手机请联系管理员重置。",
    );
  await reauthenticate(deps, user, password, "停用双因素认证", address);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await checkCurrentCode(deps, trx, user, typed);
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_totp").where("user_id", "=", user.id).execute();
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "auth.totp_disabled",
      entityType: "user",
      entityId: user.id,
    });
  });
}

/**
 * An administrator resets another user's second factor (a lost phone): the secret, recovery codes and pending
 * challenges go, the user's sessions end, and the user enrols again at the next sign-in. The caller has
 * authorised `user.manage` on the target's organisation.
 */
export async function resetTotp(deps: Deps, actor: Actor, targetId: string): Promise<boolean> {
  if (actor.id === targetId)
    throw new AppError("cannot_reset_own_totp", 409, "不能重置自己的双因素认证，请由另一位管理员操作。");
  return deps.db.kysely.transaction().execute(async (trx) => {
    const target = await repo.findUserById(trx, targetId);
    if (!target) throw new AppError("user_not_found", 404, "用户不存在。");
    const had = await trx.deleteFrom("user_totp").where("user_id", "=", targetId).executeTakeFirst();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", targetId).execute();
    await trx.deleteFrom("login_challenges").where("user_id", "=", targetId).execute();
    const ended = await repo.endUserSessions(trx, targetId, deps.clock.now().toISOString(), "totp_reset");
    await recordAudit(trx, deps.clock, actor, {
      action: "auth.totp_reset",
      entityType: "user",
      entityId: targetId,
      summary: {
        username: target.username,
        had_factor: Number(had.numDeletedRows) > 0,
        sessions_ended: ended,
      },
    });
    return Number(had.numDeletedRows) > 0;
  });
}
