// Tables of the 12345 hotline (migration 0025). A ticket's caller name and phone live on its message row,
// encrypted like every message's (messages.service.ts); nothing here holds them in clear.

export interface HotlineTicketTable {
  message_id: string;
  site_id: string;
  /** 12345's 工单编号, unique per site. */
  ticket_no: string;
  /** The date 12345 dispatched it to the county (派单日期): the message's received_on. */
  dispatched_on: string;
  /** The 承办单位 12345 named (an organisation of the site), for the office's transfer. */
  org_id: string | null;
  /** satisfied | basic | unsatisfied, as 12345's 回访 reported it. */
  satisfaction: string | null;
  satisfaction_on: string | null;
  /** api | import */
  source: string;
  /** SHA-256 of the ticket's content as first received: the same push again is the same ticket. */
  payload_hash: string;
  created_at: string;
  updated_at: string;
}

/** An uploaded export between its preview and its confirmation; the rows encrypted (they hold callers' names). */
export interface HotlineImportTable {
  id: string;
  site_id: string;
  user_id: string;
  filename: string;
  rows_enc: string;
  row_count: number;
  created_at: string;
  imported_at: string | null;
}

export interface HotlineNumberTable {
  id: string;
  site_id: string;
  number: string;
  name: string;
  org_id: string;
  /** merged | kept | withdrawn */
  status: string;
  /** Why a number is kept (required then). */
  reason: string | null;
  merged_on: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface HotlineTables {
  hotline_tickets: HotlineTicketTable;
  hotline_imports: HotlineImportTable;
  hotline_numbers: HotlineNumberTable;
}
