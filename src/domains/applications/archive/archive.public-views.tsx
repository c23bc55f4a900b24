import { LANG_PREFIX, type Lang, translator } from "../../../web/i18n";

/** On the application form: what others already asked and what was made public because many asked. */
export function ArchiveLinks(p: { lang: Lang }) {
  const t = translator(p.lang);
  const prefix = LANG_PREFIX[p.lang];
  return (
    <p class="archive-links">
      <span safe>{t("archive.from_apply")}</span>
      <a href={`${prefix}/hd/archive`} safe>
        {t("archive.title")}
      </a>
      {"、"}
      <a href={`${prefix}/hd/repeated`} safe>
        {t("repeated.title")}
      </a>
    </p>
  );
}
