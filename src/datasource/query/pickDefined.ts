// Settings and signal overrides where only the fields someone filled in count (undefined or an empty string: not set).
export function pickDefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
