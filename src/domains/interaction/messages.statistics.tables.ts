// The stored statistics of messages (migration 0026): see messages.statistics.ts.

/** One cell: a site's messages received in a period, handled by one organisation, of one type and channel. */
export interface MessageStatisticsTable {
  site_id: string;
  year: number;
  /** 1-12, or 0 for the whole year. */
  month: number;
  org_id: string;
  type: string;
  channel: string;
  received: number;
  answered: number;
  answered_on_time: number;
  answered_late: number;
  overdue_open: number;
  alarm_open: number;
  rejected: number;
  returned: number;
  published: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** JSON array of the working days each answered message took. */
  answer_days: string;
  computed_at: string;
}

export interface MessageStatisticsTables {
  message_statistics: MessageStatisticsTable;
}
