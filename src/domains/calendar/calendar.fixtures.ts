// Test data shared by the calendar tests.

/** Not the real 2027 arrangement (unpublished when this was written): a plausible one for tests. */
export const NOTICE_2027 = {
  year: 2027,
  document_number: "国办发明电〔2026〕99号（测试）",
  days: [
    { date: "2027-01-01", off: true, name: "元旦" },
    ...["06", "07", "08", "09", "10", "11", "12", "13"].map((d) => ({
      date: `2027-02-${d}`,
      off: true,
      name: "春节",
    })),
    { date: "2027-02-20", off: false, name: "春节" },
  ],
};
