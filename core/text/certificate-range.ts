/**
 * 起止号 as printed everywhere — the 审核表 (附件3) export, the task pane's write-back and the bureau
 * console: the series prefix once, then each block `start-end` zero-padded to the series width;
 * consecutive blocks merge, separate ones are joined by `、`:
 *   桂教中专毕字（2022）000001-000050、000061-000070
 * core's parseRange reads it back (the prefix is stripped; `-` is one of its separators).
 */
export interface SerialSpan {
  startSerial: number;
  endSerial: number;
}

export function formatCertificateRanges(ranges: readonly SerialSpan[], series: { prefix: string; serialWidth: number }): string {
  if (ranges.length === 0) return '';
  const sorted = [...ranges].sort((a, b) => a.startSerial - b.startSerial);
  const merged: SerialSpan[] = [];
  for (const r of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && r.startSerial <= prev.endSerial + 1) prev.endSerial = Math.max(prev.endSerial, r.endSerial);
    else merged.push({ startSerial: r.startSerial, endSerial: r.endSerial });
  }
  const pad = (n: number) => String(n).padStart(series.serialWidth, '0');
  return series.prefix + merged.map((m) => `${pad(m.startSerial)}-${pad(m.endSerial)}`).join('、');
}
