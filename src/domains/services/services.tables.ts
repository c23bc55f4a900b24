// Row types of the government-services tables (政务服务, migration 0031).

/** Public state of a service item: a draft never approved, in force, or cancelled by a recorded decision. */
export type ServiceItemStatus = "draft" | "published" | "cancelled";
/** A proposed version: being edited, awaiting review, approved (applied), or rejected back to editing. */
export type VersionStatus = "editing" | "submitted" | "approved";
/** What a version does to the item: adds it (新增), changes it (变更) or cancels it (取消). */
export type ChangeKind = "add" | "change" | "cancel";

export interface ServiceItemTable {
  id: string;
  site_id: string;
  /** The implementing body (实施主体). */
  org_id: string;
  /** Basic-catalogue code (基本目录编码). */
  code: string;
  /** Implementation code (实施清单编码), unique per site. */
  impl_code: string;
  name: string;
  /** One of ITEM_TYPES (行政许可 …公共服务); table 二 of the annual report counts 行政许可. */
  type: string;
  /** One of LEVELS (国家 省 市 县 乡 村). */
  level: string;
  /** Comma-separated life-event keys (出生, 就业 …) the item belongs to. */
  life_events: string;
  /** 0-4: the online depth (网办深度) of the published version. */
  online_depth: number;
  /** Visits to the hall (到现场次数) of the published version. */
  visits: number;
  status: ServiceItemStatus;
  /** Number of the version in force (0: none yet). */
  version: number;
  /** The implementation-list entry in force (JSON, ItemContent), or "{}" for a draft. */
  content_json: string;
  published_at: string | null;
  cancelled_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceItemVersionTable {
  id: string;
  item_id: string;
  number: number;
  change_kind: ChangeKind;
  status: VersionStatus;
  /** The whole implementation-list entry as proposed (JSON, ItemContent). */
  content_json: string;
  /** The materials as proposed: JSON [{material_id, condition}]. */
  materials_json: string;
  /** The recorded decision (决定) that adds, changes or cancels the item: its number and title. */
  decision: string;
  /** Why the change is made. */
  reason: string;
  review_note: string | null;
  created_by: string;
  submitted_by: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The materials of the version in force, one row each (the 减材料 report and "used by" read these). */
export interface ServiceItemMaterialTable {
  item_id: string;
  material_id: string;
  position: number;
  /** When the material is needed (e.g. 委托办理时), or "". */
  condition: string;
}

export interface ServiceMaterialTable {
  id: string;
  site_id: string;
  /** The department that keeps the material's definition. */
  org_id: string;
  name: string;
  /** required | conditional | optional (必要性). */
  necessity: string;
  /** paper | electronic | both. */
  form: string;
  /** original | copy | original_and_copy. */
  kind: string;
  copies: number;
  /** applicant | government | third_party (来源渠道). */
  source: string;
  /** The department that issues it, when it is issued by the government (a 减材料 candidate). */
  issuer_org_id: string | null;
  notes: string;
  /** Acceptance standard (受理标准). */
  standard: string;
  /** Legal basis (设定依据). */
  basis: string;
  blank_sha256: string | null;
  blank_name: string | null;
  sample_sha256: string | null;
  sample_name: string | null;
  /** Incremented with each edit. */
  revision: number;
  created_at: string;
  updated_at: string;
}

/** 一件事: several items across departments with one notice, one form, one set of materials, one window. */
export interface ServiceBundleTable {
  id: string;
  site_id: string;
  /** URL key, e.g. newborn. */
  key: string;
  name: string;
  life_event: string;
  /** The one notice (一次告知), plain text. */
  notice: string;
  /** The one window (一窗受理). */
  window: string;
  /** JSON [{item_id, parallel}] in order; parallel items are approved together (并联审批). */
  items_json: string;
  /** Promised time limit of the whole, working days. */
  promised_days: number;
  created_at: string;
  updated_at: string;
}

/** A service hall (county 政务服务中心, town 便民服务中心, community 便民服务站). */
export interface ServiceHallTable {
  id: string;
  site_id: string;
  org_id: string;
  name: string;
  /** county | town | community. */
  level: string;
  address: string;
  hours: string;
  phone: string;
  position: number;
}

/** A window unit of a hall: the departments stationed there and the convenience modes it offers. */
export interface ServiceWindowTable {
  id: string;
  hall_id: string;
  name: string;
  /** JSON array of org ids stationed at the window. */
  org_ids_json: string;
  /** JSON array of mode keys offered (see service_modes). */
  modes_json: string;
  position: number;
}

/** The site's configurable list of convenience service modes (便民服务模式, the work plan counts 14). */
export interface ServiceModeTable {
  site_id: string;
  key: string;
  name: string;
  /** A special mode (特色服务模式) counts toward the 8 each window unit must offer. */
  special: number;
  position: number;
}

export interface ServiceTables {
  service_items: ServiceItemTable;
  service_item_versions: ServiceItemVersionTable;
  service_item_materials: ServiceItemMaterialTable;
  service_materials: ServiceMaterialTable;
  service_bundles: ServiceBundleTable;
  service_halls: ServiceHallTable;
  service_windows: ServiceWindowTable;
  service_modes: ServiceModeTable;
}
