import type { Translate } from "../../web/i18n";
import { hashGroups } from "./integrity.present";

/** A SHA-256 shown in monospace that wraps on a narrow screen and copies as one string. */
export function Hash(p: { value: string }) {
  return (
    <code class="hash">
      {hashGroups(p.value).map((g, i) => (
        <>
          {i > 0 ? <wbr /> : ""}
          <span safe>{g}</span>
        </>
      ))}
    </code>
  );
}

/** The 核验 block of a public item page: the content's SHA-256 and each published file's, with the way to check. */
export function ItemVerifyBlock(p: {
  contentSha256: string | null | undefined;
  files: Array<{ filename: string; sha256: string }>;
  prefix: string;
  t: Translate;
}) {
  if (!p.contentSha256) return "";
  const { t } = p;
  return (
    <section class="item-verify" aria-labelledby="item-verify-title">
      <h2 id="item-verify-title" safe>
        {t("item.verify_title")}
      </h2>
      <p>
        <span safe>{t("item.verify_content")}</span>
        <a href={`${p.prefix}/verify?sha256=${p.contentSha256}`}>
          <Hash value={p.contentSha256} />
        </a>
      </p>
      {p.files.map((f) => (
        <p>
          <span safe>{t("item.verify_attachment", { name: f.filename })}</span>
          <a href={`${p.prefix}/verify?sha256=${f.sha256}`}>
            <Hash value={f.sha256} />
          </a>
        </p>
      ))}
      <p>
        <a href={`${p.prefix}/verify`} safe>
          {t("item.verify_link")}
        </a>
      </p>
    </section>
  );
}
