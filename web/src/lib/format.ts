/** Bytes in words: "45 bytes", "12 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 action", "3 actions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "24" and "per cent" -> "24 per cent"; "%" sticks to its number. */
export function formatValue(value: number, unit: string): string {
  const number = value.toLocaleString('en-GB');
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}
