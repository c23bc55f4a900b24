// The names in an OLE2 compound file's directory (MS-CFB), for telling Word from Excel and finding VBA macros
// in the old binary formats (.doc, .xls). Only the header, the FAT and the directory chain are read, every
// offset bounds-checked and every chain guarded against loops; undefined for anything malformed.

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_ENTRIES = 100_000;

export function cfbNames(b: Buffer): string[] | undefined {
  if (b.length < 512) return undefined;
  const shift = b.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return undefined;
  const size = 1 << shift;
  const sectors = Math.floor((b.length - size) / size);
  if (sectors <= 0) return undefined;
  const at = (sid: number) => (sid + 1) * size;
  const valid = (sid: number) => sid >= 0 && sid < sectors;

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  const numFat = b.readUInt32LE(0x2c);
  if (numFat > sectors) return undefined;
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(b.readUInt32LE(0x4c + i * 4));
  let difat = b.readUInt32LE(0x44);
  for (let hops = 0; fatSectors.length < numFat && difat !== END_OF_CHAIN && difat !== FREE; hops++) {
    if (!valid(difat) || hops > sectors) return undefined;
    const base = at(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < numFat; i++)
      fatSectors.push(b.readUInt32LE(base + i * 4));
    difat = b.readUInt32LE(base + size - 4);
  }
  const next = (sid: number): number | undefined => {
    const per = size / 4;
    const fat = fatSectors[Math.floor(sid / per)];
    if (fat === undefined || !valid(fat)) return undefined;
    return b.readUInt32LE(at(fat) + (sid % per) * 4);
  };

  const names: string[] = [];
  let sid = b.readUInt32LE(0x30);
  for (let hops = 0; sid !== END_OF_CHAIN; hops++) {
    if (!valid(sid) || hops > sectors) return undefined;
    const base = at(sid);
    for (let off = 0; off + 128 <= size; off += 128) {
      const e = base + off;
      const len = b.readUInt16LE(e + 64);
      const type = b[e + 66];
      if (type === 0 || len < 2 || len > 64) continue;
      names.push(b.toString("utf16le", e, e + len - 2));
      if (names.length > MAX_ENTRIES) return undefined;
    }
    const n = next(sid);
    if (n === undefined) return undefined;
    sid = n;
  }
  return names;
}

/** Storage and stream names that hold VBA projects: Word's `Macros`, Excel's `_VBA_PROJECT_CUR`. */
export const VBA_NAMES = ["Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA"];
