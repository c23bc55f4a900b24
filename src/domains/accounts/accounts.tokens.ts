import type { Actor, Deps } from "../../deps";
import { hashApiToken } from "../../platform/crypto";
import { AppError } from "../../platform/errors";
import { recordAudit } from "../audit";
import * as repo from "./accounts.repo";

// Revoking API tokens (docs/security.md, "Sessions and sign-in"): the holder of a token revokes it
// (`DELETE /api/v1/tokens/current`), and the office revokes a user's tokens from the command line
// (`gongkai token revoke --username U [--label L]`). A revoked token answers 401 from then on; audited.

/** Revokes the token a request came with; false when it was not a live token. */
export async function revokeCurrentToken(deps: Deps, actor: Actor, token: string): Promise<boolean> {
  const hash = hashApiToken(deps.config.secretKey, token);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("api_tokens")
      .select(["id", "label", "revoked_at"])
      .where("token_hash", "=", hash)
      .executeTakeFirst();
    if (!row || row.revoked_at) return false;
    await trx
      .updateTable("api_tokens")
      .set({ revoked_at: deps.clock.now().toISOString() })
      .where("id", "=", row.id)
      .where("revoked_at", "is", null)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      action: "token.revoke",
      entityType: "api_token",
      entityId: row.id,
      summary: { label: row.label, by: "holder" },
    });
    return true;
  });
}

/** Revokes every live token of a user (or those with `label`); returns how many. */
export async function revokeUserTokens(
  deps: Deps,
  actor: Actor,
  username: string,
  label?: string,
): Promise<number> {
  const user = await repo.findUserByUsername(deps.db.kysely, username.trim().toLowerCase());
  if (!user) throw new AppError("user_not_found", 404, `用户 ${username} 不存在。`);
  return deps.db.kysely.transaction().execute(async (trx) => {
    let q = trx
      .updateTable("api_tokens")
      .set({ revoked_at: deps.clock.now().toISOString() })
      .where("user_id", "=", user.id)
      .where("revoked_at", "is", null);
    if (label !== undefined) q = q.where("label", "=", label);
    const r = await q.executeTakeFirst();
    const n = Number(r.numUpdatedRows);
    if (n)
      await recordAudit(trx, deps.clock, actor, {
        action: "token.revoke",
        entityType: "user",
        entityId: user.id,
        summary: { user: user.username, ...(label !== undefined ? { label } : {}), revoked: n, by: "office" },
      });
    return n;
  });
}
