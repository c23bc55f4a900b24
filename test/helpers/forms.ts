import { multipartBody, type Part } from "../../src/domains/publishing/attachments/attachments.test-helpers";
import type { AppInstance } from "../../src/web/types";

/** A cookie jar for app.inject, so tests can walk through forms like a browser. */
export class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly app: AppInstance) {}

  private remember(setCookie: string | string[] | undefined) {
    for (const c of ([] as string[]).concat(setCookie ?? [])) {
      const [pair] = c.split(";");
      const [name, ...rest] = pair!.split("=");
      this.cookies.set(name!.trim(), rest.join("="));
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(url: string) {
    const res = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookieHeader } });
    this.remember(res.headers["set-cookie"]);
    return res;
  }

  async post(url: string, form: Record<string, string> | URLSearchParams) {
    const res = await this.app.inject({
      method: "POST",
      url,
      headers: { cookie: this.cookieHeader, "content-type": "application/x-www-form-urlencoded" },
      payload: (form instanceof URLSearchParams ? form : new URLSearchParams(form)).toString(),
    });
    this.remember(res.headers["set-cookie"]);
    return res;
  }

  /** Posts a multipart form (parts in document order, as a browser sends them). */
  async postMultipart(url: string, parts: Part[]) {
    const { payload, headers } = multipartBody(parts);
    const res = await this.app.inject({
      method: "POST",
      url,
      headers: { cookie: this.cookieHeader, ...headers },
      payload,
    });
    this.remember(res.headers["set-cookie"]);
    return res;
  }

  /** Loads a page with a form and returns its CSRF token. */
  async csrfFrom(url: string): Promise<string> {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return m[1]!;
  }

  async login(username: string, password: string) {
    const token = await this.csrfFrom("/admin/login");
    return this.post("/admin/login", { _csrf: token, username, password });
  }
}
