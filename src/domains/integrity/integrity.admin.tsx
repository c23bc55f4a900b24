import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { formatShanghai } from "../../platform/time";
import { requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { actorOf } from "../accounts";
import { type AlertView, acknowledgeAlert } from "./integrity.alerts";

const SHOWN = 20;

/** The dashboard's red box: each open alert, what differs, and a form to acknowledge it (audit-logged). */
export function IntegrityAlerts(p: { alerts: AlertView[]; csrf: string }) {
  if (p.alerts.length === 0) return "";
  return (
    <section class="error-summary" role="alert" aria-labelledby="integrity-alerts-title">
      <h2 id="integrity-alerts-title">防篡改告警</h2>
      {p.alerts.map((a) => (
        <div class="integrity-alert">
          <p safe>
            {`${formatShanghai(a.detected_at)} 检查发现 ${a.differences.length} 处已发布信息与每日核验链不一致：`}
          </p>
          <ul>
            {a.differences.slice(0, SHOWN).map((d) => (
              <li safe>{d.message}</li>
            ))}
            {a.differences.length > SHOWN ? <li safe>{`……另有 ${a.differences.length - SHOWN} 处`}</li> : ""}
          </ul>
          <p>
            核实并处理后确认告警；确认会记入审计日志。命令 <code>gongkai integrity check</code>{" "}
            可随时重新检查。
          </p>
          <form method="post" action={`/admin/integrity/alerts/${a.id}/acknowledge`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <Field id={`ack-note-${a.id}`} name="note" label="处理说明（可选）" maxlength={500} />
            <button type="submit" class="button">
              确认告警
            </button>
          </form>
        </div>
      ))}
    </section>
  );
}

export function registerIntegrityAdmin(app: AppInstance, deps: Deps): void {
  app.post(
    "/admin/integrity/alerts/:id/acknowledge",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
        body: Type.Object({
          _csrf: Type.Optional(Type.String()),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await acknowledgeAlert(deps, user, actorOf(user), req.params.id, req.body.note?.trim() || null);
      req.session.set("flash", "已确认防篡改告警。");
      return reply.redirect("/admin", 303);
    },
  );
}
