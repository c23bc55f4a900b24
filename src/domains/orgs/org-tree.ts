import type { Org } from "./orgs.repo";

/** An in-memory view of the organisation tree; small (hundreds of rows), rebuilt when orgs change. */
export class OrgTree {
  private readonly byId = new Map<string, Org>();
  private readonly children = new Map<string | null, Org[]>();

  constructor(orgs: Org[]) {
    for (const o of orgs) this.byId.set(o.id, o);
    for (const o of orgs) {
      const key = o.parent_id;
      const list = this.children.get(key) ?? [];
      list.push(o);
      this.children.set(key, list);
    }
    for (const list of this.children.values()) {
      list.sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code));
    }
  }

  get(id: string): Org | undefined {
    return this.byId.get(id);
  }

  childrenOf(id: string | null): Org[] {
    return this.children.get(id) ?? [];
  }

  roots(siteId?: string): Org[] {
    return this.childrenOf(null).filter((o) => !siteId || o.site_id === siteId);
  }

  /** True when `id` is `ancestorId` itself or lies beneath it. */
  isWithin(id: string, ancestorId: string): boolean {
    let cur = this.byId.get(id);
    for (let depth = 0; cur && depth < 64; depth++) {
      if (cur.id === ancestorId) return true;
      cur = cur.parent_id ? this.byId.get(cur.parent_id) : undefined;
    }
    return false;
  }

  path(id: string): Org[] {
    const out: Org[] = [];
    let cur = this.byId.get(id);
    while (cur && out.length < 64) {
      out.unshift(cur);
      cur = cur.parent_id ? this.byId.get(cur.parent_id) : undefined;
    }
    return out;
  }

  /** Depth-first listing with depth, for indented tree views. */
  flatten(siteId?: string): Array<{ org: Org; depth: number }> {
    const out: Array<{ org: Org; depth: number }> = [];
    const walk = (o: Org, depth: number) => {
      out.push({ org: o, depth });
      for (const c of this.childrenOf(o.id)) walk(c, depth + 1);
    };
    for (const r of this.roots(siteId)) walk(r, 0);
    return out;
  }
}
